/**
 * Shapes of legal Markdown on which the parser (micromark, under
 * remark-parse and remark-gfm) takes time that grows faster than the text:
 * measured with `bench/markdown-shapes.mjs`, written up in
 * `bench/markdown-shapes.md`. A text beyond one of these limits is reported
 * as not checked instead of being parsed. Each count is kept where the
 * parser's cost grows with it (a paragraph, a block quote, the file), so a
 * text within the limits costs at most a constant factor more per byte than
 * ordinary prose. One pass over the lines; no regular expression that can
 * backtrack.
 */

/** Setext headings (`Title` over `===` or `---`) in one file: the parser's time grows with the cube of their number. */
export const MAX_SETEXT_HEADINGS = 64;

/**
 * Paragraph lines that setext underlines turn into headings, added up over
 * the file: each underline makes the parser walk back over its paragraph, so
 * a few headings over very long paragraphs cost as much as many headings.
 */
export const MAX_SETEXT_LINES = 1024;

/** Lazy continuation lines (without `>`) after one block quote line: time grows with the square of their number. */
export const MAX_LAZY_LINES = 256;

/** Runs of `*` or `_` in one paragraph: emphasis that opens and closes in nested runs takes time quadratic in their number. */
export const MAX_EMPHASIS_RUNS = 256;

/**
 * Emphasis runs in one paragraph that may open and are still waiting for a
 * closer: each closer is tried against every one of them, so the time grows
 * with the square of their number or faster (86 openers then closers took
 * 0.1 to 0.4 s in a 516-byte paragraph).
 */
export const MAX_OPEN_EMPHASIS = 32;

/** `[` (links, images, references) in one paragraph: each unmatched one is tried against the rest. */
export const MAX_BRACKETS = 512;

/** Nesting depth of `[` in one paragraph. */
export const MAX_BRACKET_DEPTH = 32;

/** The shapes counted, named for the finding. */
export type SlowShape = 'setext headings' | 'lines under setext headings' | 'lazy block quote lines' | 'emphasis delimiter runs' | 'open emphasis delimiter runs' | 'brackets' | 'nested brackets';

/** A count beyond its limit, with the (0-based) line where it went over. */
export interface SlowShapeExcess {
  readonly shape: SlowShape;
  readonly limit: number;
  readonly line: number;
  /** Where the count is kept: the whole file, or the paragraph or block quote holding `line`. */
  readonly scope: 'file' | 'paragraph' | 'block quote';
}

/** The first count of `text` beyond its limit, or `undefined` when the parser can take the text in linear time. */
export function slowShapeExcess(text: string): SlowShapeExcess | undefined {
  return new ShapeCounter().scan(text);
}

/** The `file-unreadable` message for a text with `excess`. */
export function slowShapeMessage(excess: SlowShapeExcess): string {
  const where = excess.scope === 'file' ? 'in the file' : `in one ${excess.scope}`;
  return `More than ${excess.limit} ${excess.shape} ${where} (here the count goes over); the Markdown parser slows down steeply with each, so the file was not checked. Split the ${excess.scope === 'file' ? 'file' : excess.scope}, or write it differently.`;
}

const LINE_BREAK = /\r\n|\r|\n/;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const SETEXT_UNDERLINE = /^[ \t]{0,3}(?:=+|-+)[ \t]*$/;
const ATX_HEADING = /^[ \t]{0,3}#{1,6}(?:[ \t]|$)/;
const QUOTE_START = /^[ \t]{0,3}>/;

class ShapeCounter {
  private setextHeadings = 0;
  private setextLines = 0;
  private paragraphLines = 0;
  private emphasisRuns = 0;
  private openEmphasis = 0;
  private brackets = 0;
  private bracketDepth = 0;
  private lazyLines = 0;
  private inQuote = false;
  private previousIsParagraph = false;
  private fence: string | undefined;

