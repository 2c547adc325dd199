import type { KbView } from './kb-view.js';
import type { MarkdownFile } from './markdown/parse-markdown.js';
import { resolveLink } from './markdown/resolve-link.js';

/** Includes followed from one article: Learn itself refuses deeper nesting long before this. */
const MAX_INCLUDED_FILES = 64;

/**
 * The files whose content Learn renders into the page of `file`: the files
 * it includes (`[!INCLUDE [label](path)]`), the files those include, and so
 * on, in the order found; cycles and missing files are skipped, `file`
 * itself is left out. Empty for an article without includes. Never throws.
 */
export function includedFiles(kb: KbView, file: MarkdownFile): MarkdownFile[] {
  if (!file.links.some((link) => link.kind === 'include')) return [];
  const included: MarkdownFile[] = [];
  const seen = new Set([file.path]);
  const pending = [file];
  for (let current = pending.pop(); current !== undefined && seen.size <= MAX_INCLUDED_FILES; current = pending.pop()) {
    for (const link of current.links) {
      if (link.kind !== 'include') continue;
      const resolved = resolveLink(current.path, link.url);
      if (resolved.kind !== 'relative' || seen.has(resolved.path)) continue;
      seen.add(resolved.path);
      const target = kb.markdown(resolved.path);
      if (target === undefined) continue;
      included.push(target);
      pending.push(target);
    }
  }
  return included;
}

/**
 * Every anchor of the page `file` becomes: its own anchors and those of the
 * files it includes ({@link includedFiles}), since Learn renders an include's
 * headings and HTML in place. Never throws.
 */
export function pageAnchors(kb: KbView, file: MarkdownFile): ReadonlySet<string> {
  const included = includedFiles(kb, file);
  if (included.length === 0) return file.anchors;
  const anchors = new Set(file.anchors);
  for (const part of included) for (const anchor of part.anchors) anchors.add(anchor);
  return anchors;
}
