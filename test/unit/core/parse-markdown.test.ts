import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMarkdown } from '../../../server/src/core/index.js';

const textAt = (text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string => {
  const lines = text.split(/\r?\n/);
  if (range.start.line !== range.end.line) throw new Error('multi-line range');
  return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
};

describe('parseMarkdown', () => {
  it('reads front matter entries with key and value ranges', () => {
    const text = '---\ntitle: Hello\nms.date: 11/20/2026\n---\n\n# Hello\n';
    const file = parseMarkdown('/kb/a.md', text);
    assert.deepEqual(file.frontMatter?.data, { title: 'Hello', 'ms.date': '11/20/2026' });
    const date = file.frontMatter?.entries.find((entry) => entry.key === 'ms.date');
    assert.ok(date);
    assert.equal(textAt(text, date.keyRange), 'ms.date');
    assert.equal(textAt(text, date.valueRange), '11/20/2026');
  });

  it('points YAML errors at their line', () => {
    const file = parseMarkdown('/kb/a.md', '---\ntitle: ok\nbad: [unclosed\n---\n');
    const problem = file.frontMatter?.problems[0];
    assert.ok(problem);
    assert.ok(problem.range.start.line >= 2, `expected line 3 or later, got ${problem.range.start.line + 1}`);
  });

  it('slugs headings like GitHub, with duplicates suffixed and inline code reduced to text', () => {
    const file = parseMarkdown('/kb/a.md', '# Title\n\n## Cause of the `ucmapi.exe` prompt\n\n## Resolution\n\n## Resolution\n');
    assert.deepEqual(file.headings.map((heading) => heading.slug), ['title', 'cause-of-the-ucmapiexe-prompt', 'resolution', 'resolution-1']);
  });

  it('collects explicit HTML anchors', () => {
    const file = parseMarkdown('/kb/a.md', '<a name="Old-Anchor"></a>\n\nText <span id="inline">x</span>.\n');
    assert.ok(file.anchors.has('Old-Anchor'));
    assert.ok(!file.anchors.has('old-anchor'), 'anchors keep their letter case');
    assert.ok(file.anchors.has('inline'));
  });

  it('finds link destinations with titles, angle brackets, images, Learn images and includes', () => {
    const text = [
      '[a](one.md "Title") [b](<two words.md>) ![alt](media/x.png)',
      ':::image type="content" source="media/y.png" alt-text="Y":::',
      '[!INCLUDE [Shared](includes/shared.md)]',
      '',
      '[ref]: <three.md> "T"',
    ].join('\n');
    const file = parseMarkdown('/kb/a.md', text);
    const found = file.links.map((link) => [link.kind, link.url, textAt(text, link.urlRange)]);
    assert.deepEqual(found, [
      ['link', 'one.md', 'one.md'],
      ['link', 'two words.md', 'two words.md'],
      ['image', 'media/x.png', 'media/x.png'],
      ['learn-image', 'media/y.png', 'media/y.png'],
      ['include', 'includes/shared.md', 'includes/shared.md'],
      ['definition', 'three.md', 'three.md'],
    ]);
  });

  it('keeps positions right with CRLF line endings and a byte order mark', () => {
    const text = '\uFEFF---\r\ntitle: x\r\n---\r\n\r\n# T\r\n\r\n[l](target.md)\r\n';
    const file = parseMarkdown('/kb/a.md', text);
    assert.equal(file.frontMatter?.data?.title, 'x');
    const link = file.links[0];
    assert.ok(link);
    assert.deepEqual(link.urlRange.start, { line: 6, character: 4 });
    assert.equal(file.document.eol, '\r\n');
  });

  it('never counts code, HTML or URLs as prose', () => {
    const text = 'Plain `code` text <b>html</b> <https://example.com>\n\n```\nfenced\n```\n';
    const file = parseMarkdown('/kb/a.md', text);
    const prose = file.prose.map((span) => text.slice(span.start, span.end)).join('|');
    assert.ok(!prose.includes('code'));
    assert.ok(!prose.includes('fenced'));
    assert.ok(!prose.includes('example.com'));
    assert.ok(prose.includes('Plain'));
  });

  it('reads suppression comments', () => {
    const text = '<!-- kb-disable link-target -->\nA\n<!-- kb-enable link-target -->\nB\n<!-- kb-disable-next-line -->\nC\n';
    const { suppressions } = parseMarkdown('/kb/a.md', text);
    assert.equal(suppressions.isSuppressed('link-target', 1), true);
    assert.equal(suppressions.isSuppressed('link-target', 3), false);
    assert.equal(suppressions.isSuppressed('image-alt', 5), true);
    assert.deepEqual(suppressions.mentions.map((mention) => mention.ruleId), ['link-target', 'link-target']);
  });

  it('rejects a YAML alias bomb quickly', () => {
    const bomb = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(',')}]`), '---', ''].join('\n');
    const file = parseMarkdown('/kb/a.md', bomb);
    assert.equal(file.frontMatter?.data, undefined);
    assert.match(file.frontMatter?.problems[0]?.message ?? '', /could not be read|alias/i);
  });
});
