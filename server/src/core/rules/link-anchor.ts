import { closest, distance } from 'fastest-levenshtein';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import { extname, isInside, relativePath } from '../paths.js';
import type { Fix, Range } from '../types.js';
import { defineRule } from './rule.js';
import { pageAnchors } from '../page-anchors.js';

/** `link-anchor`: a `#fragment` names no heading and no explicit HTML anchor of its target file. */
export const linkAnchor = defineRule({
  id: 'link-anchor',
  description: 'A `#fragment` must match, in its exact letter case, a heading id or an HTML `id`/`name` of the target Markdown file or of a file it includes.',
  defaultSeverity: 'error',
  appliesTo: 'article',
  fix: 'safe',
  check({ file, kb, report }) {
    for (const link of file.links) {
      if (link.kind === 'include' || link.kind === 'code') continue;
      const resolved = kb.resolveLink(file.path, link.url);
      let target: MarkdownFile | undefined;
      let fragment: string | undefined;
      if (resolved.kind === 'same-file') {
        target = file;
        fragment = resolved.fragment;
      } else if (resolved.kind === 'relative' && resolved.fragment !== undefined && extname(resolved.path) === '.md' && isInside(resolved.path, kb.root)) {
        target = kb.markdown(resolved.path);
        fragment = resolved.fragment;
      }
      if (target === undefined || fragment === undefined || fragment === '' || target.anchors.has(fragment)) continue;
      // `#top` is the top of every page; Learn's tabbed content links tabs as `#tab/<id>`, which are not headings.
      if (fragment === 'top' || fragment.startsWith('tab/')) continue;
      const anchors = pageAnchors(kb, target);
      if (anchors.has(fragment)) continue;
      const where = target === file ? 'this file' : relativePath(kb.root, target.path);
      const exactRange = fragmentRangeOf(file, link.urlRange, link.url);
      const fragmentRange = exactRange ?? link.urlRange;
      const related = target === file ? [] : [{ path: target.path, range: target.headings[0]?.range ?? target.document.rangeAt(0, 0), message: 'Target file' }];
      const sameButCase = [...anchors].find((anchor) => anchor.toLowerCase() === fragment.toLowerCase());
      if (sameButCase !== undefined) {
        report({
          range: fragmentRange,
          message: `The anchor "#${fragment}" differs in letter case from "#${sameButCase}" in ${where}; anchors match case-sensitively, so the link opens the top of the page.`,
          related,
          fixes: exactRange === undefined ? [] : [{ title: `Change the anchor to "#${sameButCase}"`, safe: true, edits: [{ range: exactRange, newText: sameButCase }] }],
        });
        continue;
      }
      const suggestion = closestAnchor(anchors, fragment);
      report({
        range: fragmentRange,
        message: `No heading or anchor "#${fragment}" in ${where}${suggestion === undefined ? '' : `; did you mean "#${suggestion}"?`}`,
        related,
        fixes: suggestion === undefined || exactRange === undefined ? [] : [replaceFragment(exactRange, suggestion)],
      });
    }
  },
});

function closestAnchor(anchors: ReadonlySet<string>, fragment: string): string | undefined {
  if (anchors.size === 0) return undefined;
  const candidate = closest(fragment, [...anchors]);
  const limit = Math.max(2, Math.floor(fragment.length / 3));
  return distance(candidate, fragment) <= limit ? candidate : undefined;
}

/** The range of the text after `#` in the destination, so a fix replaces only the fragment; `undefined` when the destination is written elsewhere or differently. */
function fragmentRangeOf(file: MarkdownFile, urlRange: Range, url: string): Range | undefined {
  const start = file.document.offsetAt(urlRange.start);
  const end = file.document.offsetAt(urlRange.end);
  const written = file.document.text.slice(start, end);
  const hash = written.indexOf('#');
  if (hash === -1 || written !== url) return undefined;
  return file.document.rangeAt(start + hash + 1, end);
}

function replaceFragment(range: Range, anchor: string): Fix {
  return { title: `Change the anchor to "#${anchor}"`, safe: false, edits: [{ range, newText: anchor }] };
}
