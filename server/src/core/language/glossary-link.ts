import type { KnowledgeBase } from '../knowledge-base.js';
import { dirname, relativePath } from '../paths.js';
import type { Fix, Range } from '../types.js';
import { linksToEntry, termOccurrences } from './terms.js';

/**
 * "Link to glossary" for the first unlinked mention of each glossary term
 * inside `range` of an article, when the article does not link to that
 * term's glossary file yet. The fix wraps the mention in a relative link.
 */
export function glossaryLinkFixes(kb: KnowledgeBase, path: string, range: Range): Fix[] {
  const file = kb.markdown(path);
  if (file === undefined || kb.kindOf(path) !== 'article') return [];
  const seen = new Set<string>();
  const fixes: Fix[] = [];
  for (const occurrence of termOccurrences(kb, path)) {
    if (seen.has(occurrence.entry.id)) continue;
    seen.add(occurrence.entry.id);
    if (occurrence.inLink || occurrence.kind === 'avoid' || linksToEntry(kb, file, occurrence.entry)) continue;
    const touches = occurrence.range.end.line >= range.start.line && occurrence.range.start.line <= range.end.line
      && !(occurrence.range.end.line === range.start.line && occurrence.range.end.character < range.start.character)
      && !(occurrence.range.start.line === range.end.line && occurrence.range.start.character > range.end.character);
    if (!touches) continue;
    const target = encodeURI(relativePath(dirname(path), occurrence.entry.path));
    fixes.push({
      title: `Link "${occurrence.text}" to the glossary`,
      safe: false,
      edits: [{ range: occurrence.range, newText: `[${occurrence.text}](${target})` }],
    });
  }
  return fixes;
}
