import { coveringEdit } from './reparse-markdown.js';

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

/**
 * The first count of `text` beyond its limit, or `undefined` when the parser
 * can take the text in linear time. With `previousText`, a text scanned
 * lately that `text` is an edit of, only the lines the edit can change are
 * counted again (the result is the same).
 */
export function slowShapeExcess(text: string, previousText?: string): SlowShapeExcess | undefined {
  const previous = previousText === undefined ? undefined : recentScans.find((scan) => scan.text === previousText);
  const scan = (previous === undefined ? undefined : rescan(previous, text)) ?? scanFrom(text, frontMatterEnd(text), new ShapeCounter(), []);
  recentScans.unshift(scan);
  if (recentScans.length > RECENT_SCANS) recentScans.pop();
  return scan.excess;
}

/** A line start of a scan and the counter's state there, before the line is counted. */
interface Checkpoint {
  readonly line: number;
  readonly offset: number;
  readonly state: Readonly<CounterState>;
}

/** A text's scan: its result, and checkpoints from which an edited copy of the text can be scanned again. */
interface ShapeScan {
  readonly text: string;
  readonly excess: SlowShapeExcess | undefined;
  /** In order, at most {@link CHECKPOINT_LINES} lines apart, up to the line of the excess. */
  readonly checkpoints: readonly Checkpoint[];
}

const CHECKPOINT_LINES = 32;
/** Scans kept: a few documents being edited. They hold their texts, which their documents hold anyway. */
const RECENT_SCANS = 4;
const recentScans: ShapeScan[] = [];

/**
 * Counts the lines of `text` from `start` on, adding checkpoints to
 * `checkpoints`; `converged` may end the scan at a line start where the rest
 * is known to count as in an earlier scan, and gives that scan's result.
 */
function scanFrom(text: string, start: { line: number; offset: number }, counter: ShapeCounter, checkpoints: Checkpoint[], converged?: (line: number, offset: number) => ShapeScan | undefined): ShapeScan {
  for (let { line, offset } = start; ; line++) {
    const done = converged?.(line, offset);
    if (done !== undefined) return done;
    const last = checkpoints[checkpoints.length - 1];
    if (last === undefined || line - last.line >= CHECKPOINT_LINES) checkpoints.push({ line, offset, state: { ...counter.state } });
    const end = lineEnd(text, offset);
    const excess = counter.line(text.slice(offset, end), line);
    if (excess !== undefined || end === text.length) return { text, excess, checkpoints };
    offset = end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
  }
}

/**
 * The scan of `text`, an edit of `previous`'s text, counting again from the
 * last checkpoint before the edit until the count reaches a checkpoint after
 * it in the same state; `undefined` when the front matter may have changed,
 * or no checkpoint precedes the edit.
 */
function rescan(previous: ShapeScan, text: string): ShapeScan | undefined {
  const edit = coveringEdit(previous.text, text);
  // A front matter that is never closed is counted as Markdown; a closing line typed anywhere would change that.
  if (previous.text.startsWith('---') && frontMatterEnd(previous.text).offset === 0) return undefined;
  const before = previous.checkpoints.findLastIndex((checkpoint) => checkpoint.offset > 0 && checkpoint.offset < edit.start);
  const resume = previous.checkpoints[before];
  if (resume === undefined) return undefined;
  const delta = edit.newLength - (edit.end - edit.start);
  const unchangedFrom = edit.start + edit.newLength;
  const counter = new ShapeCounter(resume.state);
  const checkpoints = previous.checkpoints.slice(0, before);
  let next = before + 1;
  const converged = (line: number, offset: number): ShapeScan | undefined => {
    if (offset <= unchangedFrom) return undefined;
    while ((previous.checkpoints[next]?.offset ?? Infinity) < offset - delta) next++;
    const old = previous.checkpoints[next];
    if (old === undefined || old.offset !== offset - delta || !sameState(old.state, counter.state)) return undefined;
    // From here on the text and the state are those of the previous scan: so is every count, on lines moved by the edit.
    const lines = line - old.line;
    for (const moved of previous.checkpoints.slice(next)) checkpoints.push({ line: moved.line + lines, offset: moved.offset + delta, state: moved.state });
    return { text, excess: previous.excess === undefined ? undefined : { ...previous.excess, line: previous.excess.line + lines }, checkpoints };
  };
  return scanFrom(text, resume, counter, checkpoints, converged);
}

