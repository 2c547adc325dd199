import type { KnowledgeBase } from '../knowledge-base.js';
import type { Range } from '../types.js';
import { headingForFragment, linkTarget } from './locate.js';

/** A link the editor can follow: the destination text and the file (and line) it opens. */
export interface DocumentLinkItem {
  /** The destination as written (what the editor underlines). */
  readonly range: Range;
  readonly targetPath: string;
  /** Zero-based line of the heading a `#fragment` names, when it names one. */
  readonly targetLine?: number;
}

/**
 * The relative links, images, Learn images and includes of a Markdown file
 * whose target exists in the KB (broken ones are diagnostics, not links).
 */
export function documentLinksOf(kb: KnowledgeBase, path: string): DocumentLinkItem[] {
  const file = kb.markdown(path);
  if (file === undefined) return [];
  const links: DocumentLinkItem[] = [];
  for (const link of file.links) {
    const target = linkTarget(kb, file, link);
    if (target === undefined || target.path === path || !kb.exists(target.path)) continue;
    const targetFile = target.fragment === undefined ? undefined : kb.markdown(target.path);
    const heading = targetFile === undefined || target.fragment === undefined ? undefined : headingForFragment(targetFile, target.fragment);
    links.push({ range: link.urlRange, targetPath: target.path, ...(heading ? { targetLine: heading.range.start.line } : {}) });
  }
  return links;
}
