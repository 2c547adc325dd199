import type { TextDocument } from '../text-document.js';
import type { Range } from '../types.js';

/** A rule id named in a suppression comment, with where it was named (to report unknown ids). */
export interface SuppressionMention {
  readonly ruleId: string;
  readonly range: Range;
}

/** Which lines each rule is silenced on, from `kb-disable` comments. */
export interface Suppressions {
  /** Whether a finding of `ruleId` starting on `line` (zero-based) is silenced. */
  isSuppressed(ruleId: string, line: number): boolean;
  readonly mentions: readonly SuppressionMention[];
}

/** What most files have: one shared object rather than a closure per file. */
const NO_SUPPRESSIONS: Suppressions = { mentions: [], isSuppressed: () => false };

const DIRECTIVE = /<!--\s*kb-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;
const ALL_RULES = '*';

/**
 * Reads markdownlint-style comments: `<!-- kb-disable id... -->` up to
 * `<!-- kb-enable id... -->` (or the end of the file), and
 * `<!-- kb-disable-next-line id... -->`. No ids means every rule.
 */
export function parseSuppressions(htmlNodes: ReadonlyArray<{ value: string; offset: number }>, document: TextDocument): Suppressions {
  const blocks: Array<{ ruleId: string; from: number; to: number }> = [];
  const singleLines: Array<{ ruleId: string; line: number }> = [];
  const mentions: SuppressionMention[] = [];
  const open = new Map<string, number>();

  for (const node of htmlNodes) {
    for (const match of node.value.matchAll(DIRECTIVE)) {
      const directive = match[1];
      const matchOffset = node.offset + (match.index ?? 0);
      const line = document.positionAt(matchOffset).line;
      const idsOffset = matchOffset + match[0].indexOf(match[2] ?? '', 4 + (directive?.length ?? 0));
      const ids: string[] = [];
      for (const id of (match[2] ?? '').matchAll(/[A-Za-z0-9-]+/g)) {
        ids.push(id[0]);
        const idStart = idsOffset + (id.index ?? 0);
        mentions.push({ ruleId: id[0], range: document.rangeAt(idStart, idStart + id[0].length) });
      }
      const targets = ids.length > 0 ? ids : [ALL_RULES];
      for (const ruleId of targets) {
        if (directive === 'disable') {
          if (!open.has(ruleId)) open.set(ruleId, line);
        } else if (directive === 'enable') {
          const from = open.get(ruleId);
          if (from !== undefined) blocks.push({ ruleId, from, to: line });
          open.delete(ruleId);
          if (ruleId === ALL_RULES) {
            for (const [other, otherFrom] of open) blocks.push({ ruleId: other, from: otherFrom, to: line });
            open.clear();
          }
        } else if (directive === 'disable-next-line') {
          singleLines.push({ ruleId, line: nextContentLine(document, line) });
        } else {
          singleLines.push({ ruleId, line });
        }
      }
    }
  }
  for (const [ruleId, from] of open) blocks.push({ ruleId, from, to: Number.POSITIVE_INFINITY });
  if (blocks.length === 0 && singleLines.length === 0 && mentions.length === 0) return NO_SUPPRESSIONS;

  const matches = (candidate: string, ruleId: string): boolean => candidate === ALL_RULES || candidate === ruleId;
  return {
    mentions,
    isSuppressed: (ruleId, line) =>
      blocks.some((block) => matches(block.ruleId, ruleId) && line >= block.from && line <= block.to) ||
      singleLines.some((entry) => matches(entry.ruleId, ruleId) && entry.line === line),
  };
}

/** The line after the comment, skipping the comment's own continuation lines. */
function nextContentLine(document: TextDocument, commentLine: number): number {
  let line = commentLine;
  while (line < document.lineCount - 1 && !document.lineText(line).includes('-->')) line++;
  return line + 1;
}
