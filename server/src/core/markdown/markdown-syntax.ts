import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { type Data, type Processor, unified } from 'unified';

/** A micromark syntax extension, as remark plugins hand them to remark-parse. */
type SyntaxExtension = NonNullable<Data['micromarkExtensions']>[number];
/** An extension of the tree's construction (mdast-util-from-markdown), as remark plugins hand them to remark-parse. */
type TreeExtension = NonNullable<Data['fromMarkdownExtensions']>[number];
type TreeExtensionRecord = Exclude<TreeExtension, readonly unknown[]>;

/**
 * The Markdown parser every article goes through: CommonMark, GitHub
 * Flavored Markdown and YAML front matter. It is the reference: what
 * {@link parseMarkdownTree} returns is always the tree this processor gives.
 */
export const markdownProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/**
 * What a literal email address needs in the source (micromark-extension-gfm-autolink-literal):
 * an `@` after a character of its local part (`+`, `-`, `.`, `_`, an ASCII letter or digit),
 * then domain characters (`-`, `_`, ASCII letters and digits) and dots, at least one dot among them.
 */
const EMAIL_SHAPE = /[+\-.\w]@[\w.-]*\./;

/**
 * A line that may be a table's delimiter row (micromark-extension-gfm-table),
 * block quote markers and indents included: nothing but spaces, tabs, `>`,
 * `|`, `:` and `-`, with a dash (a cell is dashes, with an optional colon at
 * either end) and a pipe or a colon, which the tokenizer requires of the row
 * (a line of dashes alone is a thematic break or a heading underline). No
 * table without one.
 */
const DELIMITER_ROW = /^(?=[^\n\r]*-)(?=[^\n\r]*[|:])[ \t>|:-]+$/m;

/**
 * GFM constructs that cannot occur in a text lacking a certain character
 * sequence, with that test. The parser tries its constructs at the characters
 * they may start at; the email autolink, for one, at every letter and digit.
 * In a text where a construct cannot match, each try is work for nothing:
 * measured on the corpus of Microsoft support articles, GFM doubled the
 * parser's CPU time, mostly through tries that failed.
 *
 * Each test is a necessary condition read off the construct's tokenizer
 * (micromark-extension-gfm-*), which consumes these characters as they are
 * in the text: character references and backslash escapes are not decoded
 * at that stage, and container prefixes (`> `, list indents) only ever follow
 * a line ending, which none of these sequences holds. The transform that
 * finds literal autolinks in the built tree's decoded text is gated on that
 * tree instead (see {@link LITERAL_AUTOLINK_SIGN}).
 * `test/unit/markdown/markdown-syntax.property.test.ts` checks that the trees are equal.
 */
