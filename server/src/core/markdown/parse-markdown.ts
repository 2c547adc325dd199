import GithubSlugger from 'github-slugger';
import type { Heading as MdastHeading, Html, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { TextDocument } from '../text-document.js';
import type { Range } from '../types.js';
import { type FrontMatter, frontMatterView, readStoredFrontMatter, type StoredFrontMatter } from './front-matter.js';
import { parseSuppressions, type Suppressions } from './suppressions.js';

/** A heading with the anchor slug an article link would use for it. */
export interface MarkdownHeading {
  readonly depth: number;
  /** Plain text of the heading (inline code and links reduced to their text). */
  readonly text: string;
  /** GitHub-style slug, duplicates suffixed `-1`, `-2`. */
  readonly slug: string;
  readonly range: Range;
  /** Offset of the start of the heading line. */
  readonly start: number;
  /** Offset just after the heading's own text. */
  readonly end: number;
}

/** How a link-like reference is written, which decides how it is checked. */
export type LinkKind = 'link' | 'image' | 'definition' | 'learn-image';

/** A reference from this file to another resource. */
export interface MarkdownLink {
  readonly kind: LinkKind;
  /** The destination as written, without angle brackets. */
  readonly url: string;
  /** Range of the destination text (what a rename or fix edits). */
  readonly urlRange: Range;
  /** Range of the whole construct, e.g. `[text](url)`. */
  readonly range: Range;
  /** Alt text for images; `undefined` for links. */
  readonly alt?: string;
  /** A Learn `:::image type="icon":::`, which is decorative and needs no alt text. */
  readonly decorative?: boolean;
  /** Visible text of a link (for remediation and glossary lookups). */
  readonly text?: string;
}

/** A stretch of prose (a text node) where term and claim checks may look. */
export interface ProseSpan {
  readonly start: number;
  readonly end: number;
}

/** Everything the rules need from a Markdown file, computed in one parse. */
export interface MarkdownFile {
  readonly kind: 'markdown';
  readonly path: string;
  readonly document: TextDocument;
  /** The syntax tree; after {@link releaseTree}, parsed again from the text when next read. */
  readonly tree: Root;
  /**
   * Drops the syntax tree to save memory, keeping everything derived from it
   * (headings, anchors, links, prose...) in compact form; the lists with
   * ranges are built again, equal, on next use. Cross-file checks only need
   * those, so a long-running host keeps trees only for the files being edited.
   */
  releaseTree(): void;
  /** `undefined` when the file does not start with a `---` block. */
  readonly frontMatter: FrontMatter | undefined;
  readonly headings: readonly MarkdownHeading[];
  /** Lower-cased anchors a `#fragment` may name: heading slugs and explicit HTML ids/names. */
  readonly anchors: ReadonlySet<string>;
  readonly links: readonly MarkdownLink[];
  /** Text nodes outside code, HTML, URLs and Learn directives, in document order. */
  readonly prose: readonly ProseSpan[];
  /** Rules silenced by `kb-disable` comments, by line. */
  readonly suppressions: Suppressions;
}

/** A heading as a parsed file keeps it: {@link MarkdownHeading} without the range, which its offsets give. */
type StoredHeading = Omit<MarkdownHeading, 'range'>;

/** A link as a parsed file keeps it: offsets instead of {@link MarkdownLink}'s ranges. */
interface StoredLink {
  readonly kind: LinkKind;
  readonly url: string;
  readonly start: number;
  readonly end: number;
  readonly urlStart: number;
  readonly urlEnd: number;
  readonly text: string | undefined;
  readonly alt: string | undefined;
  readonly decorative: boolean | undefined;
}

/** The Markdown parser every article goes through (exported so benchmarks measure the same floor). */
export const markdownProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

const LEARN_IMAGE = /:::image\b([^]*?):::/g;
const ATTRIBUTE = /([A-Za-z][\w-]*)\s*=\s*"([^"]*)"/g;
const HTML_ANCHOR = /<a\b[^>]*?\bname\s*=\s*["']([^"']+)["']|\bid\s*=\s*["']([^"']+)["']/gi;

