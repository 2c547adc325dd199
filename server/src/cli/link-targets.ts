import { includedFiles, type KnowledgeBase } from '../core/index.js';

/**
 * The files that the links, images and includes of the file at `path` point
 * at (relative links resolved, fragments dropped), and the files those
 * include (their headings are anchors a fragment may name), sorted; the file
 * itself is left out. Empty for files that are not Markdown.
 */
export function linkTargetsOf(kb: KnowledgeBase, path: string): string[] {
  const file = kb.markdown(path);
  if (file === undefined) return [];
  // The file's own page takes in what it includes, down to nested includes.
  const targets = new Set<string>(includedFiles(kb, file).map((included) => included.path));
  for (const link of file.links) {
    const resolved = kb.resolveLink(path, link.url);
    if (resolved.kind !== 'relative' || resolved.path === path) continue;
    targets.add(resolved.path);
    const target = resolved.fragment === undefined ? undefined : kb.markdown(resolved.path);
    if (target !== undefined) for (const included of includedFiles(kb, target)) targets.add(included.path);
  }
  return [...targets].sort();
}
