import type { KbView } from '../kb-view.js';
import { dirname, joinPath, relativePath } from '../paths.js';
import type { ParsedTag } from '../scenario/gherkin/parse-scenario.js';
import type { Fix } from '../types.js';
import { defineRule } from './rule.js';
import { closestId } from './support/unknown-id.js';

const PREFIX = '@article:';

/** `scenario-article-link`: an `@article:` tag names no article of the KB. */
export const scenarioArticleLink = defineRule({
  id: 'scenario-article-link',
  description: 'An `@article:<path-or-id>` tag must name an article of the KB: a path from the KB root or from the scenario file, with or without `.md`, or an article id.',
  defaultSeverity: 'error',
  appliesTo: 'scenario',
  fix: 'suggestion',
  check({ file, kb, report }) {
    const tags = [...(file.feature?.tags ?? []), ...file.scenarios.flatMap((scenario) => scenario.tags)];
    const articles = articleNames(kb);
    for (const tag of tags) {
      if (!tag.name.toLowerCase().startsWith(PREFIX)) continue;
      const target = tag.name.slice(PREFIX.length);
      if (target === '') {
        report({ range: tag.range, message: 'The @article tag names no article; write "@article:<path-or-id>", e.g. "@article:articles/my-article.md".' });
        continue;
      }
      if (resolves(kb, file.path, target, articles)) continue;
      const suggestion = closestId(target, articles.names);
      report({
        range: tag.range,
        message: `No article "${target}" in the KB for ${tag.name}${suggestion === undefined ? '; use a path from the KB root (articles/name.md) or an article id.' : `; did you mean "${suggestion}"?`}`,
        fixes: suggestion === undefined ? [] : [replaceTarget(tag, suggestion)],
      });
    }
  },
});

/** The ways an article may be named: its path from the KB root and its id (file name without `.md`). */
function articleNames(kb: KbView): { readonly names: readonly string[]; readonly ids: ReadonlySet<string> } {
  const articles = kb.articles();
  const paths = articles.map((article) => relativePath(kb.root, article.path));
  const ids = new Set(articles.flatMap((article) => {
    const declared = article.frontMatter?.data?.id;
    const fileId = article.path.slice(article.path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
    return typeof declared === 'string' ? [declared, fileId] : [fileId];
  }));
  return { names: [...paths, ...ids], ids };
}

function resolves(kb: KbView, scenarioPath: string, target: string, articles: { readonly ids: ReadonlySet<string> }): boolean {
  if (articles.ids.has(target)) return true;
  const withExtension = /\.md$/i.test(target) ? [target] : [target, `${target}.md`];
  const candidates = withExtension.flatMap((name) => [joinPath(kb.root, name), joinPath(dirname(scenarioPath), name)]);
  return candidates.some((path) => kb.kindOf(path) === 'article' && kb.exists(path));
}

function replaceTarget(tag: ParsedTag, suggestion: string): Fix {
  const start = { line: tag.range.start.line, character: tag.range.start.character + PREFIX.length };
  return { title: `Change to "${PREFIX}${suggestion}"`, safe: false, edits: [{ range: { start, end: tag.range.end }, newText: suggestion }] };
}
