import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { type MarkdownFile, parseMarkdown } from '../../../server/src/core/markdown/parse-markdown.js';
import { reparseMarkdown } from '../../../server/src/core/markdown/reparse-markdown.js';
import { REPOSITORY_ROOT } from '../../support/rule-fixtures.js';
import { assertSameMarkdownFile } from './support.js';

const PATH = '/kb/articles/article.md';
// Front matter, headings, every kind of link, prose, HTML anchors and suppression comments.
const ARTICLE = readFileSync(path.join(REPOSITORY_ROOT, 'test/fixtures/markdown/reparse-article.md'), 'utf8');

/** The data of a file as plain values, to compare a file with itself at another time. */
function snapshot(file: MarkdownFile): unknown {
  return structuredClone({ tree: file.tree, frontMatter: file.frontMatter, headings: file.headings, links: file.links, prose: file.prose, anchors: [...file.anchors] });
}

describe('a parsed Markdown file keeps compact data and builds its views on demand', () => {
  for (const [name, text] of [
    ['an article', ARTICLE],
    ['CRLF line endings and a byte order mark', `\ufeff${ARTICLE.replace(/\n/g, '\r\n')}`],
    ['lone CR line endings', ARTICLE.replace(/\n/g, '\r')],
    ['no front matter', ARTICLE.slice(ARTICLE.indexOf('\n---\n', 4) + 5)],
  ] as const) {
    it(`gives the same data after its tree and views are released: ${name}`, () => {
      const file = parseMarkdown(PATH, text);
      const before = snapshot(file);
      file.releaseTree();
      assert.deepEqual(snapshot(file), before);
      assertSameMarkdownFile(file, parseMarkdown(PATH, text));
      // Released before any view was read: everything is rebuilt from the compact data alone.
      const untouched = parseMarkdown(PATH, text);
      untouched.releaseTree();
      assertSameMarkdownFile(untouched, file);
    });
  }

  it('builds each view once while the file is held, and again (equal) after a release', () => {
    const file = parseMarkdown(PATH, ARTICLE);
    const views = { tree: file.tree, frontMatter: file.frontMatter, headings: file.headings, links: file.links, prose: file.prose };
    assert.ok(views.headings.length > 0 && views.links.length > 0 && views.prose.length > 0 && views.frontMatter !== undefined);
    assert.equal(file.tree, views.tree);
    assert.equal(file.frontMatter, views.frontMatter);
    assert.equal(file.headings, views.headings);
    assert.equal(file.links, views.links);
    assert.equal(file.prose, views.prose);
    file.releaseTree();
    for (const key of Object.keys(views) as Array<keyof typeof views>) {
      assert.notEqual(file[key], views[key], key);
      assert.deepEqual(file[key], views[key], key);
    }
  });

  it('serves as the base of an incremental re-parse after a release', () => {
    const file = parseMarkdown(PATH, ARTICLE);
    file.releaseTree();
    const at = ARTICLE.indexOf('## Cause');
    const next = `${ARTICLE.slice(0, at)}## Causes${ARTICLE.slice(at + '## Cause'.length)}`;
    assertSameMarkdownFile(reparseMarkdown(file, next), parseMarkdown(PATH, next));
  });
});
