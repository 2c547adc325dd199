import { type SlowShapeExcess, slowShapeExcess } from './markdown/parse-limits.js';

/**
 * Limits on what the engine parses. The Markdown parser's time grows faster
 * than the text (on a typical machine a 1 MB article takes seconds, 5 MB half
 * a minute, and 50 MB does not finish) and its tree walks recurse once per
 * nesting level, so texts beyond these limits are reported as not checked
 * instead of being parsed.
 */

/** Longest text parsed, in UTF-16 code units: more than ten times the largest article of a large real KB. */
export const MAX_PARSED_LENGTH = 2 * 1024 * 1024;

/**
 * Largest file read, in bytes, known from its size before reading it. A
 * UTF-8 byte sequence is at most three bytes per UTF-16 code unit, so a
 * larger file is beyond {@link MAX_PARSED_LENGTH} for sure, and is reported
 * as too large without being read: a link to a huge file costs nothing.
 */
export const MAX_READ_BYTES = 3 * MAX_PARSED_LENGTH;

/**
 * Most block quote and list markers that may open a line (`> > - 1.`), as in
 * markdown-it's `maxNesting`. Deeper nesting exhausts the parser's stack.
 */
export const MAX_LINE_NESTING = 100;

/**
 * Widest indentation (in columns) before a block quote or list marker. Each
 * nested list indents its items further, so a marker this far in stands for
 * about a hundred levels, and the parser's time grows with the square of the
 * depth.
 */
export const MAX_MARKER_INDENT = 2 * MAX_LINE_NESTING;

/** Why a text is not parsed. */
export type ParseLimit =
  | { readonly reason: 'too-large' | 'too-deep' }
  /** A shape the Markdown parser takes super-linear time on, counted beyond its limit (`markdown/parse-limits.ts`). */
  | { readonly reason: 'too-complex'; readonly excess: SlowShapeExcess };

/**
 * Why a text is not parsed, or `undefined` when it is within the limits.
 * `previousText`, the text that `text` is an edit of, lets the Markdown scan
 * count again only what the edit can change.
 */
export function parseLimitExceeded(text: string, markdown: boolean, previousText?: string): ParseLimit | undefined {
  if (text.length > MAX_PARSED_LENGTH) return { reason: 'too-large' };
  if (!markdown) return undefined;
  if (nestsTooDeeply(text)) return { reason: 'too-deep' };
  const excess = slowShapeExcess(text, previousText);
  return excess === undefined ? undefined : { reason: 'too-complex', excess };
}

/**
 * Whether a line opens with more than {@link MAX_LINE_NESTING} container
 * markers, or has one after more than {@link MAX_MARKER_INDENT} columns; one
 * pass over the text.
 */
function nestsTooDeeply(text: string): boolean {
  let depth = 0;
  let column = 0;
  let atLineStart = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 13) {
      depth = 0;
      column = 0;
      atLineStart = true;
      continue;
    }
    if (!atLineStart) continue;
    if (code === 32 || code === 9) {
      column += code === 9 ? 4 - (column % 4) : 1;
      continue;
    }
    const markerEnd = containerMarkerEnd(text, index);
    if (markerEnd === undefined) {
      atLineStart = false;
      continue;
    }
    if (++depth > MAX_LINE_NESTING || column > MAX_MARKER_INDENT) return true;
    column += markerEnd - index;
    index = markerEnd - 1;
  }
  return false;
}

/** The offset after a `>`, `-`/`+`/`*` or `1.`/`1)` marker at `index`, or `undefined` when none starts there. */
function containerMarkerEnd(text: string, index: number): number | undefined {
  const code = text.charCodeAt(index);
  if (code === 62) return index + 1;
  const followedByBlank = (at: number): boolean => at >= text.length || /[ \t\r\n]/.test(text.charAt(at));
  if ((code === 45 || code === 43 || code === 42) && followedByBlank(index + 1)) return index + 1;
  let digits = index;
  while (digits < text.length && digits - index < 9 && text.charCodeAt(digits) >= 48 && text.charCodeAt(digits) <= 57) digits++;
  const delimiter = text.charCodeAt(digits);
  if (digits > index && (delimiter === 46 || delimiter === 41) && followedByBlank(digits + 1)) return digits + 1;
  return undefined;
}