const CR = 13;
const LF = 10;

/** Where the line starting at `offset` ends: its line break, or the end of the text. */
function lineEnd(text: string, offset: number): number {
  for (let index = offset; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === LF || code === CR) return index;
  }
  return text.length;
}

/** The first line to count: front matter is YAML, not Markdown (its closing `---` is no setext underline). */
function frontMatterEnd(text: string): { line: number; offset: number } {
  if (lineEnd(text, 0) !== 3 || !text.startsWith('---')) return { line: 0, offset: 0 };
  for (let line = 1, offset = nextLine(text, 0); offset !== undefined; line++, offset = nextLine(text, offset)) {
    const content = text.slice(offset, lineEnd(text, offset));
    if (content === '---' || content === '...') {
      // Nothing after the closing line: the count starts (and ends) at the end of the text.
      return { line: line + 1, offset: nextLine(text, offset) ?? text.length };
    }
  }
  return { line: 0, offset: 0 };
}

/** The start of the line after the one starting at `offset`, or `undefined` for the last line. */
function nextLine(text: string, offset: number): number | undefined {
  const end = lineEnd(text, offset);
  if (end === text.length) return undefined;
  return end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
}

/** The `file-unreadable` message for a text with `excess`. */
export function slowShapeMessage(excess: SlowShapeExcess): string {
  const where = excess.scope === 'file' ? 'in the file' : `in one ${excess.scope}`;
  return `More than ${excess.limit} ${excess.shape} ${where} (here the count goes over); the Markdown parser slows down steeply with each, so the file was not checked. Split the ${excess.scope === 'file' ? 'file' : excess.scope}, or write it differently.`;
}

const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const SETEXT_UNDERLINE = /^[ \t]{0,3}(?:=+|-+)[ \t]*$/;
const ATX_HEADING = /^[ \t]{0,3}#{1,6}(?:[ \t]|$)/;
const QUOTE_START = /^[ \t]{0,3}>/;

/** What the count of the lines after a line start depends on: the counter's whole state between two lines. */
interface CounterState {
  setextHeadings: number;
  setextLines: number;
  paragraphLines: number;
  emphasisRuns: number;
  openEmphasis: number;
  brackets: number;
  bracketDepth: number;
  lazyLines: number;
  inQuote: boolean;
  previousIsParagraph: boolean;
  fence: string | undefined;
}

const INITIAL_STATE: Readonly<CounterState> = { setextHeadings: 0, setextLines: 0, paragraphLines: 0, emphasisRuns: 0, openEmphasis: 0, brackets: 0, bracketDepth: 0, lazyLines: 0, inQuote: false, previousIsParagraph: false, fence: undefined };

function sameState(a: Readonly<CounterState>, b: Readonly<CounterState>): boolean {
  return (Object.keys(INITIAL_STATE) as Array<keyof CounterState>).every((key) => a[key] === b[key]);
}

class ShapeCounter {
  readonly state: CounterState;

  constructor(state: Readonly<CounterState> = INITIAL_STATE) {
    this.state = { ...state };
  }

  /** Counts line `index` (0-based), `line` without its line break; the first count it takes over a limit, if any. */
  line(line: string, index: number): SlowShapeExcess | undefined {
    const prefix = line.slice(0, containerPrefixLength(line));
    const content = line.slice(prefix.length);
    const blank = content.trim() === '';
    const fence = FENCE.exec(content)?.[1];
    if (this.state.fence !== undefined) {
      // Inside fenced code nothing is parsed as inline Markdown.
      if (fence !== undefined && fence[0] === this.state.fence[0] && fence.length >= this.state.fence.length) this.state.fence = undefined;
      return undefined;
    }
    if (fence !== undefined) {
      this.state.fence = fence;
      this.endParagraph();
      return undefined;
    }
    if (QUOTE_START.test(line)) {
      this.state.inQuote = true;
      this.state.lazyLines = 0;
    } else if (this.state.inQuote && !blank && prefix === '') {
      if (++this.state.lazyLines > MAX_LAZY_LINES) return { shape: 'lazy block quote lines', limit: MAX_LAZY_LINES, line: index, scope: 'block quote' };
    }
    if (blank) {
      this.state.inQuote = false;
      this.endParagraph();
      return undefined;
    }
    if (this.state.previousIsParagraph && prefix === '' && SETEXT_UNDERLINE.test(content)) {
      this.state.setextLines += this.state.paragraphLines;
      this.endParagraph();
      if (++this.state.setextHeadings > MAX_SETEXT_HEADINGS) return { shape: 'setext headings', limit: MAX_SETEXT_HEADINGS, line: index, scope: 'file' };
      if (this.state.setextLines > MAX_SETEXT_LINES) return { shape: 'lines under setext headings', limit: MAX_SETEXT_LINES, line: index, scope: 'file' };
      return undefined;
    }
    // A list item, a heading or a table row starts inline content of its own.
    if (prefix !== '' || ATX_HEADING.test(content) || content.trimStart().startsWith('|')) this.endParagraph();
    const excess = this.inline(content, index);
    this.state.previousIsParagraph = !ATX_HEADING.test(content);
    this.state.paragraphLines = this.state.previousIsParagraph ? this.state.paragraphLines + 1 : 0;
    return excess;
  }

