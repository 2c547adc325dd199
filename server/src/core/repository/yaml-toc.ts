import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { MarkdownLink } from '../markdown/link-syntax.js';
import { basename } from '../paths.js';
import { TextDocument } from '../text-document.js';
import type { Range } from '../types.js';

/** File names DocFX reads as a YAML table of contents, in lower case. */
const YAML_TOC_NAMES: ReadonlySet<string> = new Set(['toc.yml', 'toc.yaml']);

/** The keys of a DocFX TOC item that hold a link: the item's page, its landing page, and a nested table of contents. */
const HREF_KEYS: readonly string[] = ['href', 'topicHref', 'tocHref', 'homepage'];

/** Whether `path` names a YAML table of contents (`toc.yml`, any letter case). */
export function isYamlTocName(path: string): boolean {
  return YAML_TOC_NAMES.has(basename(path).toLowerCase());
}

/** Something in a YAML table of contents the build cannot read, at its place. */
export interface YamlTocProblem {
  readonly range: Range;
  readonly message: string;
}

/**
 * A DocFX YAML table of contents (`toc.yml`): a list of items with `name`,
 * `href`, `topicHref`, `tocHref` and nested `items`. Its links are the items'
 * hrefs, in the form Markdown links take, so the link rules check them as
 * they check a `TOC.md`.
 */
export interface YamlTocFile {
  readonly kind: 'yaml-toc';
  readonly path: string;
  readonly document: TextDocument;
  readonly links: readonly MarkdownLink[];
  readonly problems: readonly YamlTocProblem[];
}

/** Parses `text` as a DocFX YAML table of contents; YAML errors and items of the wrong shape become problems. Never throws on input. */
export function parseYamlToc(path: string, text: string): YamlTocFile {
  const document = new TextDocument(path, text);
  const links: MarkdownLink[] = [];
  const problems: YamlTocProblem[] = [];
  const rangeOf = (range: readonly number[] | null | undefined): Range => document.rangeAt(range?.[0] ?? 0, Math.max(range?.[0] ?? 0, range?.[1] ?? 0));
  const problem = (range: readonly number[] | null | undefined, message: string): void => {
    problems.push({ range: rangeOf(range), message });
  };

  const yaml = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false });
  for (const error of yaml.errors) problem(error.pos, `This table of contents is not valid YAML (${error.message.split('\n')[0] ?? ''}); the build cannot read it.`);
  if (yaml.errors.length > 0) return { kind: 'yaml-toc', path, document, links, problems };

  const readItems = (node: unknown): void => {
    if (node === null || node === undefined) return;
    if (!isSeq(node)) {
      problem((node as YamlNode).range, '"items" must be a list of table of contents items.');
      return;
    }
    for (const item of node.items) readItem(item);
  };
  const readItem = (item: unknown): void => {
    if (!isMap(item)) {
      problem((item as YamlNode | null)?.range, 'A table of contents item must be a mapping with "name" and "href" (or "items").');
      return;
    }
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === 'items') readItems(pair.value);
      else if (key !== undefined && HREF_KEYS.includes(key)) readHref(key, pair.value);
    }
  };
  const readHref = (key: string, value: unknown): void => {
    if (!isScalar(value) || typeof value.value !== 'string' || value.range === undefined || value.range === null) {
      if (!(isScalar(value) && value.value === null)) problem((value as YamlNode | null)?.range, `"${key}" must be a path or URL.`);
      return;
    }
    const url = value.value.trim();
    if (url === '') return;
    // The range of the path itself, inside any quotes: what a fix replaces.
    const quoted = value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE' ? 1 : 0;
    const range = rangeOf([value.range[0] + quoted, value.range[1] - quoted]);
    links.push({ kind: 'link', url, urlRange: range, range });
  };

  const root = yaml.contents;
  if (isMap(root) && root.has('items')) readItems(root.get('items', true));
  else if (root !== null) readItems(root);
  return { kind: 'yaml-toc', path, document, links, problems };
}