/**
 * Parses a Markdown file once and derives headings, anchors, links, prose
 * spans, front matter and suppression comments. Never throws: whatever the
 * text, a {@link MarkdownFile} comes back (problems are in the front matter's
 * `problems` and are turned into findings by rules).
 */
export function parseMarkdown(path: string, text: string): MarkdownFile {
  // A byte order mark would hide the front matter from the parser; parse without it and shift offsets back.
  return markdownFileFromTree(path, text, markdownProcessor.parse(hasByteOrderMark(text) ? text.slice(1) : text));
}

/** Whether `text` starts with a byte order mark, which the tree's offsets leave out. */
export function hasByteOrderMark(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff;
}

/**
 * Derives a {@link MarkdownFile} from `tree`, the parse of `text` (without its
 * byte order mark, if any): the walk {@link parseMarkdown} does after parsing,
 * so that a tree patched by an incremental re-parse yields the same data.
 */
export function markdownFileFromTree(path: string, text: string, tree: Root): MarkdownFile {
  const document = new TextDocument(path, text);
  const shift = hasByteOrderMark(text) ? 1 : 0;
  const start = (node: Nodes): number => (node.position?.start.offset ?? 0) + shift;
  const end = (node: Nodes): number => (node.position?.end.offset ?? 0) + shift;

  let frontMatter: StoredFrontMatter | undefined;
  const headings: StoredHeading[] = [];
  const anchors = new Set<string>();
  const links: StoredLink[] = [];
  const prose: number[] = [];
  const htmlNodes: Html[] = [];
  const slugger = new GithubSlugger();

  const visit = (node: Nodes, inLink: boolean): void => {
    switch (node.type) {
      case 'yaml': {
        if (frontMatter !== undefined) break;
        const blockStart = start(node);
        // The line after the opening fence, whatever ends it (LF, CRLF or a lone CR, as for the parser).
        const contentLine = document.positionAt(blockStart).line + 1;
        const contentStart = contentLine < document.lineCount ? document.lineStart(contentLine) : end(node);
        frontMatter = readStoredFrontMatter(document, blockStart, end(node), contentStart, node.value);
        return;
      }
      case 'heading':
        headings.push(toHeading(node, slugger, start(node), end(node)));
        break;
      case 'html':
        htmlNodes.push(node);
        collectHtmlAnchors(node.value, anchors);
        return;
      case 'code':
      case 'inlineCode':
        return;
      case 'link':
        links.push(inlineLink('link', node.url, text, start(node), end(node), lastChildEnd(node, shift), toString(node), undefined));
        break;
      case 'image':
        links.push(inlineLink('image', node.url, text, start(node), end(node), undefined, undefined, node.alt ?? ''));
        return;
      case 'definition':
        links.push(definitionLink(node.url, text, start(node), end(node)));
        return;
      case 'paragraph':
        collectLearnImages(text, start(node), end(node), links);
        break;
      case 'text':
        if (!(inLink && /^(https?:|www\.|mailto:)/i.test(node.value)) && !node.value.startsWith(':::')) {
          prose.push(start(node), end(node));
        }
        return;
      default:
        break;
    }
    if ('children' in node) {
      for (const child of node.children) visit(child as Nodes, inLink || node.type === 'link');
    }
  };
  visit(tree, false);

  for (const heading of headings) anchors.add(heading.slug);
  // Learn images are found per paragraph, before the paragraph's inline links: restore document order.
  links.sort((a, b) => a.start - b.start);
  const suppressions = parseSuppressions(htmlNodes.map((node) => ({ value: node.value, offset: start(node) })), document);
  return new ParsedMarkdownFile(path, document, tree, { frontMatter, headings, links, prose: Uint32Array.from(prose) }, anchors, suppressions);
}

/** What a {@link ParsedMarkdownFile} keeps for good: the compact forms of its derived data. */
interface StoredMarkdown {
  readonly frontMatter: StoredFrontMatter | undefined;
  readonly headings: readonly StoredHeading[];
  readonly links: readonly StoredLink[];
  /** Start and end offsets of each prose span, one after the other. */
  readonly prose: Uint32Array;
}

