import type { KnowledgeBase } from '../knowledge-base.js';
import type { MarkdownFile, MarkdownHeading } from '../markdown/parse-markdown.js';
import type { Position, Range } from '../types.js';
import { fragmentRange, headingAt, headingForFragment, linkAt, linksTo, linkTarget, type Location } from './locate.js';
import { termAt, termOccurrences } from './terms.js';

/**
 * Every reference to the thing under `position`: for a heading (or a link to
 * one), every link to its anchor across the KB; for a glossary term, every
 * mention in any spelling and every link to its glossary file.
 */
export function referencesAt(kb: KnowledgeBase, path: string, position: Position, includeDeclaration: boolean): Location[] {
  const file = kb.markdown(path);
  if (file !== undefined) {
    const heading = headingAt(file, position);
    if (heading !== undefined) return headingReferences(kb, file, heading, includeDeclaration);
    const link = linkAt(file, position);
    const target = link === undefined ? undefined : linkTarget(kb, file, link);
    if (link !== undefined && target?.fragment !== undefined) {
      const targetFile = kb.markdown(target.path);
      const targetHeading = targetFile === undefined ? undefined : headingForFragment(targetFile, target.fragment);
      if (targetFile !== undefined && targetHeading !== undefined) return headingReferences(kb, targetFile, targetHeading, includeDeclaration);
    }
  }
  const term = termAt(kb, path, position);
  if (term === undefined) return [];
  const locations: Location[] = [];
  for (const candidate of kb.checkedPaths()) {
    for (const occurrence of termOccurrences(kb, candidate)) {
      if (occurrence.entry.id === term.entry.id) locations.push({ path: candidate, range: occurrence.range });
    }
  }
  for (const { file: linking, link } of linksTo(kb, term.entry.path)) {
    if (!locations.some((location) => location.path === linking.path && overlaps(location.range, link.range))) locations.push({ path: linking.path, range: link.urlRange });
  }
  if (includeDeclaration) locations.unshift({ path: term.entry.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  return locations;
}

/** The links whose `#fragment` names `heading` of `file`, with the fragment's range. */
export function linksToHeading(kb: KnowledgeBase, file: MarkdownFile, heading: MarkdownHeading): Array<{ path: string; range: Range }> {
  const result: Array<{ path: string; range: Range }> = [];
  for (const { file: linking, link, target } of linksTo(kb, file.path)) {
    if (target.fragment === undefined || target.fragment.toLowerCase() !== heading.slug) continue;
    result.push({ path: linking.path, range: fragmentRange(linking, link) ?? link.urlRange });
  }
  return result;
}

function headingReferences(kb: KnowledgeBase, file: MarkdownFile, heading: MarkdownHeading, includeDeclaration: boolean): Location[] {
  const links = linksToHeading(kb, file, heading);
  return includeDeclaration ? [{ path: file.path, range: heading.range }, ...links] : links;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']): boolean => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
