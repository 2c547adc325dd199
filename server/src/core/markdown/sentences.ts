import type { Nodes, Paragraph, Parent, TableCell } from 'mdast';
import { blockLineage } from './block-lineage.js';
import { literalElementTag } from './html-references.js';
import type { MarkdownFile } from './parse-markdown.js';
import { substringFinder } from './substring-finder.js';

/** The block a sentence stands in; a fix must respect its syntax (a table row cannot take a line break). */
export type SentenceContainer = 'paragraph' | 'table-cell';

/** One sentence of prose, with its place in the source. */
export interface Sentence {
  /**
   * The sentence as a reader sees it: Markdown syntax removed, escapes and
   * entities decoded, HTML comments turned into spaces, and each piece of
   * code, other HTML, URL or image replaced by {@link OPAQUE}, so that no
   * pattern can match inside them.
   */
  readonly text: string;
  /** Offset in the file text of the sentence's first character. */
  readonly start: number;
  /** Offset just after the sentence's last character (its final punctuation included). */
  readonly end: number;
  readonly container: SentenceContainer;
  /** Offset where the sentence's paragraph or table cell starts. */
  readonly containerStart: number;
}

/** Stands for an inline element that is not prose (code, HTML, URL, image). */
export const OPAQUE = '\uFFFC';

/** Forces a sentence break where the source has one that is not punctuation (`<br>`, an alert marker). */
const HARD_BREAK = '\u2029';

/** Abbreviations after which a period never ends a sentence (compared in lower case, without the final period). */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'vs', 'cf', 'approx', 'fig', 'mr', 'mrs', 'dr', 'al', 'incl', 'resp']);

const CLOSING = new Set(['"', "'", '\u201d', '\u2019', ')', ']']);
const TERMINATORS = new Set(['.', '!', '?', '\u2026']);

/**
 * A container's text as it is built, with the source span each of its
 * characters came from: `starts[i]` and `ends[i]` for character `i` (number
 * arrays rather than an object per character of prose). The text is kept as
 * UTF-16 code units and made a string at the end, so that it is a one-byte
 * string whenever its characters allow, whatever the source's own
 * representation: claim patterns run several times faster on those.
 */
interface TextBuilder {
  readonly codes: number[];
  readonly starts: number[];
  readonly ends: number[];
  /** How many literal HTML elements (`<code>`, `<kbd>`...) are open: their text is no prose. */
  literalDepth: number;
  /** Where the container starts and ends in the source. */
  readonly containerStart: number;
  readonly containerEnd: number;
}

/**
 * The sentences of a Markdown file's prose: paragraphs (also inside list
 * items and block quotes) and table cells. Headings, code, HTML, front
 * matter, link destinations and bare URLs never contribute text. Returns
 * the sentences in document order; never throws.
 */
export function sentencesOf(file: MarkdownFile): Sentence[] {
  return file.tree.children.flatMap((block) => blockSentencesOf(file, block));
}

/** The sentences of `block`, a top-level block of `file`'s tree, as {@link sentencesOf} gives them. */
export function blockSentencesOf(file: MarkdownFile, block: Nodes): readonly Sentence[] {
  const source = file.document.text;
  return blockSentences(source, block, source.charCodeAt(0) === 0xfeff ? 1 : 0);
}

/**
 * The sentences of each block lineage (see `block-lineage.ts`), at the
 * offset where they were last asked for. A block's sentences depend on its
 * own text alone, so the block an edit only moved has its sentences moved,
 * not read again; they go with the tree.
 */
const sentencesByLineage = new WeakMap<object, { readonly offset: number; readonly sentences: readonly Sentence[] }>();

function blockSentences(source: string, block: Nodes, shift: number): readonly Sentence[] {
  const lineage = blockLineage(block);
  const known = sentencesByLineage.get(lineage.origin);
  if (known?.offset === lineage.offset) return known.sentences;
  let sentences: readonly Sentence[];
  if (known === undefined) {
    const collected: Sentence[] = [];
    collectSentences(source, block, shift, collected);
    sentences = collected;
  } else {
    const moved = lineage.offset - known.offset;
    sentences = known.sentences.map((sentence) => ({ ...sentence, start: sentence.start + moved, end: sentence.end + moved, containerStart: sentence.containerStart + moved }));
  }
  sentencesByLineage.set(lineage.origin, { offset: lineage.offset, sentences });
  return sentences;
}

