import type { Root, RootContent } from 'mdast';
import type { Node, Point } from 'unist';
import { recordMovedBlock } from './block-lineage.js';
import { parseMarkdownTree } from './markdown-syntax.js';
import { sameShifted, shiftedCopy, shiftInPlace, shiftPoint } from './moved-nodes.js';
import { hasByteOrderMark, type MarkdownFile, markdownFileFromTree, parseMarkdown } from './parse-markdown.js';

/** A change of a text: `[start, end)` of the old text was replaced by `newLength` characters. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly newLength: number;
}

/** Why {@link reparseMarkdownWithOutcome} parsed the whole text. */
export type FullParseReason =
  /** Link reference or footnote definitions: references resolve against definitions anywhere in the file. */
  | 'definitions'
  /** The span to re-parse would cover the whole text anyway: tiny documents, or an edit whose effect reaches both ends. */
  | 'whole-document'
  /**
   * The text starts with a front matter fence that is never closed. The parser
   * then stops recognizing block quotes and lists for the rest of the file,
   * so no part of it parses alone like it does in place.
   */
  | 'front-matter'
  /** A byte order mark appeared or disappeared, which moves every offset of the tree. */
  | 'byte-order-mark'
  /** The previous tree lacks positions, or something else unforeseen: a full parse is always right. */
  | 'unexpected';

/** How a re-parse went: the span of the new text that was parsed, or why the whole text was. */
export type ReparseOutcome =
  | {
    readonly mode: 'incremental';
    readonly file: MarkdownFile;
    readonly span: { readonly start: number; readonly end: number };
    /** Characters given to the Markdown parser: the span, and the narrower spans tried first when it had to grow. */
    readonly parsedLength: number;
  }
  | { readonly mode: 'full'; readonly file: MarkdownFile; readonly reason: FullParseReason };

