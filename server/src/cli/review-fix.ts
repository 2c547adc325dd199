import { automaticFix, type Finding, type Fix, type Position, type TextDocument } from '../core/index.js';

/** One edit of a fix, in the CLI's 1-based positions (columns in UTF-16 code units, as the engine and SARIF count). */
export interface ReportedEdit {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The replacement, with the line breaks of the file it goes into. */
  readonly newText: string;
}

/**
 * A fix as one replacement of a region, with 1-based UTF-8 byte columns:
 * what reviewdog turns into a GitHub suggested change, which replaces the
 * whole lines from `line` to `endLine`. Every line it names exists in the
 * file (an insertion after the last line break is moved before it).
 */
export interface ReportedSuggestion {
  readonly line: number;
  readonly byteColumn: number;
  readonly endLine: number;
  readonly endByteColumn: number;
  readonly text: string;
}

/**
 * The fix of a finding that reaches reviewers (SARIF `fixes`, rdjson
 * `suggestions`): the core's fix, its edits in output positions, and the
 * same change as one suggestion.
 */
export interface ReviewFix {
  readonly title: string;
  /** Whether `--fix` applies it (it cannot change what the text means). */
  readonly safe: boolean;
  readonly edits: readonly ReportedEdit[];
  /**
   * The same change on the file's existing lines; `undefined` in the one
   * case that cannot be: a fix that takes away the file's final line break
   * (no line a pull request shows holds that change).
   */
  readonly suggestion: ReportedSuggestion | undefined;
}

/**
 * Which fix of a finding a reviewer is shown: the one `--fix` applies (a
 * safe fix), else the finding's only fix when it has just one (a reviewer
 * still decides on it); none when a writer must choose between several.
 * The single place the output formats decide this.
 */
export function fixForReview(finding: Finding): Fix | undefined {
  // A suppression is never a change to suggest.
  const fixes = (finding.fixes ?? []).filter((fix) => fix.suppression !== true);
  return automaticFix(finding) ?? (fixes.length === 1 ? fixes[0] : undefined);
}

interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The fix a reviewer is shown for `finding`, on `document` (the text the
 * finding was computed on); `undefined` when there is none, or when its
 * edits overlap or change nothing. Inserted line breaks follow the file's
 * own, as `--fix` writes them.
 */
export function reviewFixOf(finding: Finding, document: TextDocument): ReviewFix | undefined {
  const fix = fixForReview(finding);
  if (fix === undefined || fix.edits.length === 0) return undefined;
  const eol = document.eol;
  const edits: OffsetEdit[] = fix.edits
    .map((edit) => ({
      start: document.offsetAt(edit.range.start),
      end: document.offsetAt(edit.range.end),
      newText: eol === '\r\n' ? edit.newText.replace(/\r?\n/g, '\r\n') : edit.newText,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const overlapping = edits.some((edit, index) => edit.end < edit.start || (index > 0 && edit.start < (edits[index - 1]?.end ?? 0)));
  if (overlapping || edits.every((edit) => document.text.slice(edit.start, edit.end) === edit.newText)) return undefined;
  return {
    title: fix.title,
    safe: fix.safe,
    edits: edits.map((edit) => {
      const start = document.positionAt(edit.start);
      const end = document.positionAt(edit.end);
      return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, newText: edit.newText };
    }),
    suggestion: suggestionOf(document, edits, eol),
  };
}

/** The edits (sorted, not overlapping) as one replacement of the text from the first edit's start to the last one's end. */
function suggestionOf(document: TextDocument, edits: readonly OffsetEdit[], eol: string): ReportedSuggestion | undefined {
  const text = document.text;
  let start = edits[0]?.start ?? 0;
  let end = edits.at(-1)?.end ?? start;
  let replacement = '';
  let cursor = start;
  for (const edit of edits) {
    replacement += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  // After a final line break there is no line in the file (nor in a diff): end the region before that break,
  // by leaving out a line break both texts end with, or else by moving the region back over the line break before it.
  if (end === text.length && text.endsWith(eol) && end > 0) {
    if (start < end && text.slice(start, end).endsWith(eol) && replacement.endsWith(eol)) {
      end -= eol.length;
      replacement = replacement.slice(0, -eol.length);
    } else if ((replacement === '' || replacement.endsWith(eol)) && text.slice(start - eol.length, start) === eol) {
      start -= eol.length;
      end -= eol.length;
      replacement = (eol + replacement).slice(0, -eol.length);
    }
  }
  if (end === text.length && text.endsWith(eol) && end > 0) return undefined;
  const from = document.positionAt(start);
  const to = document.positionAt(end);
  return { line: from.line + 1, byteColumn: byteColumn(document, from), endLine: to.line + 1, endByteColumn: byteColumn(document, to), text: replacement };
}

/** The 1-based UTF-8 byte column of a position, as reviewdog counts columns. */
export function byteColumn(document: TextDocument, position: Position): number {
  return Buffer.byteLength(document.lineText(position.line).slice(0, position.character), 'utf8') + 1;
}
