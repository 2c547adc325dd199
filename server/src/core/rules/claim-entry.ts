import type { KbView } from '../kb-view.js';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import { resolveLink } from '../markdown/resolve-link.js';
import { relativePath } from '../paths.js';
import type { Range } from '../types.js';
import { defineRule } from './rule.js';

/** `claim-entry`: a claims or relation file is malformed, its statement or one of its patterns is rejected, or its `see` link leads nowhere. */
export const claimEntry = defineRule({
  id: 'claim-entry',
  description: 'A claims file must have valid front matter (id, statement or when, message, see), glossary entries and relations that exist, patterns that compile in linear time, an explanation, and a `see` link to an existing section; a relation file must have usable forms.',
  defaultSeverity: 'error',
  appliesTo: 'claim',
  fix: 'none',
  check({ file, kb, report }) {
    for (const problem of file.frontMatter?.problems ?? []) report(problem);
    for (const problem of kb.knowledge.problems.get(file.path) ?? []) report(problem);
    const see = file.frontMatter?.data?.see;
    if (typeof see === 'string') {
      const message = seeProblem(file, kb, see.trim());
      if (message !== undefined) report({ range: seeRange(file), message });
    }
  },
});

/** Why `see` does not lead to a section of the KB, or `undefined` when it does (or is not a relative link, which the reader reports). */
function seeProblem(file: MarkdownFile, kb: KbView, see: string): string | undefined {
  const resolved = resolveLink(file.path, see);
  if (resolved.kind !== 'relative') return undefined;
  const target = kb.markdown(resolved.path);
  if (target === undefined) return `"see" points at ${relativePath(kb.root, resolved.path)}, which is not a Markdown file of the KB.`;
  if (resolved.fragment !== undefined && resolved.fragment !== '' && !target.anchors.has(resolved.fragment.toLowerCase())) {
    return `"see" names the section "#${resolved.fragment}", but ${relativePath(kb.root, target.path)} has no such heading.`;
  }
  return undefined;
}

function seeRange(file: MarkdownFile): Range {
  const entry = file.frontMatter?.entries.find((candidate) => candidate.key === 'see');
  return entry?.valueRange ?? file.document.rangeAt(0, 0);
}