  scan(text: string): SlowShapeExcess | undefined {
    const lines = text.split(LINE_BREAK);
    let first = 0;
    // Front matter is YAML, not Markdown: its closing `---` is no setext underline.
    if (lines[0] === '---') {
      const end = lines.findIndex((line, index) => index > 0 && (line === '---' || line === '...'));
      if (end > 0) first = end + 1;
    }
    for (let index = first; index < lines.length; index++) {
      const excess = this.line(lines[index] ?? '', index);
      if (excess !== undefined) return excess;
    }
    return undefined;
  }

  private line(line: string, index: number): SlowShapeExcess | undefined {
    const prefix = line.slice(0, containerPrefixLength(line));
    const content = line.slice(prefix.length);
    const blank = content.trim() === '';
    const fence = FENCE.exec(content)?.[1];
    if (this.fence !== undefined) {
      // Inside fenced code nothing is parsed as inline Markdown.
      if (fence !== undefined && fence[0] === this.fence[0] && fence.length >= this.fence.length) this.fence = undefined;
      return undefined;
    }
    if (fence !== undefined) {
      this.fence = fence;
      this.endParagraph();
      return undefined;
    }
    if (QUOTE_START.test(line)) {
      this.inQuote = true;
      this.lazyLines = 0;
    } else if (this.inQuote && !blank && prefix === '') {
      if (++this.lazyLines > MAX_LAZY_LINES) return { shape: 'lazy block quote lines', limit: MAX_LAZY_LINES, line: index, scope: 'block quote' };
    }
    if (blank) {
      this.inQuote = false;
      this.endParagraph();
      return undefined;
    }
    if (this.previousIsParagraph && prefix === '' && SETEXT_UNDERLINE.test(content)) {
      this.setextLines += this.paragraphLines;
      this.endParagraph();
      if (++this.setextHeadings > MAX_SETEXT_HEADINGS) return { shape: 'setext headings', limit: MAX_SETEXT_HEADINGS, line: index, scope: 'file' };
      if (this.setextLines > MAX_SETEXT_LINES) return { shape: 'lines under setext headings', limit: MAX_SETEXT_LINES, line: index, scope: 'file' };
      return undefined;
    }
    // A list item, a heading or a table row starts inline content of its own.
    if (prefix !== '' || ATX_HEADING.test(content) || content.trimStart().startsWith('|')) this.endParagraph();
    const excess = this.inline(content, index);
    this.previousIsParagraph = !ATX_HEADING.test(content);
    this.paragraphLines = this.previousIsParagraph ? this.paragraphLines + 1 : 0;
    return excess;
  }

  private inline(content: string, index: number): SlowShapeExcess | undefined {
    const codeSpans = codeSpanEnds(content);
    for (let at = 0; at < content.length; at++) {
      const char = content[at];
      const codeEnd = codeSpans.get(at);
      if (codeEnd !== undefined) {
        at = codeEnd - 1;
      } else if (char === '\\') {
        at++;
      } else if (char === '*' || char === '_') {
        const start = at;
        while (content[at + 1] === char) at++;
        if (++this.emphasisRuns > MAX_EMPHASIS_RUNS) return { shape: 'emphasis delimiter runs', limit: MAX_EMPHASIS_RUNS, line: index, scope: 'paragraph' };
        // Flanking as CommonMark defines it, simplified: a run that can close takes back an opener, one that can only open waits.
        const before = content[start - 1];
        const after = content[at + 1];
        const leftFlanking = !isSpace(after) && (!isPunctuation(after) || isSpace(before) || isPunctuation(before));
        const rightFlanking = !isSpace(before) && (!isPunctuation(before) || isSpace(after) || isPunctuation(after));
        if (rightFlanking && this.openEmphasis > 0) this.openEmphasis--;
        else if (leftFlanking && ++this.openEmphasis > MAX_OPEN_EMPHASIS) return { shape: 'open emphasis delimiter runs', limit: MAX_OPEN_EMPHASIS, line: index, scope: 'paragraph' };
      } else if (char === '[') {
        if (++this.brackets > MAX_BRACKETS) return { shape: 'brackets', limit: MAX_BRACKETS, line: index, scope: 'paragraph' };
        if (++this.bracketDepth > MAX_BRACKET_DEPTH) return { shape: 'nested brackets', limit: MAX_BRACKET_DEPTH, line: index, scope: 'paragraph' };
      } else if (char === ']') {
        this.bracketDepth = Math.max(0, this.bracketDepth - 1);
      }
    }
    return undefined;
  }