/**
 * A parsed Markdown file. It keeps its derived data in compact form (offsets,
 * not ranges: a KB holds hundreds of thousands of them) and builds the
 * {@link MarkdownFile} views (headings, links, prose spans and front matter
 * entries with ranges) on first use; {@link releaseTree} drops the tree and
 * these views, so a file nobody edits costs little more than its text, and
 * both are built again, equal, when read again.
 */
class ParsedMarkdownFile implements MarkdownFile {
  readonly kind = 'markdown';
  private retainedTree: Root | undefined;
  private frontMatterCache: FrontMatter | undefined;
  private headingsCache: readonly MarkdownHeading[] | undefined;
  private linksCache: readonly MarkdownLink[] | undefined;
  private proseCache: readonly ProseSpan[] | undefined;

  constructor(
    readonly path: string,
    readonly document: TextDocument,
    tree: Root,
    private readonly stored: StoredMarkdown,
    readonly anchors: ReadonlySet<string>,
    readonly suppressions: Suppressions,
  ) {
    this.retainedTree = tree;
  }

  get tree(): Root {
    // The same text always gives the same tree, so a released tree is simply parsed again.
    this.retainedTree ??= markdownProcessor.parse(hasByteOrderMark(this.document.text) ? this.document.text.slice(1) : this.document.text);
    return this.retainedTree;
  }

  get frontMatter(): FrontMatter | undefined {
    const stored = this.stored.frontMatter;
    if (stored === undefined) return undefined;
    this.frontMatterCache ??= frontMatterView(stored, this.document);
    return this.frontMatterCache;
  }

  get headings(): readonly MarkdownHeading[] {
    this.headingsCache ??= this.stored.headings.map((heading): MarkdownHeading => ({
      depth: heading.depth,
      text: heading.text,
      slug: heading.slug,
      range: this.document.rangeAt(heading.start, heading.end),
      start: heading.start,
      end: heading.end,
    }));
    return this.headingsCache;
  }

  get links(): readonly MarkdownLink[] {
    this.linksCache ??= this.stored.links.map((link) => linkView(link, this.document));
    return this.linksCache;
  }

  get prose(): readonly ProseSpan[] {
    if (this.proseCache === undefined) {
      const offsets = this.stored.prose;
      const spans: ProseSpan[] = [];
      for (let index = 0; index < offsets.length; index += 2) spans.push({ start: offsets[index] ?? 0, end: offsets[index + 1] ?? 0 });
      this.proseCache = spans;
    }
    return this.proseCache;
  }

  releaseTree(): void {
    this.retainedTree = undefined;
    this.frontMatterCache = undefined;
    this.headingsCache = undefined;
    this.linksCache = undefined;
    this.proseCache = undefined;
  }
}

function linkView(link: StoredLink, document: TextDocument): MarkdownLink {
  const range = document.rangeAt(link.start, link.end);
  // Reference-style links and autolinks have their destination elsewhere (or are it): the whole construct is their URL's range.
  const urlRange = link.urlStart === link.start && link.urlEnd === link.end ? range : document.rangeAt(link.urlStart, link.urlEnd);
  const view: { -readonly [K in keyof MarkdownLink]: MarkdownLink[K] } = { kind: link.kind, url: link.url, urlRange, range };
  if (link.text !== undefined) view.text = link.text;
  if (link.alt !== undefined) view.alt = link.alt;
  if (link.decorative !== undefined) view.decorative = link.decorative;
  return view;
}

function toHeading(node: MdastHeading, slugger: GithubSlugger, start: number, end: number): StoredHeading {
  const text = toString(node).trim();
  return { depth: node.depth, text, slug: slugger.slug(text), start, end };
}

function lastChildEnd(node: Nodes, shift: number): number | undefined {
  if (!('children' in node) || node.children.length === 0) return undefined;
  const last = node.children[node.children.length - 1];
  return last?.position ? last.position.end.offset! + shift : undefined;
}

