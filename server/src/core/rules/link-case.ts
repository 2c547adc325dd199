import { targetNoun } from '../markdown/link-syntax.js';
import { dirname, isInside, relativePath } from '../paths.js';
import type { Fix, Range } from '../types.js';
import { defineRule } from './rule.js';

/** `link-case`: a link's target exists, but with other letter case; Learn resolves it, the repository's web view does not. */
export const linkCase = defineRule({
  id: 'link-case',
  description: 'A relative link, image or include must spell its target with the file\'s exact letter case: Learn finds it either way, case-sensitive file systems and the repository\'s web view do not.',
  defaultSeverity: 'warning',
  appliesTo: ['article', 'toc'],
  fix: 'safe',
  check({ file, kb, report }) {
    for (const link of file.links) {
      const resolved = kb.resolveLink(file.path, link.url);
      if (resolved.kind !== 'relative' || !isInside(resolved.path, kb.root) || kb.isBehindLinkOut(resolved.path) || kb.exists(resolved.path)) continue;
      const actual = kb.existingPathIgnoringCase(resolved.path);
      if (actual === undefined) continue;
      const what = targetNoun(link.kind);
      report({
        range: link.urlRange,
        message: `${what} "${link.url}" differs in letter case from the file "${relativePath(kb.root, actual)}"; it breaks on case-sensitive file systems and in the repository's web view.`,
        fixes: [caseFix(link.urlRange, link.url, relativePath(dirname(file.path), actual), resolved.fragment)],
      });
    }
  },
});

function caseFix(range: Range, url: string, corrected: string, fragment: string | undefined): Fix {
  const prefix = url.startsWith('./') && !corrected.startsWith('.') ? './' : '';
  // A query (`?toc=...&bc=...`, how Learn pages pick their table of contents) is part of what the link means: keep it.
  const beforeFragment = url.split('#')[0] ?? '';
  const queryStart = beforeFragment.indexOf('?');
  const query = queryStart === -1 ? '' : beforeFragment.slice(queryStart);
  const newText = `${prefix}${corrected}${query}${fragment === undefined ? '' : `#${fragment}`}`;
  return { title: `Use the file's exact name: "${newText}"`, safe: true, edits: [{ range, newText }] };
}