const GATED_CONSTRUCTS: readonly { readonly names: readonly string[]; readonly mayOccur: (text: string) => boolean }[] = [
  // `user@example.com`: an `@` after a character of the address, and a dot in the domain after it.
  { names: ['emailAutolink'], mayOccur: (text) => EMAIL_SHAPE.test(text) },
  { names: ['wwwAutolink'], mayOccur: (text) => /www\./i.test(text) },
  { names: ['protocolAutolink'], mayOccur: (text) => /https?:\/\//i.test(text) },
  { names: ['table'], mayOccur: (text) => DELIMITER_ROW.test(text) },
  { names: ['strikethrough'], mayOccur: (text) => text.includes('~') },
  // Both a footnote definition and a call start with `[^`.
  { names: ['gfmFootnoteDefinition', 'gfmFootnoteCall', 'gfmPotentialFootnoteCall'], mayOccur: (text) => text.includes('[^') },
];

/**
 * What text must hold for GFM's literal autolink transform to turn part of it
 * into a link: an `@` (an email address, `mailto:`, `xmpp:`), or `http://`,
 * `https://` or `www.` in any letter case, within one text node. The
 * transform's expressions (mdast-util-gfm-autolink-literal) match nothing
 * else. It runs on the built tree, whose text is decoded, so the test reads
 * the tree and not the source: `user&#64;contoso.com` is an address.
 */
const LITERAL_AUTOLINK_SIGN = /@|https?:\/\/|www\./i;

/** The engine's parsers, by bit mask of the {@link GATED_CONSTRUCTS} entries they leave out (none for 0); made on first use. */
const narrowedProcessors = new Map<number, Processor<Root>>();

/**
 * Parses Markdown `text` into its syntax tree: the tree
 * {@link markdownProcessor} gives, positions included, obtained without
 * trying GFM constructs that cannot occur in `text`, nor looking for literal
 * autolinks in a tree whose text cannot hold one.
 */
export function parseMarkdownTree(text: string): Root {
  let leftOut = 0;
  GATED_CONSTRUCTS.forEach((gated, index) => {
    if (!gated.mayOccur(text)) leftOut |= 1 << index;
  });
  let processor = narrowedProcessors.get(leftOut);
  if (processor === undefined) {
    processor = narrowedProcessor(GATED_CONSTRUCTS.filter((_, index) => (leftOut & (1 << index)) !== 0).flatMap((gated) => gated.names));
    narrowedProcessors.set(leftOut, processor);
  }
  return processor.parse(text);
}

/**
 * {@link markdownProcessor} with the same extensions, in the same order, less
 * the constructs named `names`, and with the literal autolink transform
 * skipped on trees that give it nothing to do.
 */
function narrowedProcessor(names: readonly string[]): Processor<Root> {
  const leftOut = new Set(names);
  const extensions = (markdownProcessor.data('micromarkExtensions') ?? []).map((extension) => withoutConstructs(extension, leftOut));
  const processor = unified().use(remarkParse);
  processor.data('micromarkExtensions', extensions);
  processor.data('fromMarkdownExtensions', (markdownProcessor.data('fromMarkdownExtensions') ?? []).map(withGatedAutolinkTransform));
  return processor.freeze();
}

/**
 * `extension`, and when it is the one that builds literal autolinks (it
 * handles their tokens), with its transforms run only on a tree whose text
 * may hold one (see {@link LITERAL_AUTOLINK_SIGN}). The transform walks the
 * tree once per expression, four times, and tries each on every text node:
 * measured on the corpus of Microsoft support articles, it was a third of
 * the tree's construction, for nothing in most trees.
 */
function withGatedAutolinkTransform(extension: TreeExtension): TreeExtension {
  if (Array.isArray(extension)) return extension.map(gatedAutolinkTransform);
  return gatedAutolinkTransform(extension as TreeExtensionRecord);
}

function gatedAutolinkTransform(extension: TreeExtensionRecord): TreeExtensionRecord {
  const transforms = extension.transforms;
  if (extension.exit?.literalAutolinkEmail === undefined || transforms === undefined || transforms === null) return extension;
  return { ...extension, transforms: transforms.map((transform) => (tree: Root) => (mayHoldLiteralAutolink(tree) ? transform(tree) : undefined)) };
}

/** Whether some text node of `tree` holds a {@link LITERAL_AUTOLINK_SIGN}. */
function mayHoldLiteralAutolink(tree: Root): boolean {
  // A stack, not recursion: nesting depth is the text's to choose.
  const pending: Nodes[] = [tree];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.type === 'text') {
      if (LITERAL_AUTOLINK_SIGN.test(node.value)) return true;
    } else if ('children' in node) {
      // One by one: a spread of a root's hundreds of thousands of children would overflow the stack.
      for (const child of node.children) pending.push(child);
    }
  }
  return false;
}

/** The construct records of an extension (by content type, then by character code). */
const RECORD_FIELDS = ['document', 'contentInitial', 'flowInitial', 'flow', 'string', 'text', 'insideSpan'] as const;

interface NamedConstruct {
  readonly name?: string;
}

/** `extension` without the constructs named in `names`; a character left without constructs is dropped from its record. */
function withoutConstructs(extension: SyntaxExtension, names: ReadonlySet<string>): SyntaxExtension {
  const narrowed: Record<string, unknown> = { ...extension };
  for (const field of RECORD_FIELDS) {
    const record = extension[field];
    if (record === undefined) continue;
    const kept: Record<string, unknown> = {};
    for (const [code, value] of Object.entries(record)) {
      const constructs = ((Array.isArray(value) ? value : [value]) as NamedConstruct[]).filter((construct) => construct.name === undefined || !names.has(construct.name));
      if (constructs.length > 0) kept[code] = constructs;
    }
    narrowed[field] = kept;
  }
  return narrowed as SyntaxExtension;
}