/** Finds the destination of `[text](dest "title")` or `![alt](dest)` in the source. */
function inlineLink(
  kind: LinkKind,
  url: string,
  text: string,
  start: number,
  end: number,
  textEnd: number | undefined,
  linkText: string | undefined,
  alt: string | undefined,
): StoredLink {
  const open = textEnd === undefined ? imageDestinationOpen(text, start, end, url) : text.indexOf('](', textEnd);
  if (open === -1 || open >= end) {
    // Reference-style or autolink: the destination lives elsewhere (or is the text itself).
    return { kind, url, start, end, urlStart: start, urlEnd: end, text: linkText, alt, decorative: undefined };
  }
  const [destinationStart, destinationEnd] = destinationSpan(text, open + 2, end);
  return { kind, url, start, end, urlStart: destinationStart, urlEnd: destinationEnd, text: linkText, alt, decorative: undefined };
}

/**
 * The `](` that opens an image's destination. The alt text may hold `](` too
 * (in a code span), so the first one whose destination is the image's URL
 * wins; the first one otherwise.
 */
function imageDestinationOpen(text: string, start: number, end: number, url: string): number {
  const first = text.indexOf('](', start);
  for (let open = first; open !== -1 && open < end; open = text.indexOf('](', open + 2)) {
    const [destinationStart, destinationEnd] = destinationSpan(text, open + 2, end);
    if (text.slice(destinationStart, destinationEnd) === url) return open;
  }
  return first;
}

function definitionLink(url: string, text: string, start: number, end: number): StoredLink {
  const colon = text.indexOf(']:', start);
  const [destinationStart, destinationEnd] = colon === -1 || colon >= end ? [start, end] : destinationSpan(text, colon + 2, end);
  return { kind: 'definition', url, start, end, urlStart: destinationStart, urlEnd: destinationEnd, text: undefined, alt: undefined, decorative: undefined };
}

/** Offsets of a link destination starting at or after `from`: `<...>` or a run without spaces and unbalanced `)`. */
function destinationSpan(text: string, from: number, limit: number): [number, number] {
  let index = from;
  while (index < limit && /\s/.test(text[index] ?? '')) index++;
  if (text[index] === '<') {
    const close = text.indexOf('>', index);
    return close === -1 || close > limit ? [index, index] : [index + 1, close];
  }
  const destinationStart = index;
  let depth = 0;
  for (; index < limit; index++) {
    const character = text[index] ?? '';
    if (character === '\\') { index++; continue; }
    if (/\s/.test(character)) break;
    if (character === '(') depth++;
    if (character === ')') { if (depth === 0) break; depth--; }
  }
  return [destinationStart, index];
}

function collectLearnImages(text: string, start: number, end: number, links: StoredLink[]): void {
  const source = text.slice(start, end);
  if (!source.includes(':::image')) return;
  for (const match of source.matchAll(LEARN_IMAGE)) {
    const attributes = new Map<string, { value: string; offset: number }>();
    const body = match[1] ?? '';
    const bodyOffset = start + (match.index ?? 0) + ':::image'.length;
    for (const attribute of body.matchAll(ATTRIBUTE)) {
      const value = attribute[2] ?? '';
      const valueOffset = bodyOffset + (attribute.index ?? 0) + attribute[0].length - value.length - 1;
      attributes.set((attribute[1] ?? '').toLowerCase(), { value, offset: valueOffset });
    }
    const source = attributes.get('source');
    if (source === undefined) continue;
    const constructStart = start + (match.index ?? 0);
    links.push({
      kind: 'learn-image',
      url: source.value,
      start: constructStart,
      end: constructStart + match[0].length,
      urlStart: source.offset,
      urlEnd: source.offset + source.value.length,
      text: undefined,
      alt: attributes.get('alt-text')?.value ?? '',
      decorative: attributes.get('type')?.value === 'icon',
    });
  }
}

function collectHtmlAnchors(html: string, anchors: Set<string>): void {
  if (!/\b(name|id)\s*=/i.test(html)) return;
  for (const match of html.matchAll(HTML_ANCHOR)) {
    const anchor = match[1] ?? match[2];
    if (anchor !== undefined) anchors.add(anchor.toLowerCase());
  }
}
