import { resolveLink } from '../markdown/resolve-link.js';
import { dirname, isInside, relativePath } from '../paths.js';
import type { Fix, Range } from '../types.js';
import { defineRule } from './rule.js';

/** `link-target`: a relative link, image or include points at a file that does not exist. */
export const linkTarget = defineRule({
  id: 'link-target',
  description: 'Relative links, images (both syntaxes) and includes must point at files that exist in the KB, with the same letter case.',
  defaultSeverity: 'error',
  appliesTo: 'article',
  fix: 'safe',
  check({ file, kb, report }) {
    for (const link of file.links) {
      const resolved = resolveLink(file.path, link.url);
      if (resolved.kind !== 'relative' || !isInside(resolved.path, kb.root) || kb.isBehindLinkOut(resolved.path) || kb.exists(resolved.path)) continue;
      const what = link.kind === 'link' || link.kind === 'definition' ? 'Link target' : 'Image';
      const actual = kb.existingPathIgnoringCase(resolved.path);
      if (actual !== undefined) {
        const corrected = relativePath(dirname(file.path), actual);
        report({
          range: link.urlRange,
          message: `${what} "${link.url}" differs in letter case from the file "${relativePath(kb.root, actual)}"; it breaks on case-sensitive servers.`,
          fixes: [caseFix(link.urlRange, link.url, corrected, resolved.fragment)],
        });
        continue;
      }
      report({ range: link.urlRange, message: `${what} "${link.url}" does not exist (looked for ${relativePath(kb.root, resolved.path)} in the KB).` });
    }
  },
});

function caseFix(range: Range, url: string, corrected: string, fragment: string | undefined): Fix {
  const prefix = url.startsWith('./') && !corrected.startsWith('.') ? './' : '';
  const newText = `${prefix}${corrected}${fragment === undefined ? '' : `#${fragment}`}`;
  return { title: `Use the file's exact name: "${newText}"`, safe: true, edits: [{ range, newText }] };
}