/** Blocks whose text is never prose (nor is anything inside them). */
const NOT_PROSE: ReadonlySet<string> = new Set(['heading', 'code', 'html', 'yaml', 'definition']);
/** Inline nodes whose children's text joins their container's prose. */
const PROSE_PARENTS: ReadonlySet<string> = new Set(['link', 'linkReference', 'emphasis', 'strong', 'delete']);

/** Whether `node` is a block whose inline content makes sentences. */
function isSentenceContainer(node: Nodes): node is Paragraph | TableCell {
  return node.type === 'paragraph' || node.type === 'tableCell';
}

function collectSentences(source: string, node: Nodes, shift: number, sentences: Sentence[]): void {
  if (isSentenceContainer(node)) {
    collectContainer(source, node, shift, node.type === 'paragraph' ? 'paragraph' : 'table-cell', sentences);
    return;
  }
  if (NOT_PROSE.has(node.type)) return;
  if ('children' in node) for (const child of node.children) collectSentences(source, child as Nodes, shift, sentences);
}

/**
 * Which of `words` (in lower case) occur in the sentence material of
 * `block`, a top-level block of a file's tree: the values of the text nodes
 * {@link sentencesOf} reads in it, lower-cased, in order and joined without
 * separators. What a sentence adds (a space or a stand-in for code, HTML and
 * line breaks) is left out, so a word of a sentence is a substring of its
 * block's material, also where inline markup splits it (`pr*om*pt`); a
 * sentence never crosses blocks. A test for words made on it can spare
 * reading the sentences of most blocks. What a block holds is kept per
 * block lineage and per list of words, as its sentences are: after an edit,
 * only the blocks the edit touched are searched again.
 */
export function wordsInBlockMaterial(block: Nodes, words: readonly string[]): ReadonlySet<string> {
  let search = searchOfWords.get(words);
  if (search === undefined) searchOfWords.set(words, (search = { find: substringFinder(words), byLineage: new WeakMap() }));
  const origin = blockLineage(block).origin;
  let inBlock = search.byLineage.get(origin);
  if (inBlock === undefined) search.byLineage.set(origin, (inBlock = search.find(blockMaterial(block))));
  return inBlock;
}

/** Per list of words: the search for them, and what each block lineage holds of them. */
const searchOfWords = new WeakMap<readonly string[], { readonly find: (text: string) => ReadonlySet<string>; readonly byLineage: WeakMap<object, ReadonlySet<string>> }>();

/** The sentence material of a top-level block (see {@link wordsInBlockMaterial}). */
function blockMaterial(block: Nodes): string {
  const pieces: string[] = [];
  const collect = (node: Nodes, inContainer: boolean): void => {
    if (inContainer) {
      if (node.type === 'text') pieces.push(node.value);
      else if (PROSE_PARENTS.has(node.type) && 'children' in node) for (const child of node.children) collect(child as Nodes, true);
    } else if (isSentenceContainer(node)) {
      for (const child of node.children) collect(child as Nodes, true);
    } else if (!NOT_PROSE.has(node.type) && 'children' in node) {
      for (const child of node.children) collect(child as Nodes, false);
    }
  };
  collect(block, false);
  return pieces.join('').toLowerCase();
}

function collectContainer(source: string, node: Parent & Nodes, shift: number, container: SentenceContainer, sentences: Sentence[]): void {
  const containerStart = (node.position?.start.offset ?? 0) + shift;
  const containerEnd = node.position?.end.offset === undefined ? containerStart : node.position.end.offset + shift;
  const builder: TextBuilder = { codes: [], starts: [], ends: [], literalDepth: 0, containerStart, containerEnd };
  for (const child of node.children) appendInline(source, child as Nodes, shift, false, builder);
  const text = maskDirectives(fromCharCodes(builder.codes));
  for (const span of splitSentences(text)) {
    const start = builder.starts[span.start];
    const end = builder.ends[span.end - 1];
    if (start === undefined || end === undefined) continue;
    sentences.push({ text: text.slice(span.start, span.end), start, end, container, containerStart });
  }
}