  private endParagraph(): void {
    this.paragraphLines = 0;
    this.emphasisRuns = 0;
    this.openEmphasis = 0;
    this.brackets = 0;
    this.bracketDepth = 0;
    this.previousIsParagraph = false;
  }
}

/** Whitespace, or the start or end of the line (`undefined`). */
function isSpace(char: string | undefined): boolean {
  return char === undefined || char === ' ' || char === '\t';
}

/** ASCII punctuation, as CommonMark's flanking rules use it (other Unicode punctuation counts as a letter here). */
function isPunctuation(char: string | undefined): boolean {
  return char !== undefined && /[!-/:-@[-`{-~]/.test(char);
}

/**
 * The code spans of one line, as start offset to end offset: a run of
 * backticks closed by the next run of the same length. Linear: each length's
 * runs are paired in order, with no search.
 */
function codeSpanEnds(content: string): Map<number, number> {
  const spans = new Map<number, number>();
  if (!content.includes('`')) return spans;
  const runs: Array<{ start: number; length: number }> = [];
  for (let at = 0; at < content.length; at++) {
    if (content[at] === '\\' && content[at + 1] !== '`') {
      at++;
      continue;
    }
    if (content[at] !== '`') continue;
    const start = at;
    while (content[at + 1] === '`') at++;
    runs.push({ start, length: at - start + 1 });
  }
  const byLength = new Map<number, number[]>();
  runs.forEach((run, order) => {
    const orders = byLength.get(run.length);
    if (orders === undefined) byLength.set(run.length, [order]);
    else orders.push(order);
  });
  let reached = -1;
  const cursors = new Map<number, number>();
  runs.forEach((run, order) => {
    if (run.start < reached) return;
    const sameLength = byLength.get(run.length) ?? [];
    let cursor = cursors.get(run.length) ?? 0;
    while (cursor < sameLength.length && (sameLength[cursor] ?? 0) <= order) cursor++;
    cursors.set(run.length, cursor);
    const closing = runs[sameLength[cursor] ?? -1];
    if (closing === undefined) return;
    reached = closing.start + closing.length;
    spans.set(run.start, reached);
  });
  return spans;
}

/**
 * The length of the block quote and list markers opening `line` (`> - 1. `),
 * with the blanks around them. Scanned by hand: a regular expression for it
 * backtracks quadratically on a marker followed by a long run of blanks.
 */
function containerPrefixLength(line: string): number {
  const isBlank = (at: number): boolean => line[at] === ' ' || line[at] === '\t';
  let end = 0;
  for (;;) {
    let at = end;
    while (isBlank(at)) at++;
    if (line[at] === '>') {
      at++;
      if (isBlank(at)) at++;
      end = at;
      continue;
    }
    let marker = at;
    if (line[at] === '-' || line[at] === '+' || line[at] === '*') {
      marker = at + 1;
    } else {
      let digits = at;
      while (digits < line.length && digits - at < 9 && line[digits]! >= '0' && line[digits]! <= '9') digits++;
      if (digits > at && (line[digits] === '.' || line[digits] === ')')) marker = digits + 1;
    }
    if (marker === at || !(marker === line.length || isBlank(marker))) return end;
    at = marker;
    while (isBlank(at)) at++;
    end = at;
  }
}
