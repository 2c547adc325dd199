import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isMap, isScalar, parseDocument } from 'yaml';
import { findFrontMatterBlock } from '../../../server/src/core/markdown/front-matter-file.js';
import { type FlatFrontMatter, readFlatFrontMatter } from '../../../server/src/core/markdown/flat-front-matter.js';
import { REPOSITORY_ROOT } from '../../support/rule-fixtures.js';

/** What `yaml` makes of `text`, in the terms of {@link readFlatFrontMatter}; `undefined` when it reports an error or the text is no mapping. */
function byYaml(text: string): FlatFrontMatter | undefined {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true, logLevel: 'error' });
  if (document.errors.length > 0) return undefined;
  const data = (document.toJS({ maxAliasCount: 50 }) as Record<string, unknown> | null) ?? {};
  if (document.contents === null) return { data, entries: [] };
  if (!isMap(document.contents)) return undefined;
  return {
    data,
    entries: document.contents.items.map((pair) => {
      assert.ok(isScalar(pair.key) && pair.key.range);
      const key = String(pair.key.value);
      const value = pair.value as { range?: [number, number, number] } | null;
      const [valueStart, valueEnd] = value?.range ?? [pair.key.range[1] + 1, pair.key.range[1] + 1];
      return { key, value: data[key] as FlatFrontMatter['entries'][number]['value'], keyStart: pair.key.range[0], keyEnd: pair.key.range[1], valueStart, valueEnd };
    }),
  };
}

/** Keys and scalars of Learn front matter, mostly, and their near misses: numbers, booleans, nulls, indicators, comments, quotes, odd spaces. */
const scalar = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('Outlook prompts for credentials', 'sap:Outlook\\Prompts', 'CSSTroubleshoot', '03/31/2022', 'MET150', 'C# and F#', 'a, b', 'x:y', 'Lync 2013', "'single'", "'it''s'", "''", 'café', 'x'.repeat(30), 'a# b', 'a\u00a0b', '"double"', '" spaced "', '""', '[]') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "'a' b'", "'open", '"esc\\n"', '"a\\"b"', '"a" b"', '"open', '"a\tb"', '"a\\',  '1', '012', '1.5', '-1', '.5', '1e3', '0x1F', '0o17', '+7', '-0', '99999999999999999999', '1_000', '.inf', '.NaN', '~', 'null', 'Null', 'NULL', 'true', 'False',
      'yes', 'no', 'on', '[x]', '{x}', '&anchor', '*alias', '!tag x', '|', '>', '%x', '@x', '`x`', '[ ]', '[]x', '[] #', '#comment', 'a #comment', 'a: b', 'a:', '- x', '-x', '?x', ':x',
      'a\tb', 'a\u00a0', '\u00a0a', 'a\u2028b', '__proto__',
    ),
  },
);
const key = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('title', 'ms.date', 'ms:assetid', 'search.appverid', 'ms.custom', 'a', 'a b', 'description') },
  { weight: 1, arbitrary: fc.constantFrom('1', 'true', '__proto__', 'x'.repeat(1030), "'q'", '-k', 'k ', ' k', 'k\u00a0') },
);
const spaces = fc.constantFrom('', ' ', '  ');
const line = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(key, fc.constantFrom(': ', ':', ':  '), scalar, spaces).map(([name, colon, value, after]) => `${name}${colon}${value}${after}`) },
  { weight: 2, arbitrary: fc.tuple(key, spaces).map(([name, after]) => `${name}:${after}`) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('', '  ', '  ', '    '), fc.constantFrom('- ', '- ', '-  ', '-'), scalar, spaces).map(([indent, dash, value, after]) => `${indent}${dash}${value}${after}`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '# comment', '  continued', '---', '...', 'key: value # note', '- ', 'k: [a, b]', 'k: |', '  text') },
);
const lineBreak = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
/** Lines at random: mostly near misses of the flat shape. */
const randomBlock = fc.tuple(fc.array(fc.tuple(line, lineBreak), { maxLength: 8 }), fc.boolean()).map(([lines, final]) => {
  const text = lines.map(([content, end]) => content + end).join('');
  return final ? text : text.replace(/\r?\n$|\r$/, '');
});

