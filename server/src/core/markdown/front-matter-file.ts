import { TextDocument } from '../text-document.js';
import { type FrontMatter, frontMatterView, readStoredFrontMatter, type StoredFrontMatter } from './front-matter.js';

/**
 * A Markdown file read as far as its front matter: all that glossary,
 * remediation, cause and claim readers use (the keys, their ranges, and the
 * text below the block). A parsed {@link MarkdownFile} is one too.
 *
 * @see readFrontMatterFile
 */
export interface FrontMatterFile {
  readonly path: string;
  readonly document: TextDocument;
  /** `undefined` when the file does not start with a `---` block. */
  readonly frontMatter: FrontMatter | undefined;
}

/** Where a front matter block stands in a file's text, and its YAML as the parser gives it. */
export interface FrontMatterBlock {
  /** Offset of the opening `---`. */
  readonly start: number;
  /** Offset just after the closing `---` line, before its line ending. */
  readonly end: number;
  /** The YAML between the fences, as the syntax tree's `yaml` node holds it. */
  readonly value: string;
}

const BYTE_ORDER_MARK = 0xfeff;
const FENCE = '---';

/**
 * The front matter block of a Markdown file's `text`, found without parsing
 * the Markdown: the block, offsets and value that the parser's front matter
 * construct (micromark-extension-frontmatter, `yaml` with `---` fences) gives,
 * as `parseMarkdown` places it. The opening `---` starts the text (after a
 * byte order mark); spaces and tabs may follow either fence; the block ends at
 * the first line that is a closing fence, and a text without one has no
 * front matter. `undefined` when there is no block.
 * `test/unit/markdown/front-matter-file.property.test.ts` checks it against the parser.
 */
export function findFrontMatterBlock(text: string): FrontMatterBlock | undefined {
  // `parseMarkdown` drops one byte order mark before parsing and shifts offsets back by one; the
  // parser itself skips one more, which its offsets do not count. Both are followed here.
  const shift = text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  const from = shift + (text.charCodeAt(shift) === BYTE_ORDER_MARK ? 1 : 0);
  const openingEnd = fenceEnd(text, from);
  if (openingEnd === undefined || openingEnd === text.length) return undefined;
  for (let lineStart = openingEnd; lineStart < text.length;) {
    lineStart = afterLineEnding(text, lineStart);
    const closingEnd = fenceEnd(text, lineStart);
    if (closingEnd !== undefined) {
      // The value is what lies between the fences, line endings included, less the line ending after
      // the opening fence and the one before the closing fence; the parser reads NUL as U+FFFD.
      const value = text.slice(openingEnd, lineStart).replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '').replaceAll('\0', '\uFFFD');
      return { start: shift, end: closingEnd - (from - shift), value };
    }
    lineStart = lineEndingAt(text, lineStart);
    if (lineStart === text.length) return undefined;
  }
  return undefined;
}

/**
 * Reads the front matter of a Markdown file without parsing its body: the
 * same {@link FrontMatter} (data, entries, ranges, problems) that
 * `parseMarkdown` gives. Never throws on input.
 */
export function readFrontMatterFile(path: string, text: string): FrontMatterFile {
  const document = new TextDocument(path, text);
  const block = findFrontMatterBlock(text);
  const stored = block === undefined ? undefined : readFrontMatterBlock(document, block.start, block.end, block.value);
  return { path, document, frontMatter: stored === undefined ? undefined : frontMatterView(stored, document) };
}

/**
 * The front matter of the block from `blockStart` to `blockEnd` in
 * `document`, whose YAML is `value`: its content starts on the line after the
 * opening fence, whatever ends that line (LF, CRLF or a lone CR, as for the parser).
 */
export function readFrontMatterBlock(document: TextDocument, blockStart: number, blockEnd: number, value: string): StoredFrontMatter {
  const contentLine = document.positionAt(blockStart).line + 1;
  const contentStart = contentLine < document.lineCount ? document.lineStart(contentLine) : blockEnd;
  return readStoredFrontMatter(document, blockStart, blockEnd, contentStart, value);
}

/**
 * The offset after a fence line's `---` and its trailing spaces and tabs,
 * when the line at `lineStart` is a fence (ends there, at a line ending or at
 * the end of the text); `undefined` otherwise.
 */
function fenceEnd(text: string, lineStart: number): number | undefined {
  if (!text.startsWith(FENCE, lineStart)) return undefined;
  let end = lineStart + FENCE.length;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return end === text.length || text[end] === '\n' || text[end] === '\r' ? end : undefined;
}

/** The offset of the line ending (or end of text) of the line holding `offset`. */
function lineEndingAt(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** The offset after the line ending at `offset` (CRLF counts as one). */
function afterLineEnding(text: string, offset: number): number {
  return text[offset] === '\r' && text[offset + 1] === '\n' ? offset + 2 : offset + 1;
}