  private inline(content: string, index: number): SlowShapeExcess | undefined {
    const codeSpans = codeSpanEnds(content);
    let codeSpan = 0;
    for (let at = 0; at < content.length; at++) {
      const code = content.charCodeAt(at);
      // Most characters count for nothing: only these and the start of a code span (a backtick) do.
      if (code !== BACKSLASH && code !== ASTERISK && code !== UNDERSCORE && code !== OPENING_BRACKET && code !== CLOSING_BRACKET && code !== BACKTICK) continue;
      while ((codeSpans[codeSpan]?.start ?? Infinity) < at) codeSpan++;
      const span = codeSpans[codeSpan];
      if (span?.start === at) {
        at = span.end - 1;
      } else if (code === BACKSLASH) {
        at++;
      } else if (code === ASTERISK || code === UNDERSCORE) {
        const start = at;
        while (content.charCodeAt(at + 1) === code) at++;
        if (++this.state.emphasisRuns > MAX_EMPHASIS_RUNS) return { shape: 'emphasis delimiter runs', limit: MAX_EMPHASIS_RUNS, line: index, scope: 'paragraph' };
        // Flanking as CommonMark defines it, simplified: a run that can close takes back an opener, one that can only open waits.
        const before = content[start - 1];
        const after = content[at + 1];
        const leftFlanking = !isSpace(after) && (!isPunctuation(after) || isSpace(before) || isPunctuation(before));
        const rightFlanking = !isSpace(before) && (!isPunctuation(before) || isSpace(after) || isPunctuation(after));
        if (rightFlanking && this.state.openEmphasis > 0) this.state.openEmphasis--;
        else if (leftFlanking && ++this.state.openEmphasis > MAX_OPEN_EMPHASIS) return { shape: 'open emphasis delimiter runs', limit: MAX_OPEN_EMPHASIS, line: index, scope: 'paragraph' };
      } else if (code === OPENING_BRACKET) {
        if (++this.state.brackets > MAX_BRACKETS) return { shape: 'brackets', limit: MAX_BRACKETS, line: index, scope: 'paragraph' };
        if (++this.state.bracketDepth > MAX_BRACKET_DEPTH) return { shape: 'nested brackets', limit: MAX_BRACKET_DEPTH, line: index, scope: 'paragraph' };
      } else if (code === CLOSING_BRACKET) {
        this.state.bracketDepth = Math.max(0, this.state.bracketDepth - 1);
      }
    }
    return undefined;
  }

  private endParagraph(): void {
    this.state.paragraphLines = 0;
    this.state.emphasisRuns = 0;
    this.state.openEmphasis = 0;
    this.state.brackets = 0;
    this.state.bracketDepth = 0;
    this.state.previousIsParagraph = false;
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

const BACKSLASH = 0x5c;
const ASTERISK = 0x2a;
const UNDERSCORE = 0x5f;
const OPENING_BRACKET = 0x5b;
const CLOSING_BRACKET = 0x5d;
const BACKTICK = 0x60;

/**
 * The code spans of one line, in order, each from its start offset to its
 * end offset: a run of backticks closed by the next run of the same length.
 * Linear: each length's runs are paired in order, with no search.
 */
function codeSpanEnds(content: string): Array<{ readonly start: number; readonly end: number }> {
  const spans: Array<{ readonly start: number; readonly end: number }> = [];
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
    spans.push({ start: run.start, end: reached });
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
