import type { KbView } from '../../kb-view.js';
import type { MarkdownFile } from '../../markdown/parse-markdown.js';
import { resolveLink } from '../../markdown/resolve-link.js';

/** Includes followed from one article: Learn itself refuses deeper nesting long before this. */
const MAX_INCLUDED_FILES = 64;

/**
 * Every anchor of the page `file` becomes: its own anchors and those of the
 * files it includes (`[!INCLUDE [label](path)]`), and of theirs, since Learn
 * renders an include's headings and HTML in place. Include cycles and
 * missing files are skipped. Never throws.
 */
export function pageAnchors(kb: KbView, file: MarkdownFile): ReadonlySet<string> {
  if (!file.links.some((link) => link.kind === 'include')) return file.anchors;
  const anchors = new Set(file.anchors);
  const seen = new Set([file.path]);
  const pending = [file];
  for (let current = pending.pop(); current !== undefined && seen.size <= MAX_INCLUDED_FILES; current = pending.pop()) {
    for (const link of current.links) {
      if (link.kind !== 'include') continue;
      const resolved = resolveLink(current.path, link.url);
      if (resolved.kind !== 'relative' || seen.has(resolved.path)) continue;
      seen.add(resolved.path);
      const included = kb.markdown(resolved.path);
      if (included === undefined) continue;
      for (const anchor of included.anchors) anchors.add(anchor);
      pending.push(included);
    }
  }
  return anchors;
}
