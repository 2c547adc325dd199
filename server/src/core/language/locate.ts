import type { KnowledgeBase } from '../knowledge-base.js';
import type { MarkdownFile, MarkdownHeading, MarkdownLink } from '../markdown/parse-markdown.js';
import { isInside } from '../paths.js';
import type { Position, Range } from '../types.js';

/** A place in a KB file: what editor features return, converted to LSP locations by the host. */
export interface Location {
  readonly path: string;
  readonly range: Range;
}

/** Where a link of the KB points: a file and, when the link has one, the `#fragment`. */
export interface LinkTarget {
  readonly path: string;
  readonly fragment: string | undefined;
}

/** Orders positions: negative when `a` is before `b`. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Whether `position` is inside `range`, both ends included (a cursor just after a word still touches it). */
export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/** The link (or image, definition, Learn image) under `position`, or `undefined`. */
export function linkAt(file: MarkdownFile, position: Position): MarkdownLink | undefined {
  return file.links.find((link) => rangeContains(link.range, position));
}

/** The heading on the line of `position`, or `undefined`. */
export function headingAt(file: MarkdownFile, position: Position): MarkdownHeading | undefined {
  return file.headings.find((heading) => heading.range.start.line <= position.line && position.line <= heading.range.end.line);
}

/**
 * Where a link of `file` points inside the KB, or `undefined` for external
 * URLs, file URLs and paths outside the KB (never followed).
 */
export function linkTarget(kb: KnowledgeBase, file: MarkdownFile, link: MarkdownLink): LinkTarget | undefined {
  const resolved = kb.resolveLink(file.path, link.url);
  if (resolved.kind === 'same-file') return { path: file.path, fragment: resolved.fragment };
  if (resolved.kind !== 'relative' || !isInside(resolved.path, kb.root)) return undefined;
  return { path: resolved.path, fragment: resolved.fragment };
}

/**
 * The heading of `file` whose slug is `fragment`, or `undefined`. Letter case
 * is ignored so that navigation still works from a link whose case
 * `link-anchor` reports (browsers and Learn match fragments exactly).
 */
export function headingForFragment(file: MarkdownFile, fragment: string): MarkdownHeading | undefined {
  const wanted = fragment.toLowerCase();
  return file.headings.find((heading) => heading.slug === wanted);
}

/**
 * The range of the text after `#` in a link's destination, or `undefined`
 * when the link has no fragment or its destination is not written as-is
 * (escapes, reference links), where an edit could not be placed safely.
 */
export function fragmentRange(file: MarkdownFile, link: MarkdownLink): Range | undefined {
  const start = file.document.offsetAt(link.urlRange.start);
  const end = file.document.offsetAt(link.urlRange.end);
  const written = file.document.text.slice(start, end);
  const hash = written.indexOf('#');
  if (hash === -1 || written !== link.url) return undefined;
  return file.document.rangeAt(start + hash + 1, end);
}

/** The range of a heading's text, without the `#` marks and closing sequence. */
export function headingTextRange(file: MarkdownFile, heading: MarkdownHeading): Range {
  const line = file.document.lineText(heading.range.start.line);
  const opening = /^\s{0,3}#{1,6}[ \t]+/.exec(line);
  if (opening === null) return heading.range;
  // The closing sequence is trimmed by hand: a lazy regex body before `[ \t]*$` is quadratic on long runs of spaces.
  const start = opening[0].length;
  let end = withoutTrailingBlanks(line, start, line.length);
  let hashes = end;
  while (hashes > start && line[hashes - 1] === '#') hashes--;
  if (hashes < end && hashes > start && (line[hashes - 1] === ' ' || line[hashes - 1] === '\t')) end = withoutTrailingBlanks(line, start, hashes);
  const lineStart = file.document.lineStart(heading.range.start.line);
  return file.document.rangeAt(lineStart + start, lineStart + end);
}

function withoutTrailingBlanks(line: string, start: number, end: number): number {
  let index = end;
  while (index > start && (line[index - 1] === ' ' || line[index - 1] === '\t')) index--;
  return index;
}

/** Every link of every Markdown file of the KB that resolves to `path`, with the file it is in. */
export function linksTo(kb: KnowledgeBase, path: string): Array<{ file: MarkdownFile; link: MarkdownLink; target: LinkTarget }> {
  const result: Array<{ file: MarkdownFile; link: MarkdownLink; target: LinkTarget }> = [];
  for (const candidate of kb.allPaths()) {
    const file = kb.markdown(candidate);
    if (file === undefined) continue;
    for (const link of file.links) {
      const target = linkTarget(kb, file, link);
      if (target?.path === path) result.push({ file, link, target });
    }
  }
  return result;
}
