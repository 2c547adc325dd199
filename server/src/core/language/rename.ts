import type { KnowledgeBase } from '../knowledge-base.js';
import { HeadingSlugger } from '../markdown/heading-slug.js';
import type { Position, Range, TextEdit } from '../types.js';
import { fragmentRange, headingAt, headingTextRange, linksTo } from './locate.js';

/** Where a rename may happen and the text it starts from. */
export interface RenameTarget {
  readonly range: Range;
  readonly placeholder: string;
}

/**
 * The heading text under `position`, which a rename replaces; `undefined`
 * anywhere else (only headings can be renamed: their anchors are what links
 * across the KB name).
 */
export function prepareHeadingRename(kb: KnowledgeBase, path: string, position: Position): RenameTarget | undefined {
  const file = kb.markdown(path);
  const heading = file === undefined ? undefined : headingAt(file, position);
  if (file === undefined || heading === undefined) return undefined;
  const range = headingTextRange(file, heading);
  return { range, placeholder: file.document.text.slice(file.document.offsetAt(range.start), file.document.offsetAt(range.end)) };
}

/**
 * Renames the heading under `position` to `newText` and updates every link
 * to an anchor of the file whose slug changes (the renamed heading's, and
 * the `-1`, `-2` suffixes of duplicates that shift with it). Returns the
 * edits by path, or `undefined` when there is no heading at `position`.
 */
export function renameHeading(kb: KnowledgeBase, path: string, position: Position, newText: string): Map<string, TextEdit[]> | undefined {
  const file = kb.markdown(path);
  const heading = file === undefined ? undefined : headingAt(file, position);
  if (file === undefined || heading === undefined) return undefined;
  const textRange = headingTextRange(file, heading);
  const edits = new Map<string, TextEdit[]>([[path, [{ range: textRange, newText }]]]);

  // Slugs after the rename, computed as the parser does (in order, duplicates numbered).
  const before = new HeadingSlugger();
  const after = new HeadingSlugger();
  const newPlainText = newText.replace(/[`*_]/g, '').trim();
  const renamed = new Map<string, string>();
  for (const candidate of file.headings) {
    const slug = after.slug(candidate === heading ? newPlainText : candidate.text);
    // A heading with an explicit `<a name>` id keeps it whatever its text.
    if (before.slug(candidate.text) !== candidate.slug) continue;
    if (slug !== candidate.slug) renamed.set(candidate.slug, slug);
  }
  if (renamed.size === 0) return edits;

  for (const { file: linking, link, target } of linksTo(kb, path)) {
    const fragment = target.fragment?.toLowerCase();
    const slug = fragment === undefined ? undefined : renamed.get(fragment);
    const range = slug === undefined ? undefined : fragmentRange(linking, link);
    if (slug === undefined || range === undefined) continue;
    const list = edits.get(linking.path) ?? [];
    list.push({ range, newText: slug });
    edits.set(linking.path, list);
  }
  return edits;
}
