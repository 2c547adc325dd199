import { targetNoun } from '../markdown/link-syntax.js';
import { isInside, relativePath } from '../paths.js';
import { defineRule } from './rule.js';

/** `link-target`: a relative link, image or include points at a file that does not exist, in any letter case, and was not redirected. */
export const linkTarget = defineRule({
  id: 'link-target',
  description: 'Relative links, images (both syntaxes) and includes must point at files that exist in the repository (`~/` is the root of the linking file\'s docset).',
  defaultSeverity: 'error',
  appliesTo: ['article', 'toc'],
  fix: 'none',
  check({ file, kb, report }) {
    for (const link of file.links) {
      const resolved = kb.resolveLink(file.path, link.url);
      if (resolved.kind !== 'relative' || !isInside(resolved.path, kb.root) || kb.isBehindLinkOut(resolved.path) || kb.exists(resolved.path)) continue;
      // A file that exists in another letter case (`link-case`) or a page that was redirected (`link-redirected`) has a rule of its own.
      if (kb.existingPathIgnoringCase(resolved.path) !== undefined || kb.repository.redirectionOf(resolved.path) !== undefined) continue;
      // Folders the build fills from other repositories (shared includes, templates) are not here to check.
      if (kb.repository.isFromDependentRepository(resolved.path)) continue;
      const what = targetNoun(link.kind);
      report({ range: link.urlRange, message: `${what} "${link.url}" does not exist (looked for ${relativePath(kb.root, resolved.path)} in the KB).` });
    }
  },
});
