import type { KbView } from '../kb-view.js';
import { dirname, isInside, relativePath } from '../paths.js';
import type { RedirectTarget } from '../repository/repository-model.js';
import type { Fix, Range } from '../types.js';
import { defineRule } from './rule.js';

/** `link-redirected`: a link points at a page that was moved or removed and is redirected by the repository's redirection files. */
export const linkRedirected = defineRule({
  id: 'link-redirected',
  description: 'A relative link must not point at a page the repository redirects (`.openpublishing.redirection*.json`): readers take an extra hop, and the link breaks if the redirection goes. Link the redirect target.',
  defaultSeverity: 'warning',
  appliesTo: ['article', 'toc'],
  fix: 'safe',
  check({ file, kb, report }) {
    for (const link of file.links) {
      const resolved = kb.resolveLink(file.path, link.url);
      if (resolved.kind !== 'relative' || !isInside(resolved.path, kb.root) || kb.exists(resolved.path) || kb.existingPathIgnoringCase(resolved.path) !== undefined) continue;
      const redirection = kb.repository.redirectionOf(resolved.path);
      if (redirection === undefined) continue;
      const from = `(${relativePath(kb.root, redirection.file)} line ${redirection.sourceRange.start.line + 1})`;
      const outcome = kb.repository.follow(redirection);
      const target = outcome.target;
      if (target === undefined) {
        report({ range: link.urlRange, message: `"${link.url}" points at a redirected page whose redirections loop ${from}; fix the redirection file and link the page readers should reach.` });
        continue;
      }
      if (target.kind === 'file' && !kb.exists(target.path)) {
        report({ range: link.urlRange, message: `"${link.url}" points at a redirected page, and its redirect target ${relativePath(kb.root, target.path)} does not exist ${from}.` });
        continue;
      }
      const newText = replacementUrl(kb, file.path, target, resolved.fragment, resolved.query);
      report({
        range: link.urlRange,
        message: `"${link.url}" points at a page that redirects to "${newText}" ${from}; link the target directly.`,
        fixes: [redirectFix(link.urlRange, newText)],
      });
    }
  },
});

/**
 * The link to write instead: the target file relative to the linking file
 * (keeping a `#fragment` the target has), or the URL. The link's query string
 * is kept either way: it selects what the reader sees of the page (a tab, a
 * pivot, a version, the table of contents and breadcrumb around it), which is
 * the link author's choice, not the page's.
 */
function replacementUrl(kb: KbView, fromPath: string, target: RedirectTarget, fragment: string | undefined, query: string | undefined): string {
  if (target.kind === 'url') return query === undefined ? target.url : withQuery(target.url, query);
  const relative = relativePath(dirname(fromPath), target.path);
  const withLinkQuery = query === undefined ? relative : `${relative}?${query}`;
  const keepsFragment = fragment !== undefined && fragment !== '' && kb.markdown(target.path)?.anchors.has(fragment.toLowerCase()) === true;
  return keepsFragment ? `${withLinkQuery}#${fragment}` : withLinkQuery;
}

/** `url` with `query` added to its own query string (before its `#fragment`), as a redirect that keeps the query string does. */
function withQuery(url: string, query: string): string {
  const hashIndex = url.indexOf('#');
  const [beforeFragment, fragment] = hashIndex === -1 ? [url, ''] : [url.slice(0, hashIndex), url.slice(hashIndex)];
  const separator = !beforeFragment.includes('?') ? '?' : beforeFragment.endsWith('?') || beforeFragment.endsWith('&') ? '' : '&';
  return `${beforeFragment}${separator}${query}${fragment}`;
}

function redirectFix(range: Range, newText: string): Fix {
  return { title: `Link the redirect target "${newText}"`, safe: true, edits: [{ range, newText }] };
}
