import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findFrontMatterBlock, readFrontMatterFile } from '../../../server/src/core/markdown/front-matter-file.js';
import { parseMarkdownTree } from '../../../server/src/core/markdown/markdown-syntax.js';
import { parseMarkdown } from '../../../server/src/core/markdown/parse-markdown.js';

/**
 * Lines and pieces of lines that open, close, nearly open or nearly close a
 * front matter block, YAML (valid and not), and what the parser reads
 * specially at the top of a text: byte order marks, NUL, tabs, every kind of
 * line ending, and Markdown a `---` line could also be (a thematic break, a
 * setext underline, a list).
 */
const piece = fc.constantFrom(
  '---', '--- ', '---\t', '---  \t', '----', ' ---', '-- -', '- - -', '***', '+++', '===',
  'title: Outlook', 'ms.date: 01/02/2024', 'aliases: [MAPI, "Lync"]', 'see:\n  - a\n  - b', 'key:', 'a: 1\na: 2', ': x', '"open', '[a, b',
  '# Heading', 'Text', '> quote', '- item', '    code', '<!-- c -->',
  '\uFEFF', '\0', '\t', ' ', '\n', '\n\n', '\r\n', '\r', '\r\r\n',
);
const lines = fc.array(piece, { maxLength: 16 }).map((pieces) => pieces.join(''));
/** Texts that start as front matter does, so that most runs have a block to find. */
const frontMatterText = fc
  .tuple(fc.constantFrom('', '\uFEFF', '\uFEFF\uFEFF'), fc.constantFrom('---', '--- ', '---\t', '----', ''), fc.constantFrom('\n', '\r\n', '\r', ''), lines)
  .map(([mark, fence, lineEnding, rest]) => `${mark}${fence}${lineEnding}${rest}`);
const characterSoup = fc.string({ unit: fc.constantFrom(...'-- \t\n\r:a\uFEFF\0'.split('')), maxLength: 40 });

/** The block of the parser's `yaml` node, as `parseMarkdown` places it (one leading byte order mark shifts offsets by one). */
function parsedBlock(text: string): { start: number; end: number; value: string } | undefined {
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const node = parseMarkdownTree(text.slice(shift)).children[0];
  if (node?.type !== 'yaml') return undefined;
  return { start: (node.position?.start.offset ?? 0) + shift, end: (node.position?.end.offset ?? 0) + shift, value: node.value };
}

describe('findFrontMatterBlock', () => {
  it('finds the block the Markdown parser finds, with its offsets and value', () => {
    fc.assert(fc.property(fc.oneof(frontMatterText, characterSoup), (text) => {
      assert.deepEqual(findFrontMatterBlock(text), parsedBlock(text));
    }), { numRuns: 2000 });
  });

  it('finds blocks with CRLF and lone CR line endings, trailing blanks on the fences, and an empty first line', () => {
    const cases: readonly [string, { start: number; end: number; value: string } | undefined][] = [
      ['---\r\na: 1\r\n\r\n---  \r\nx', { start: 0, end: 18, value: 'a: 1\r\n' }],
      ['---\ra\r---\r', { start: 0, end: 9, value: 'a' }],
      ['---\n\ntitle: x\n\n---\nbody', { start: 0, end: 18, value: '\ntitle: x\n' }],
      ['---\n---', { start: 0, end: 7, value: '' }],
      ['---\na\n---x\n---', { start: 0, end: 14, value: 'a\n---x' }],
      ['---\na\n', undefined],
      ['---\ta\n---', undefined],
    ];
    for (const [text, block] of cases) assert.deepEqual(findFrontMatterBlock(text), block, JSON.stringify(text));
    for (const [text] of cases) assert.deepEqual(findFrontMatterBlock(text), parsedBlock(text), `the parser agrees on ${JSON.stringify(text)}`);
  });
});

describe('readFrontMatterFile', () => {
  it('reads the front matter a full parse reads: data, entries and their ranges, problems', () => {
    fc.assert(fc.property(fc.oneof(frontMatterText, characterSoup), (text) => {
      assert.deepEqual(readFrontMatterFile('/kb/glossary/a.md', text).frontMatter, parseMarkdown('/kb/glossary/a.md', text).frontMatter);
    }), { numRuns: 1000 });
  });
});