/** Entries as articles write them: `key: value`, or `key:` and a list, with blank lines between some, and now and then a line at random. */
const entry = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(key, fc.constantFrom(': ', ':  '), scalar, spaces).map(([name, colon, value, after]) => [`${name}${colon}${value}${after}`]) },
  {
    weight: 3,
    arbitrary: fc.tuple(key, spaces, fc.constantFrom('', '  ', '    '), fc.array(fc.tuple(scalar, spaces), { maxLength: 4 })).map(([name, after, indent, items]) => [`${name}:${after}`, ...items.map(([value, end]) => `${indent}- ${value}${end}`)]),
  },
  { weight: 1, arbitrary: fc.constantFrom([''], ['  ']) },
  { weight: 1, arbitrary: line.map((content) => [content]) },
);
const entriesBlock = fc.tuple(fc.array(entry, { maxLength: 8 }), fc.constantFrom('\n', '\n', '\r\n'), fc.boolean()).map(([entries, end, final]) => {
  const text = entries.flat().join(end);
  return final && text !== '' ? text + end : text;
});
const block = fc.oneof(entriesBlock, randomBlock);

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('readFlatFrontMatter', () => {
  it('gives what yaml gives (data, keys, values, ranges) whenever it reads a block, and reads the common shapes', () => {
    let read = 0;
    fc.assert(fc.property(block, (text) => {
      const flat = readFlatFrontMatter(text);
      if (flat === undefined) return;
      read++;
      assert.deepEqual(flat, byYaml(text), JSON.stringify(text));
    }), { numRuns: 5000 });
    assert.ok(read > 1000, `only ${read} of 5,000 blocks read: the property would say little`);
  });

  it('reads a Learn article front matter, lists and CRLF line breaks included', () => {
    const text = "title: Outlook prompts\r\nms.custom: \r\n  - sap:Outlook\r\n  - CSSTroubleshoot\r\n\r\nms.date: 03/31/2022\r\nms.author: 'it''s'\r\nmanager:\r\n";
    const flat = readFlatFrontMatter(text);
    assert.deepEqual(flat?.data, { title: 'Outlook prompts', 'ms.custom': ['sap:Outlook', 'CSSTroubleshoot'], 'ms.date': '03/31/2022', 'ms.author': "it's", manager: null });
    assert.deepEqual(flat, byYaml(text));
  });

  it('leaves to yaml what is not flat: comments, escapes, numbers other than decimal integers, flow collections, continuations, duplicates', () => {
    for (const text of ['a: b # c', 'a: "b\\n"', 'a: 1.5', 'a: true', '1: a', 'a: [b]', 'a: b\n  c', 'a: b\na: c', '# c\na: b', 'a:\n  - x\n\n  - y', 'a: b\rc: d', '__proto__: x']) {
      assert.equal(readFlatFrontMatter(text), undefined, JSON.stringify(text));
    }
  });

  it('gives what yaml gives on the front matter of the bundled KB and of the test fixtures', () => {
    let read = 0;
    for (const file of [...markdownFiles(path.join(REPOSITORY_ROOT, 'kb')), ...markdownFiles(path.join(REPOSITORY_ROOT, 'test', 'fixtures'))]) {
      const text = readFileSync(file, 'utf8');
      const block = findFrontMatterBlock(text);
      if (block === undefined) continue;
      const flat = readFlatFrontMatter(block.value);
      if (flat === undefined) continue;
      read++;
      assert.deepEqual(flat, byYaml(block.value), file);
    }
    assert.ok(read > 20, `only ${read} front matter blocks read`);
  });
});