function appendInline(source: string, node: Nodes, shift: number, inLink: boolean, builder: TextBuilder): void {
  const [start, end] = sourceSpan(source, node, shift, builder);
  const standIn = (character: string): void => append(builder, character, start, end);
  if (PROSE_PARENTS.has(node.type) && 'children' in node) {
    for (const child of node.children) appendInline(source, child as Nodes, shift, inLink || node.type === 'link', builder);
    return;
  }
  switch (node.type) {
    case 'text':
      if (builder.literalDepth > 0 || (inLink && /^(https?:|www\.|mailto:)/i.test(node.value))) standIn(OPAQUE);
      else appendAligned(source, node.value, start, end, builder);
      return;
    case 'break':
      standIn(' ');
      return;
    case 'html': {
      const literal = literalElementTag(node.value);
      if (literal === 'open') builder.literalDepth++;
      else if (literal === 'close' && builder.literalDepth > 0) builder.literalDepth--;
      // A comment is invisible, so it separates words like a space and never starts or ends a sentence.
      standIn(/^<br\b/i.test(node.value) ? HARD_BREAK : node.value.startsWith('<!--') ? ' ' : OPAQUE);
      return;
    }
    default:
      // Inline code, images, footnote references and anything unknown are not prose.
      standIn(OPAQUE);
  }
}

/**
 * Where `node` lies in the source. A node that a transform made has no
 * position (GFM's literal autolinks found in decoded text, and the text
 * around them): it follows the piece appended last, at its value as written
 * when that occurs next in the container, else anywhere up to the
 * container's end, which {@link appendAligned} then reads forward. Either
 * way the place depends on the container alone, as a moved block's
 * sentences must.
 */
function sourceSpan(source: string, node: Nodes, shift: number, builder: TextBuilder): [number, number] {
  const { position } = node;
  if (position?.start.offset !== undefined && position.end.offset !== undefined) return [position.start.offset + shift, position.end.offset + shift];
  const from = builder.ends[builder.ends.length - 1] ?? builder.containerStart;
  const value = node.type === 'text' ? node.value : '';
  const written = value === '' ? -1 : source.indexOf(value, from);
  if (written !== -1 && written + value.length <= builder.containerEnd) return [written, written + value.length];
  return [from, builder.containerEnd];
}

/**
 * Appends a text node's value, mapping each character back to the source:
 * the value differs from the source where escapes (`\*`), entities (`&amp;`)
 * and container prefixes of continuation lines (`> `) were removed.
 */
function appendAligned(source: string, value: string, start: number, end: number, builder: TextBuilder): void {
  let cursor = start;
  for (let index = 0; index < value.length; index++) {
    // Most of a value is written as is: take such a run without the checks below.
    for (let code = value.charCodeAt(index); index < value.length && source.charCodeAt(cursor) === code && code !== AMPERSAND; code = value.charCodeAt(++index)) {
      builder.codes.push(code);
      builder.starts.push(cursor);
      builder.ends.push(cursor + 1);
      cursor++;
    }
    if (index === value.length) return;
    const character = value[index] ?? '';
    const entity = source[cursor] === '&' ? entityEnd(source, cursor, end) : undefined;
    if (source[cursor] === character && entity === undefined) {
      append(builder, character, cursor, cursor + 1);
      cursor++;
    } else if (source[cursor] === '\\' && source[cursor + 1] === character) {
      append(builder, character, cursor, cursor + 2);
      cursor += 2;
    } else if (entity !== undefined) {
      append(builder, character, cursor, entity);
      // An entity outside the Basic Multilingual Plane decodes to a surrogate pair: both halves map to it.
      if (/[\uD800-\uDBFF]/.test(character) && index + 1 < value.length) {
        index++;
        append(builder, value[index] ?? '', cursor, entity);
      }
      cursor = entity;
    } else {
      let found = cursor;
      while (found < end && source[found] !== character) found++;
      if (found < end) {
        append(builder, character, found, found + 1);
        cursor = found + 1;
      } else {
        append(builder, character, cursor, cursor);
      }
    }
  }
}

