import type { Position, Range } from './types.js';

/**
 * A file's text with a line table, for converting between offsets and
 * positions. Lines end at `\n`, `\r\n` or a lone `\r`, the line endings of
 * the Language Server Protocol, so mixed line endings give the same
 * positions as an editor.
 */
export class TextDocument {
  /** Offset of the start of each line: a typed array, half the memory of a number array (every KB file keeps one). */
  private readonly lineStarts: Uint32Array;

  constructor(
    /** Absolute, forward-slash path. */
    readonly path: string,
    readonly text: string,
  ) {
    // `indexOf` finds line breaks several times faster than a loop over every character.
    const starts = [0];
    let lineFeed = text.indexOf('\n');
    let carriageReturn = text.indexOf('\r');
    while (lineFeed !== -1 || carriageReturn !== -1) {
      if (carriageReturn !== -1 && (lineFeed === -1 || carriageReturn < lineFeed)) {
        // A lone CR ends a line; in a CRLF, the LF does.
        if (lineFeed !== carriageReturn + 1) starts.push(carriageReturn + 1);
        carriageReturn = text.indexOf('\r', carriageReturn + 1);
      } else {
        starts.push(lineFeed + 1);
        lineFeed = text.indexOf('\n', lineFeed + 1);
      }
    }
    this.lineStarts = Uint32Array.from(starts);
  }

  /** Number of lines (a final line break starts one more, empty line). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of a UTF-16 offset, clamped to the text; an offset inside a CRLF is the end of its line. */
  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    if (this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13) clamped--;
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: clamped - (this.lineStarts[low] ?? 0) };
  }

  /** The offset of a position, clamped to its line (not past the line break). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line] ?? 0;
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  /** The range covering offsets `[start, end)`. */
  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The text of line `line` without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line];
    if (start === undefined) return '';
    return this.text.slice(start, this.lineEnd(line));
  }

  /** The offset where line `line` starts. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))] ?? 0;
  }

  /** The line break the file mostly uses, for text that fixes insert. */
  get eol(): '\n' | '\r\n' {
    const crlf = this.text.split('\r\n').length - 1;
    const lf = this.lineStarts.length - 1 - crlf;
    return crlf > lf ? '\r\n' : '\n';
  }

  private lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    return this.text[next - 1] === '\n' && this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }
}
