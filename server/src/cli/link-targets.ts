import type { KnowledgeBase } from '../core/index.js';

/**
 * The files that the links, images and includes of the file at `path` point
 * at (relative links resolved, fragments dropped), sorted; the file itself
 * is left out. Empty for files that are not Markdown.
 */
export function linkTargetsOf(kb: KnowledgeBase, path: string): string[] {
  const file = kb.markdown(path);
  if (file === undefined) return [];
  const targets = new Set<string>();
  for (const link of file.links) {
    const resolved = kb.resolveLink(path, link.url);
    if (resolved.kind === 'relative' && resolved.path !== path) targets.add(resolved.path);
  }
  return [...targets].sort();
}