const AMPERSAND = 0x26;

/** Adds one character (one UTF-16 code unit) of text that came from `[start, end)` of the source. */
function append(builder: TextBuilder, character: string, start: number, end: number): void {
  builder.codes.push(character.charCodeAt(0));
  builder.starts.push(start);
  builder.ends.push(end);
}

/** The string of `codes`, built in chunks (a call takes a bounded number of arguments). */
function fromCharCodes(codes: readonly number[]): string {
  const chunk = 8192;
  if (codes.length <= chunk) return String.fromCharCode(...codes);
  let text = '';
  for (let start = 0; start < codes.length; start += chunk) text += String.fromCharCode(...codes.slice(start, start + chunk));
  return text;
}

function entityEnd(source: string, ampersand: number, limit: number): number | undefined {
  const match = /^&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i.exec(source.slice(ampersand, Math.min(limit, ampersand + 40)));
  return match === null ? undefined : ampersand + match[0].length;
}

/**
 * Learn directives (`:::image ...:::`, `::: zone pivot="..."` to the end of
 * its line), alert markers (`[!NOTE]`) and bracketed extensions (`[!div ...]`,
 * an include's `[!INCLUDE label]`, a snippet's `[!code-lang]`) are markup, not prose.
 */
function maskDirectives(text: string): string {
  return text
    .replace(/:::[a-z][^]*?:::/gi, (directive) => OPAQUE.repeat(directive.length))
    .replace(/:::[^\n]*/g, (directive) => OPAQUE.repeat(directive.length))
    .replace(/\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\]/gi, (marker) => HARD_BREAK.repeat(marker.length))
    .replace(/\[![A-Za-z][\w-]*[^[\]\n]*\]/g, (extension) => OPAQUE.repeat(extension.length));
}

/**
 * Splits text into sentences and returns their `[start, end)` spans,
 * trimmed of surrounding white space. A period, `!`, `?` or ellipsis ends a
 * sentence only when white space follows and the next word does not start
 * in lower case, so `e.g.`, `i.e.`, version numbers (`2.0`) and file names
 * (`setup.exe`) stay inside their sentence.
 */
export function splitSentences(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let sentenceStart = 0;
  const close = (end: number, next: number): void => {
    const span = trimSpan(text, sentenceStart, end);
    if (span !== undefined && /[\p{L}\p{N}]/u.test(text.slice(span.start, span.end))) spans.push(span);
    sentenceStart = next;
  };
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    if (character === HARD_BREAK) {
      close(index, index + 1);
      continue;
    }
    if (!TERMINATORS.has(character)) continue;
    let after = index + 1;
    while (TERMINATORS.has(text[after] ?? '') || CLOSING.has(text[after] ?? '')) after++;
    if (after < text.length && !/\s/.test(text[after] ?? '')) continue;
    if (character === '.' && isAbbreviation(text, index, after)) continue;
    let next = after;
    while (next < text.length && /\s/.test(text[next] ?? '')) next++;
    if (next < text.length && /\p{Ll}/u.test(text[next] ?? '')) continue;
    close(after, next);
    index = next - 1;
  }
  close(text.length, text.length);
  return spans;
}

function isAbbreviation(text: string, period: number, after: number): boolean {
  const word = /[\p{L}.]*$/u.exec(text.slice(Math.max(0, period - 12), period))?.[0] ?? '';
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  // "No. 5" numbers something; a single capital is an initial ("J. Smith").
  return (word === 'No' && /^\s*\d/.test(text.slice(after))) || /^\p{Lu}$/u.test(word);
}

function trimSpan(text: string, start: number, end: number): { start: number; end: number } | undefined {
  let from = start;
  let to = end;
  // White space includes the hard break character.
  while (from < to && /\s/.test(text[from] ?? '')) from++;
  while (to > from && /\s/.test(text[to - 1] ?? '')) to--;
  return from < to ? { start: from, end: to } : undefined;
}
