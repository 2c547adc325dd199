import { closest, distance } from 'fastest-levenshtein';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import { resolveLink } from '../markdown/resolve-link.js';
import { extname, isInside, relativePath } from '../paths.js';
import type { Fix, Range } from '../types.js';
import { defineRule } from './rule.js';

/** `link-anchor`: a `#fragment` names no heading and no explicit HTML anchor of its target file. */
export const linkAnchor = defineRule({
  id: 'link-anchor',
  description: 'A `#fragment` must match a heading slug or an explicit HTML anchor (`<a name>`, `id=`) of the target Markdown file.',
  defaultSeverity: 'error',
  appliesTo: 'article',
  fix: 'suggestion',
  check({ file, kb, report }) {
    for (const link of file.links) {
      const resolved = resolveLink(file.path, link.url);
      let target: MarkdownFile | undefined;
      let fragment: string | undefined;
      if (resolved.kind === 'same-file') {
        target = file;
        fragment = resolved.fragment;
      } else if (resolved.kind === 'relative' && resolved.fragment !== undefined && extname(resolved.path) === '.md' && isInside(resolved.path, kb.root)) {
        target = kb.markdown(resolved.path);
        fragment = resolved.fragment;
      }
      if (target === undefined || fragment === undefined || fragment === '' || target.anchors.has(fragment.toLowerCase())) continue;
      // Learn's tabbed conceptual content links tabs as `#tab/<id>`; those are not headings.
      if (fragment.startsWith('tab/')) continue;
      const where = target === file ? 'this file' : relativePath(kb.root, target.path);
      const suggestion = closestSlug(target, fragment);
      const fragmentRange = fragmentRangeOf(file, link.urlRange, link.url);
      report({
        range: fragmentRange,
        message: `No heading or anchor "#${fragment}" in ${where}${suggestion === undefined ? '' : `; did you mean "#${suggestion}"?`}`,
        related: target === file ? [] : [{ path: target.path, range: target.headings[0]?.range ?? target.document.rangeAt(0, 0), message: 'Target file' }],
        fixes: suggestion === undefined ? [] : [replaceFragment(fragmentRange, suggestion)],
      });
    }
  },
});

function closestSlug(target: MarkdownFile, fragment: string): string | undefined {
  const slugs = target.headings.map((heading) => heading.slug);
  if (slugs.length === 0) return undefined;
  const candidate = closest(fragment.toLowerCase(), slugs);
  const limit = Math.max(2, Math.floor(fragment.length / 3));
  return distance(candidate, fragment.toLowerCase()) <= limit ? candidate : undefined;
}

/** The range of the text after `#` in the destination, so a fix replaces only the fragment. */
function fragmentRangeOf(file: MarkdownFile, urlRange: Range, url: string): Range {
  const start = file.document.offsetAt(urlRange.start);
  const end = file.document.offsetAt(urlRange.end);
  const written = file.document.text.slice(start, end);
  const hash = written.indexOf('#');
  if (hash === -1 || written !== url) return urlRange;
  return file.document.rangeAt(start + hash + 1, end);
}

function replaceFragment(range: Range, slug: string): Fix {
  return { title: `Change the anchor to "#${slug}"`, safe: false, edits: [{ range, newText: slug }] };
}
