import { automaticFix, type Finding, TextDocument } from '../core/index.js';

/** The text after one pass of fixes, and the findings whose fix was applied. */
export interface FixPass {
  readonly text: string;
  readonly applied: readonly Finding[];
}

interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * Applies one safe fix per finding (the fix policy's {@link automaticFix},
 * the same fix the editor prefers and applies on save) to `text`, the text the findings were
 * computed on. A fix with an edit that overlaps or touches an edit already
 * taken is skipped, so two fixes never fight over the same characters; the
 * caller re-checks and runs another pass for those. Inserted line breaks
 * follow the file's own (CRLF files stay CRLF).
 */
export function applySafeFixes(path: string, text: string, findings: readonly Finding[]): FixPass {
  const document = new TextDocument(path, text);
  const crlf = document.eol === '\r\n';
  const taken: OffsetEdit[] = [];
  const applied: Finding[] = [];
  for (const finding of findings) {
    const fix = automaticFix(finding);
    if (fix === undefined || fix.edits.length === 0) continue;
    const edits = fix.edits.map((edit) => ({
      start: document.offsetAt(edit.range.start),
      end: document.offsetAt(edit.range.end),
      newText: crlf ? edit.newText.replace(/\r?\n/g, '\r\n') : edit.newText,
    }));
    if (edits.some((edit) => edit.end < edit.start || taken.some((other) => touches(edit, other)))) continue;
    if (edits.every((edit) => text.slice(edit.start, edit.end) === edit.newText)) continue;
    taken.push(...edits);
    applied.push(finding);
  }
  let fixed = text;
  for (const edit of [...taken].sort((a, b) => b.start - a.start)) fixed = fixed.slice(0, edit.start) + edit.newText + fixed.slice(edit.end);
  return { text: fixed, applied };
}

/** Overlapping or adjacent: the order two such edits apply in would change the result. */
function touches(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}
