import type { Heading as MdastHeading, Html, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { TextDocument } from '../text-document.js';
import type { Range } from '../types.js';
import { type FrontMatter, frontMatterView, type StoredFrontMatter } from './front-matter.js';
import { type FrontMatterFile, readFrontMatterBlock } from './front-matter-file.js';
import { explicitHeadingId, HeadingSlugger, isTabHeading, plainHeadingText } from './heading-slug.js';
import { collectHtmlReferences, literalElementTag } from './html-references.js';
import { collectDirectiveLinks, directiveOfLink } from './learn-directives.js';
import { definitionLink, inlineLink, type LinkKind, linkView, type MarkdownLink, type StoredLink } from './link-syntax.js';
import { parseMarkdownTree } from './markdown-syntax.js';
import { appendProse } from './prose-spans.js';
import { parseSuppressions, type Suppressions } from './suppressions.js';

/** A heading with the anchor slug an article link would use for it. */
export interface MarkdownHeading {
  readonly depth: number;
  /** Plain text of the heading (inline code and links reduced to their text, HTML tags left out). */
  readonly text: string;
  /** The id Learn gives the heading (see {@link HeadingSlugger}), or the name of its leading `<a name>`. */
  readonly slug: string;
  readonly range: Range;
  /** Offset of the start of the heading line. */
  readonly start: number;
  /** Offset just after the heading's own text. */
  readonly end: number;
}

export type { LinkKind, MarkdownLink };

/** A stretch of prose (a text node) where term and claim checks may look. */
export interface ProseSpan {
  readonly start: number;
  readonly end: number;
}

/** Everything the rules need from a Markdown file, computed in one parse. */
export interface MarkdownFile extends FrontMatterFile {
  readonly kind: 'markdown';
  /** The syntax tree; after {@link releaseTree}, parsed again from the text when next read. */
  readonly tree: Root;
  /**
   * Drops the syntax tree to save memory, keeping everything derived from it
   * (headings, anchors, links, prose...) in compact form; the lists with
   * ranges are built again, equal, on next use. Cross-file checks only need
   * those, so a long-running host keeps trees only for the files being edited.
   */
  releaseTree(): void;
  readonly headings: readonly MarkdownHeading[];
  /**
   * The anchors a `#fragment` may name, in their exact letter case (Learn and
   * browsers match fragments case-sensitively): heading ids and every HTML
   * `id` and `name`. Headings brought in by includes are not among them (see
   * `pageAnchors` in `page-anchors.ts`).
   */
  readonly anchors: ReadonlySet<string>;
  readonly links: readonly MarkdownLink[];
  /**
   * Text outside code (also HTML `<code>`, `<kbd>`...), HTML, URLs, Learn
   * directives and include labels, and without paths and registry keys
   * (words holding a backslash), in document order.
   */
  readonly prose: readonly ProseSpan[];
  /** Rules silenced by `kb-disable` comments, by line. */
  readonly suppressions: Suppressions;
}

/** A heading as a parsed file keeps it: {@link MarkdownHeading} without the range, which its offsets give. */
type StoredHeading = Omit<MarkdownHeading, 'range'>;

/**
 * Parses a Markdown file once and derives headings, anchors, links, prose
 * spans, front matter and suppression comments. Never throws: whatever the
 * text, a {@link MarkdownFile} comes back (problems are in the front matter's
 * `problems` and are turned into findings by rules).
 */
export function parseMarkdown(path: string, text: string): MarkdownFile {
  // A byte order mark would hide the front matter from the parser; parse without it and shift offsets back.
  return markdownFileFromTree(path, text, parseMarkdownTree(hasByteOrderMark(text) ? text.slice(1) : text));
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
  const slugger = new HeadingSlugger();

  /** `quiet`: text below is no prose (a URL written as its own link text, an include's label, literal HTML). */
  const visit = (node: Nodes, quiet: boolean, directive: 'include' | 'code' | undefined): void => {
    switch (node.type) {
      case 'yaml': {
        if (frontMatter !== undefined) break;
        frontMatter = readFrontMatterBlock(document, start(node), end(node), node.value);
        return;
      }
      case 'heading':
        // A tab of Learn's tabbed content is shown as a tab: no heading, no anchor.
        if (isTabHeading(node)) return;
        headings.push(toHeading(node, slugger, start(node), end(node)));
        break;
      case 'html':
        htmlNodes.push(node);
        // Multi-line HTML in a container loses the container's prefixes in its value: its references cannot be placed.
        collectHtmlReferences(node.value, start(node), anchors, text.startsWith(node.value, start(node)) ? links : []);
        return;
      case 'code':
      case 'inlineCode':
        return;
      case 'link': {
        const linkText = toString(node);
        links.push(inlineLink(directive ?? 'link', node.url, text, start(node), end(node), lastChildEnd(node, shift), linkText, undefined));
        // An autolink (`<https://...>`, `<xref:...>`) shows its URL, which is no prose.
        quiet ||= directive !== undefined || linkText === node.url || /^(https?:|www\.|mailto:)/i.test(linkText);
        break;
      }
      case 'image':
        links.push(inlineLink('image', node.url, text, start(node), end(node), undefined, undefined, node.alt ?? ''));
        return;
      case 'definition':
        links.push(definitionLink(node.url, text, start(node), end(node)));
        return;
      case 'paragraph':
        collectDirectiveLinks(text, start(node), end(node), links);
        break;
      case 'text':
        if (!quiet) appendProse(text, start(node), end(node), prose);
        return;
      default:
        break;
    }
    if (!('children' in node)) return;
    let literalDepth = 0;
    let previous: Nodes | undefined;
    for (const child of node.children as Nodes[]) {
      if (child.type === 'html') {
        const tag = literalElementTag(child.value);
        if (tag === 'open') literalDepth++;
        else if (tag === 'close' && literalDepth > 0) literalDepth--;
      }
      visit(child, quiet || literalDepth > 0, child.type === 'link' ? directiveOfLink(previous) : undefined);
      previous = child;
    }
  };
  visit(tree, false, undefined);

  for (const heading of headings) anchors.add(heading.slug);
  // Learn directives are found per paragraph, before the paragraph's inline links: restore document order.
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
    this.retainedTree ??= parseMarkdownTree(hasByteOrderMark(this.document.text) ? this.document.text.slice(1) : this.document.text);
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

function toHeading(node: MdastHeading, slugger: HeadingSlugger, start: number, end: number): StoredHeading {
  const text = plainHeadingText(node).trim();
  // The derived id is taken even when an explicit one replaces it: later duplicates are numbered as Learn numbers them.
  const derived = slugger.slug(text);
  return { depth: node.depth, text, slug: explicitHeadingId(node) ?? derived, start, end };
}

function lastChildEnd(node: Nodes, shift: number): number | undefined {
  if (!('children' in node) || node.children.length === 0) return undefined;
  const last = node.children[node.children.length - 1];
  return last?.position ? last.position.end.offset! + shift : undefined;
}
