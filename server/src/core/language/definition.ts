import type { KnowledgeBase } from '../knowledge-base.js';
import { joinPath } from '../paths.js';
import type { Position, Range } from '../types.js';
import { headingForFragment, linkAt, linkTarget, type Location, rangeContains } from './locate.js';
import { metadataSourceDefinition } from './metadata-source.js';
import { termAt } from './terms.js';

const TOP: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Where the thing under `position` is defined: a link's target file (at the
 * heading its `#fragment` names), a glossary term's glossary file, an
 * `@article:` tag's article, the `docfx.json` line that supplies a front
 * matter key's value (on the opening `---`, every supplied key's line). Empty when there is nothing to go to.
 */
export function definitionAt(kb: KnowledgeBase, path: string, position: Position): Location[] {
  const file = kb.parse(path);
  if (file?.kind === 'markdown') {
    const metadataSources = metadataSourceDefinition(kb, file, position);
    if (metadataSources.length > 0) return metadataSources;
    const link = linkAt(file, position);
    if (link !== undefined) {
      const target = linkTarget(kb, file, link);
      if (target === undefined || !kb.exists(target.path)) return [];
      const targetFile = kb.markdown(target.path);
      const heading = targetFile && target.fragment !== undefined ? headingForFragment(targetFile, target.fragment) : undefined;
      return [{ path: target.path, range: heading?.range ?? TOP }];
    }
  }
  if (file?.kind === 'scenario') {
    const tags = [...(file.feature?.tags ?? []), ...file.scenarios.flatMap((scenario) => scenario.tags)];
    const tag = tags.find((candidate) => rangeContains(candidate.range, position));
    if (tag !== undefined) {
      const match = /^@?article:(.+)$/.exec(tag.name);
      const target = match?.[1] === undefined ? undefined : joinPath(kb.root, match[1]);
      return target !== undefined && kb.exists(target) ? [{ path: target, range: TOP }] : [];
    }
  }
  const term = termAt(kb, path, position);
  return term === undefined ? [] : [{ path: term.entry.path, range: TOP }];
}