/** Blocks added to the span when its end did not come out as before, before giving up and parsing to the end. */
const WIDEN_BLOCKS = 8;
const FENCE_AT = /[ ]{0,3}(?:`{3}|~{3})/y;

/**
 * Parses `text`, the text of `previous` after `change`, re-parsing only the
 * top-level blocks the change touches. The result equals
 * `parseMarkdown(previous.path, text)`, positions included.
 *
 * `change` may be one change in the old text's offsets, a list of changes
 * applied one after another (each in the offsets of the text the previous
 * ones left, as an editor reports them), or omitted (it is then found by
 * comparing the texts). A change that does not match the texts is ignored.
 * Never throws.
 */
export function reparseMarkdown(previous: MarkdownFile, text: string, change?: TextChange | readonly TextChange[]): MarkdownFile {
  return reparseMarkdownWithOutcome(previous, text, change).file;
}

/** {@link reparseMarkdown}, also telling whether it re-parsed a span (and which) or the whole text (and why). */
export function reparseMarkdownWithOutcome(previous: MarkdownFile, text: string, change?: TextChange | readonly TextChange[]): ReparseOutcome {
  const full = (reason: FullParseReason): ReparseOutcome => ({ mode: 'full', file: parseMarkdown(previous.path, text), reason });
  try {
    const patched = (change === undefined ? takePrepared(previous, text) : undefined) ?? patch(previous, text, change, Number.POSITIVE_INFINITY);
    if (patched === 'unchanged') return { mode: 'incremental', file: previous, span: { start: 0, end: 0 }, parsedLength: 0 };
    const { bom, result } = patched;
    if (result.kind !== 'patched') return full(result.kind === 'full' ? result.reason : 'unexpected');
    return {
      mode: 'incremental',
      file: markdownFileFromTree(previous.path, text, result.tree),
      span: { start: result.start + bom, end: result.end + bom },
      parsedLength: result.parsedLength,
    };
  } catch {
    return full('unexpected');
  }
}

/**
 * How many characters `reparseMarkdown(previous, text)` hands to a parser:
 * the spans it gives the Markdown parser, and the front matter, whose YAML
 * every parse reads again; `undefined` when that is more than `maxLength`.
 * A whole-text parse counts the text twice (Markdown, and at most as much
 * front matter). Finding out parses the same spans in the same order as the
 * re-parse, and stops before one that would go past `maxLength`: a host can
 * bound what the engine's re-parse costs before the engine does it, at no
 * more than that cost. The spans parsed are not parsed again: the next
 * `reparseMarkdown(previous, text)` without a change takes the tree they
 * made. Never throws.
 */
export function reparsedLength(previous: MarkdownFile, text: string, maxLength: number): number | undefined {
  const within = (length: number): number | undefined => (length <= maxLength ? length : undefined);
  try {
    const patched = patch(previous, text, undefined, maxLength);
    if (patched === 'unchanged') return 0;
    const { result } = patched;
    if (result.kind === 'over-limit') return undefined;
    if (result.kind === 'full') return within(result.parsedLength + 2 * text.length);
    prepared.set(previous, { text, patch: patched });
    const frontMatter = result.tree.children[0];
    return within(result.parsedLength + (frontMatter?.type === 'yaml' ? frontMatter.value.length : 0));
  } catch {
    return undefined;
  }
}

/** A re-parse worked out from a parse, and the text it was worked out for. */
interface Patch {
  /** 1 when both texts start with a byte order mark, which the tree's offsets leave out. */
  readonly bom: number;
  readonly result: PatchResult;
}

/**
 * The re-parse {@link reparsedLength} last worked out from each parse, for
 * the re-parse of the same text that usually follows it. Kept no longer
 * than the parse it started from, and taken once.
 */
const prepared = new WeakMap<MarkdownFile, { readonly text: string; readonly patch: Patch }>();

function takePrepared(previous: MarkdownFile, text: string): Patch | undefined {
  const kept = prepared.get(previous);
  if (kept === undefined || kept.text !== text) return undefined;
  prepared.delete(previous);
  return kept.patch;
}

/** The re-parse of `previous` into `text`, parsing at most `maxParsedLength` characters of spans. */
function patch(previous: MarkdownFile, text: string, change: TextChange | readonly TextChange[] | undefined, maxParsedLength: number): 'unchanged' | Patch {
  const plan = planReparse(previous, text, change);
  if (plan === 'unchanged' || typeof plan === 'string') return plan === 'unchanged' ? plan : { bom: 0, result: { kind: 'full', reason: plan, parsedLength: 0 } };
  const { bom, edit } = plan;
  return { bom, result: patchTree(previous.tree, previous.document.text.slice(bom), text.slice(bom), edit, maxParsedLength) };
}

/** What a re-parse of `previous` into `text` starts from: the change in the tree's offsets, or why it parses the whole text. */
function planReparse(previous: MarkdownFile, text: string, change: TextChange | readonly TextChange[] | undefined): 'unchanged' | FullParseReason | { readonly bom: number; readonly edit: TextChange } {
  const oldText = previous.document.text;
  if (text === oldText) return 'unchanged';
  const bom = hasByteOrderMark(oldText) ? 1 : 0;
  if (bom !== (hasByteOrderMark(text) ? 1 : 0)) return 'byte-order-mark';
  if (previous.links.some((link) => link.kind === 'definition') || oldText.includes('[^')) return 'definitions';
  let edit = matchingChange(oldText, text, change);
  // The tree's offsets leave the mark out; an edit reported from offset 0 is narrowed so that it does too.
  if (edit.start < bom) edit = coveringEdit(oldText, text);
  return { bom, edit: { start: edit.start - bom, end: edit.end - bom, newLength: edit.newLength } };
}

/**
 * The smallest single change turning `oldText` into `newText`: everything
 * between their common prefix and common suffix.
 */
export function coveringEdit(oldText: string, newText: string): TextChange {
  const limit = Math.min(oldText.length, newText.length);
  const oldEnd = oldText.length;
  const newEnd = newText.length;
  // Whole chunks first: comparing slices is many times faster than comparing characters one by one, above all on texts an editor built by concatenation.
  let prefix = 0;
  while (prefix + COMPARED_CHUNK <= limit && oldText.slice(prefix, prefix + COMPARED_CHUNK) === newText.slice(prefix, prefix + COMPARED_CHUNK)) prefix += COMPARED_CHUNK;
  while (prefix < limit && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix + COMPARED_CHUNK <= limit - prefix && oldText.slice(oldEnd - suffix - COMPARED_CHUNK, oldEnd - suffix) === newText.slice(newEnd - suffix - COMPARED_CHUNK, newEnd - suffix)) suffix += COMPARED_CHUNK;
  while (suffix < limit - prefix && oldText.charCodeAt(oldEnd - 1 - suffix) === newText.charCodeAt(newEnd - 1 - suffix)) suffix++;
  return { start: prefix, end: oldEnd - suffix, newLength: newEnd - prefix - suffix };
}

const COMPARED_CHUNK = 256;

/**
 * One change, in the first text's offsets, covering `changes` applied one
 * after another (each in the offsets of the text the previous ones left).
 * `undefined` for an empty list.
 */
export function composeChanges(changes: readonly TextChange[]): TextChange | undefined {
  let composed: TextChange | undefined;
  for (const change of changes) {
    if (composed === undefined) {
      composed = change;
      continue;
    }
    const coveredEnd = composed.start + composed.newLength;
    const start = Math.min(composed.start, change.start);
    const endBefore = Math.max(coveredEnd, change.end);
    composed = {
      start,
      end: composed.end + Math.max(0, change.end - coveredEnd),
      newLength: endBefore - start - (change.end - change.start) + change.newLength,
    };
  }
  return composed;
}

/** The caller's change when it really turns `oldText` into `newText`, else the covering edit of the two texts. */
function matchingChange(oldText: string, newText: string, change: TextChange | readonly TextChange[] | undefined): TextChange {
  const candidate = change === undefined ? undefined : 'start' in change ? change : composeChanges(change);
  if (candidate === undefined) return coveringEdit(oldText, newText);
  const { start, end, newLength } = candidate;
  const fits =
    Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(newLength) &&
    start >= 0 && start <= end && end <= oldText.length && newLength >= 0 &&
    oldText.length - (end - start) + newLength === newText.length &&
    oldText.slice(0, start) === newText.slice(0, start) &&
    oldText.slice(end) === newText.slice(start + newLength);
  return fits ? candidate : coveringEdit(oldText, newText);
}

/** What {@link patchTree} made: the new tree, or why the whole text must be parsed, or that the spans would go past the limit. */
type PatchResult =
  | {
    readonly kind: 'patched';
    readonly tree: Root;
    /** The span of the new text that was parsed. */
    readonly start: number;
    readonly end: number;
    /** Characters parsed, over every attempt. */
    readonly parsedLength: number;
  }
  /** `parsedLength`: what the spans tried before giving up took. */
  | { readonly kind: 'full'; readonly reason: FullParseReason; readonly parsedLength: number }
  /** The next span would take the characters parsed past the limit; it was not parsed. */
  | { readonly kind: 'over-limit' };

/**
 * Re-parses the blocks of `tree` (the parse of `oldText`) that `edit` touches,
 * widened to cuts where nothing can stay open: line starts after a blank line
 * that follows a block no later line can continue. The span's parse is trusted
 * only if its last block comes out exactly as before; otherwise the span grows.
 * It stops before a span that would take the characters parsed past
 * `maxParsedLength`.
 */
function patchTree(tree: Root, oldText: string, newText: string, edit: TextChange, maxParsedLength: number): PatchResult {
  const blocks = tree.children;
  const count = blocks.length;
  const full = (reason: FullParseReason, parsedLength = 0): PatchResult => ({ kind: 'full', reason, parsedLength });
  if (count === 0) return full('whole-document');
  if (unclosedFrontMatter(oldText, tree)) return full('front-matter');
  const lineStarts: number[] = [];
  for (const block of blocks) {
    const lineStart = block.position?.start.offset === undefined ? undefined : lineStartBefore(oldText, block.position.start.offset);
    if (lineStart === undefined) return full('unexpected');
    lineStarts.push(lineStart);
  }
  const lineStartOf = (index: number): number => lineStarts[index] ?? oldText.length;
  const lineOf = (index: number): number => blocks[index]?.position?.start.line ?? 1;

  // Block i owns its line start up to the next block's; an edit at a boundary touches both sides.
  let first = 0;
  while (first < count - 1 && lineStartOf(first + 1) < edit.start) first++;
  let last = count - 1;
  while (last > 0 && lineStartOf(last) > edit.end) last--;

  const separable = (index: number): boolean => {
    const block = blocks[index];
    const end = block?.position?.end.offset;
    if (block === undefined || end === undefined || continuable(block, oldText, lineStartOf(index))) return false;
    return isBlankGap(oldText, end, lineStartOf(index + 1));
  };

  const delta = edit.newLength - (edit.end - edit.start);
  let from = first - 1;
  while (from > 0 && (!separable(from - 1) || readAsFileStart(newText, lineStartOf(from)))) from--;
  let to = last + 1;
  let parsedLength = 0;
  for (let attempt = 0; ; attempt++) {
    while (to < count - 1 && !separable(to)) to++;
    const atStart = from <= 0;
    const atEnd = to >= count - 1;
    if (atStart && atEnd) return full('whole-document', parsedLength);

    const start = atStart ? 0 : lineStartOf(from);
    const startLine = atStart ? 1 : lineOf(from);
    const oldEnd = atEnd ? oldText.length : lineStartOf(to + 1);
    const end = oldEnd + delta;
    parsedLength += end - start;
    if (parsedLength > maxParsedLength) return { kind: 'over-limit' };
    const span = parseMarkdownTree(newText.slice(start, end));
    if (containsDefinition(span)) return full('definitions', parsedLength);
    if (atStart && unclosedFrontMatter(newText, span)) return full('front-matter', parsedLength);
    for (const node of span.children) shiftInPlace(node, start, startLine - 1);
    const lineDelta = atEnd ? 0 : countLineEndings(newText, start, end) - (lineOf(to + 1) - startLine);
    const lastBlock = blocks[to];
    const lastParsed = span.children[span.children.length - 1];
    const endsAsBefore = !atEnd && lastBlock !== undefined && lastParsed !== undefined && sameShifted(lastBlock, lastParsed, delta, lineDelta);
    const prefix = atStart ? [] : blocks.slice(0, from);
    const rootStart = atStart ? span.position?.start : tree.position?.start;

    if (atEnd) {
      const rootEnd = span.position && shiftPoint(span.position.end, start, startLine - 1);
      return { kind: 'patched', tree: withChildren(tree, [...prefix, ...span.children], rootStart, rootEnd), start, end, parsedLength };
    }
    if (endsAsBefore) {
      const suffix = blocks.slice(to + 1).map((block) => (delta === 0 && lineDelta === 0 ? block : recordMovedBlock(block, shiftedCopy(block, delta, lineDelta), delta)));
      const rootEnd = tree.position && shiftPoint(tree.position.end, delta, lineDelta);
      return { kind: 'patched', tree: withChildren(tree, [...prefix, ...span.children, ...suffix], rootStart, rootEnd), start, end, parsedLength };
    }
    // Something in the span swallowed its last block (an unclosed fence, comment, list...): grow, then go to the end.
    to = attempt === 0 ? to + WIDEN_BLOCKS : count - 1;
  }
}

function withChildren(tree: Root, children: RootContent[], start: Point | undefined, end: Point | undefined): Root {
  return { ...tree, children, ...(start && end ? { position: { ...tree.position, start, end } } : {}) };
}

/**
 * Whether `[start, end)` is the rest of a block's last line and at least one
 * blank line after it (only spaces, tabs and two or more line endings):
 * nothing but a list, indented code or a footnote stays open across it.
 */
function isBlankGap(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return false;
  }
  return countLineEndings(text, start, end) >= 2;
}

/**
 * Whether a span starting at `offset` would parse differently from the same
 * text in place, since it is parsed as a file of its own: `---` opens front
 * matter there, and the parser drops a byte order mark there.
 */
function readAsFileStart(text: string, offset: number): boolean {
  return text.startsWith('---', offset) || hasByteOrderMark(text.slice(offset, offset + 1));
}

function unclosedFrontMatter(text: string, tree: Root): boolean {
  return text.startsWith('---') && tree.children[0]?.type !== 'yaml';
}

/** The start of the line holding `offset`, if only spaces and tabs precede it there. */
function lineStartBefore(text: string, offset: number): number | undefined {
  let index = offset;
  while (index > 0 && (text[index - 1] === ' ' || text[index - 1] === '\t')) index--;
  return index === 0 || text[index - 1] === '\n' || text[index - 1] === '\r' ? index : undefined;
}

/** Whether a line after a blank line may still belong to `block`: lists, indented code and footnotes continue by indentation. */
function continuable(block: RootContent, text: string, lineStart: number): boolean {
  if (block.type === 'list' || block.type === 'footnoteDefinition') return true;
  if (block.type !== 'code') return false;
  FENCE_AT.lastIndex = lineStart;
  return !FENCE_AT.test(text);
}

function containsDefinition(node: Node): boolean {
  if (node.type === 'definition' || node.type === 'footnoteDefinition') return true;
  const children = (node as { children?: Node[] }).children;
  return children !== undefined && children.some(containsDefinition);
}

/** Line endings as the parser counts them: CRLF, CR and LF each end one line. */
function countLineEndings(text: string, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) count++;
    else if (code === 13) {
      count++;
      if (text.charCodeAt(index + 1) === 10 && index + 1 < end) index++;
    }
  }
  return count;
}
