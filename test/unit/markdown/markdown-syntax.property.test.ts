import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { markdownProcessor, parseMarkdownTree } from '../../../server/src/core/markdown/markdown-syntax.js';

/**
 * Pieces of Markdown that start, nearly start or only look like the GFM
 * constructs the parser leaves out when a text lacks their characters:
 * autolink literals (also spelled with escapes and character references,
 * which the tree's transforms decode), tables, strikethrough and footnotes,
 * inside block quotes and lists, with every kind of line ending.
 */
const piece = fc.constantFrom(
  'www.contoso.com', 'WWW.Contoso.com/path?q=1', 'ww.contoso', 'www\\.contoso.com', 'www&#46;contoso.com', 'wwwcontoso',
  'https://contoso.com/a_(b)', 'HTTP://x.y', 'http:/x', 'https:', 'http\\://contoso.com', 'ftp://contoso.com', 'mailto:',
  'user@contoso.com', 'mailto:user@contoso.com', 'xmpp:user@contoso.com/res', 'user&#64;contoso.com', 'user\\@contoso.com', 'a.b-c+d',
  '|', '| a | b |', '|---|---|', '--- | ---', ':-:', '---', ':---', '---:', '&#124;', '\\|',
  '~', '~~', '~~gone~~', '~one~', '\\~', '&#126;',
  '[^1]', '[^1]: The note.', '[^', '[ ^1]', '[\\^1]', '^1]', '[x]', '[ ]', '[link](https://contoso.com)', '[ref]: /target',
  '*', '**', '_', '`code`', '<https://contoso.com>', '<user@contoso.com>', '<a href="x">', '&amp;', '&#x77;ww.contoso.com',
  'Outlook', 'MAPI', 'prompt', '.', ',', ':', '/', '(', ')', '!', '#', '# ', '> ', '- ', '1. ', '    ', ' ', '\t', '\n', '\n\n', '\r\n', '\r',
);
const markdownText = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

/** Rows that may make a table without a single `|`: a delimiter row needs a `|` or an alignment colon. */
const pipelessTable = fc
  .tuple(
    fc.constantFrom('a', 'Setting Value', '> a', '- a', '  a', 'a\\'),
    fc.array(fc.constantFrom(':-', '-:', ':-:', '---', '-', ':', ': -', '- :', '--:-'), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('', ' ', '  '),
    fc.constantFrom('', '\nb', '\n> b', '\n'),
  )
  .map(([head, cells, separator, body]) => `${head}\n${head.startsWith('> ') ? '> ' : ''}${cells.join(separator)}${body}`);

/** Tables and near tables: a head row, then a row of cells over the characters of a delimiter row, inside block quotes and list items, indented with spaces and tabs. */
const tableLike = fc
  .tuple(
    fc.constantFrom('', '> ', '- ', '1. ', '  ', '\t', '> > ', '>'),
    fc.constantFrom('a | b', '| a |', 'a', '| a | b |', 'a|b|c', '\\| a'),
    fc.constantFrom('', '  ', '   ', '\t', ' > ', '> ', '    '),
    fc.array(fc.constantFrom('|', '-', '--', ':', ' ', '\t', ':-', '-:', 'x', '>'), { minLength: 1, maxLength: 8 }),
    fc.constantFrom('', '\n', '\r\n', '\n| c | d |', '\nc | d'),
  )
  .map(([prefix, head, rowPrefix, row, after]) => `${prefix}${head}\n${rowPrefix}${row.join('')}${after}`);

/** Email-like text: local parts, `@` and domains over the characters the literal address takes, and some it does not. */
const emailLike = fc.string({ unit: fc.constantFrom(...'ab1+-._@/.: \n'.split('')), maxLength: 30 });

/** Text over a few characters that matter to these constructs, for inputs no list of pieces foresaw. */
const characterSoup = fc.string({ unit: fc.constantFrom(...'wW.hHtTpPsS:/@|~[]^\\&#;x -*>\n\r\t1a'.split('')), maxLength: 60 });

describe('parseMarkdownTree', () => {
  it('gives the tree of the full GFM parser, positions included', () => {
    fc.assert(fc.property(fc.oneof(markdownText, characterSoup, pipelessTable, tableLike, emailLike), (text) => {
      assert.deepEqual(parseMarkdownTree(text), markdownProcessor.parse(text));
    }), { numRuns: 1000 });
  });

  it('gives the full tree for front matter followed by GFM-looking prose without the gated characters', () => {
    const text = '---\ntitle: Prompt\nms.date: 01/02/2024\n---\n\n# Title\n\nHeader ---\n--- ---\n\nwww contoso com and http contoso\n';
    assert.deepEqual(parseMarkdownTree(text), markdownProcessor.parse(text));
  });

  it('still finds every GFM construct in a text that has their characters', () => {
    const tree = parseMarkdownTree('| a |\n| - |\n\n~~old~~ www.contoso.com user@contoso.com https://contoso.com [^1]\n\n[^1]: Note.\n');
    const types = new Set<string>();
    const collect = (node: { type: string; children?: unknown[] }): void => {
      types.add(node.type);
      for (const child of node.children ?? []) collect(child as { type: string; children?: unknown[] });
    };
    collect(tree);
    for (const type of ['table', 'delete', 'link', 'footnoteReference', 'footnoteDefinition']) assert.ok(types.has(type), `${type} is parsed`);
  });

  it('leaves out constructs that the reference parser has under these names', () => {
    // A renamed construct would silently be tried again everywhere: correct, but the work this saves would be back.
    const names = new Set<string>();
    const { micromarkExtensions } = markdownProcessor.data() as { readonly micromarkExtensions?: readonly object[] };
    for (const extension of micromarkExtensions ?? []) {
      for (const record of Object.values(extension)) {
        if (typeof record !== 'object' || record === null || Array.isArray(record)) continue;
        for (const value of Object.values(record as Record<string, unknown>)) {
          for (const construct of [value].flat() as { readonly name?: unknown }[]) if (typeof construct.name === 'string') names.add(construct.name);
        }
      }
    }
    for (const name of ['emailAutolink', 'wwwAutolink', 'protocolAutolink', 'table', 'strikethrough', 'gfmFootnoteDefinition', 'gfmFootnoteCall', 'gfmPotentialFootnoteCall']) {
      assert.ok(names.has(name), `the GFM extension has a construct named ${name}`);
    }
  });

  it('finds the literal autolink transform where the engine gates it: in the extension that builds literal autolinks', () => {
    // Not found, the transform would run on every tree: correct, but the work the gate saves would be back.
    type TreeExtension = { readonly exit?: Record<string, unknown>; readonly transforms?: readonly unknown[] };
    const { fromMarkdownExtensions } = markdownProcessor.data() as { readonly fromMarkdownExtensions?: readonly (TreeExtension | readonly TreeExtension[])[] };
    const builders = (fromMarkdownExtensions ?? []).flat().filter((extension) => extension.exit?.literalAutolinkEmail !== undefined);
    assert.equal(builders.length, 1);
    assert.equal(builders[0]?.transforms?.length, 1);
  });

  it('links an address whose @ only a character reference writes, as the reference parser does', () => {
    const text = 'Mail user&#64;contoso.com or visit &#x77;ww.contoso.com and <b>HTTPS://contoso.com</b>.\n';
    const tree = parseMarkdownTree(text);
    assert.deepEqual(tree, markdownProcessor.parse(text));
    const links = JSON.stringify(tree).match(/"type":"link"/g) ?? [];
    assert.equal(links.length, 3);
  });
});
