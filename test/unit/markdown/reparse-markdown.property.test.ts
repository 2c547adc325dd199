import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseMarkdown } from '../../../server/src/core/markdown/parse-markdown.js';
import { coveringEdit, reparsedLength, reparseMarkdownWithOutcome, type TextChange } from '../../../server/src/core/markdown/reparse-markdown.js';
import { sentencesOf } from '../../../server/src/core/markdown/sentences.js';
import { assertSameMarkdownFile, splice } from './support.js';

const PATH = '/kb/articles/article.md';

const word = fc.constantFrom('Outlook', 'MAPI', 'prompt', 'the', 'server', 'Lync', 'cache', 'NTLM', 'profile', 'restart', 'mailbox', 'sign-in');
const inline = fc.oneof(
  { weight: 8, arbitrary: word },
  fc.constantFrom(
    '[the fix](../remediations/fix.md#steps)', '[Cause](#cause)', '![Screenshot of the prompt](media/prompt.png)', '`Get-Mailbox`',
    '**Mail**', '_note_', 'https://contoso.com/help', '<https://contoso.com>', '<a name="legacy"></a>', '~~old~~', '<kbd>F5</kbd>',
    '[ref link][ref]', 'www.contoso.com', '\\*', '&amp;',
  ),
);
const sentence = fc.array(inline, { minLength: 1, maxLength: 7 }).map((words) => words.join(' '));
const lines = (max: number): fc.Arbitrary<string[]> => fc.array(sentence, { minLength: 1, maxLength: max });

const paragraph = lines(3).map((text) => text.join('\n'));
const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), sentence).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`);
const setextHeading = fc.tuple(sentence, fc.constantFrom('===', '---')).map(([text, underline]) => `${text}\n${underline}`);
const list = fc
  .record({
    marker: fc.constantFrom('-', '*', '1.'),
    loose: fc.boolean(),
    items: fc.array(fc.record({ text: sentence, child: fc.constantFrom('none', 'none', 'nested', 'paragraph', 'fence', 'image') }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ marker, loose, items }) => {
    const indent = ' '.repeat(marker.length + 1);
    return items
      .map((item, index) => {
        const head = `${marker === '1.' ? `${index + 1}.` : marker} ${item.text}`;
        switch (item.child) {
          case 'nested': return `${head}\n${indent}- nested ${item.text}\n${indent}- second`;
          case 'paragraph': return `${head}\n\n${indent}${item.text}`;
          case 'fence': return `${head}\n\n${indent}\`\`\`console\n${indent}run it\n\n${indent}\`\`\``;
          case 'image': return `${head}\n\n${indent}:::image type="content" source="media/step.png" alt-text="Step":::`;
          default: return head;
        }
      })
      .join(loose ? '\n\n' : '\n');
  });
const blockQuote = fc.tuple(fc.boolean(), lines(3)).map(([alert, text]) => [...(alert ? ['[!NOTE]'] : []), ...text].map((line) => `> ${line}`).join('\n'));
const fencedCode = fc
  .tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'powershell', 'console'), fc.array(fc.constantFrom('Get-Mailbox', '# not a heading', '', '- not a list', '    indented', '| a |', '<!-- x -->'), { maxLength: 4 }))
  .map(([fence, language, body]) => [`${fence}${language}`, ...body, fence].join('\n'));
const indentedCode = fc.array(fc.constantFrom('ping ex02', 'nslookup autodiscover', '# comment'), { minLength: 1, maxLength: 3 }).map((body) => body.map((line) => `    ${line}`).join('\n'));
const table = fc
  .tuple(fc.constantFrom('| --- | --- |', '|:---|---:|', '| :-: | --- |'), fc.array(fc.tuple(word, inline), { maxLength: 3 }))
  .map(([delimiter, rows]) => ['| Setting | Value |', delimiter, ...rows.map(([cell, value]) => `| ${cell} | ${value} |`)].join('\n'));
const html = fc.oneof(
  sentence.map((text) => `<div class="note">\n${text}\n</div>`),
  fc.constantFrom(
    '<!-- kb-disable term-spelling -->', '<!-- kb-enable term-spelling -->', '<!-- kb-disable-next-line -->', '<!--\nmulti-line\n\ncomment\n-->',
    '<a id="older-versions"></a>', '<details>\n<summary>More</summary>\n\nHidden text.\n\n</details>', '<br/>',
  ),
);
const learnImage = fc.constantFrom(
  ':::image type="content" source="media/prompt.png" alt-text="The prompt.":::',
  ':::image type="icon" source="media/icon.png":::',
  ':::image type="content" source="media/big.png" alt-text="Big":::\n:::image-end:::',
);
const thematicBreak = fc.constantFrom('---', '***', '* * *');
// Rare on purpose: any definition makes the whole file re-parse, so they mainly check that path stays correct.
const definition = fc.constantFrom('[ref]: https://contoso.com/ref "Reference"', 'Text with a note.[^1]\n\n[^1]: The note.');
const block = fc.oneof(
  { weight: 6, arbitrary: paragraph },
  { weight: 3, arbitrary: heading },
  { weight: 1, arbitrary: setextHeading },
  { weight: 3, arbitrary: list },
  { weight: 2, arbitrary: blockQuote },
  { weight: 2, arbitrary: fencedCode },
  { weight: 1, arbitrary: indentedCode },
  { weight: 2, arbitrary: table },
  { weight: 2, arbitrary: html },
  { weight: 1, arbitrary: learnImage },
  { weight: 1, arbitrary: thematicBreak },
);
const separator = fc.oneof({ weight: 8, arbitrary: fc.constant('\n\n') }, fc.constantFrom('\n', '\n\n\n', '\n  \n'));
const frontMatter = fc.option(sentence.map((title) => `---\ntitle: ${title}\nms.date: 11/20/2026\nms.topic: troubleshooting\n---\n\n`), { nil: '' });
const documentText = fc
  .record({
    frontMatter,
    blocks: fc.array(fc.tuple(block, separator), { minLength: 1, maxLength: 12 }),
    definitions: fc.oneof({ weight: 12, arbitrary: fc.constant('') }, definition.map((text) => `\n\n${text}`)),
    lineEnding: fc.oneof({ weight: 4, arbitrary: fc.constant('\n') }, fc.constant('\r\n')),
    byteOrderMark: fc.oneof({ weight: 12, arbitrary: fc.constant('') }, fc.constant('\uFEFF')),
  })
  .map(({ frontMatter, blocks, definitions, lineEnding, byteOrderMark }) => {
    const text = frontMatter + blocks.map(([text, separator]) => text + separator).join('') + definitions;
    return byteOrderMark + (lineEnding === '\n' ? text : text.replace(/\n/g, lineEnding));
  });

// No `[label]: url` here: typed into front matter it makes a YAML key the YAML library warns about on stderr.
// Definitions typed into the body are covered by the unit tests.
const SNIPPETS = [
  '\n', '\n\n', '```', '```\n', '~~~', '#', '# ', '## ', '>', '> ', '-', '- ', '* ', '1. ', '|', '| x |', '| --- |', '---', '===', '    ', '\t',
  'x', 'word ', '<!--', '-->', '<div>', '</div>', '[a](b.md#c)', '](', '[', ']', '`', '*', '_', '\\', ':::image source="m.png" alt-text="a":::',
  '[^1]', '\r\n', '\r', '\uFEFF', ' ', '<', '>', 'é', '[!NOTE]', '\n\n# Added\n\n', '\n- item\n', '\n```\ncode\n```\n',
];

interface EditSpec {
  readonly kind: 'insert' | 'delete' | 'replace' | 'insert-line' | 'delete-line' | 'duplicate-line';
  readonly at: number;
  readonly length: number;
  readonly snippet: string;
  /** How the edit reaches the re-parse: as one change, as two changes in a row, or not at all (found by comparing texts). */
  readonly delivery: 'single' | 'list' | 'none';
}

const editSpec: fc.Arbitrary<EditSpec> = fc.record({
  kind: fc.constantFrom('insert', 'insert', 'delete', 'replace', 'insert-line', 'delete-line', 'duplicate-line'),
  at: fc.nat(1_000_000),
  length: fc.integer({ min: 1, max: 30 }),
  snippet: fc.constantFrom(...SNIPPETS),
  delivery: fc.constantFrom('single', 'single', 'list', 'none'),
});

/** The start offsets of the lines of `text`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** Turns a spec into a concrete change of `text`: the range replaced and what replaces it. */
function concreteEdit(text: string, spec: EditSpec): { start: number; end: number; insert: string } {
  const at = spec.at % (text.length + 1);
  const starts = lineStarts(text);
  const line = spec.at % starts.length;
  const lineStart = starts[line] ?? 0;
  const lineEnd = starts[line + 1] ?? text.length;
  switch (spec.kind) {
    case 'insert': return { start: at, end: at, insert: spec.snippet };
    case 'delete': return { start: at, end: Math.min(text.length, at + spec.length), insert: '' };
    case 'replace': return { start: at, end: Math.min(text.length, at + spec.length), insert: spec.snippet };
    case 'insert-line': return { start: lineStart, end: lineStart, insert: spec.snippet.endsWith('\n') ? spec.snippet : `${spec.snippet}\n` };
    case 'delete-line': return { start: lineStart, end: lineEnd, insert: '' };
    case 'duplicate-line': return { start: lineStart, end: lineStart, insert: text.slice(lineStart, lineEnd) };
  }
}

/** The change as the re-parse receives it. */
function delivered(edit: { start: number; end: number; insert: string }, delivery: EditSpec['delivery']): TextChange | TextChange[] | undefined {
  if (delivery === 'none') return undefined;
  if (delivery === 'single') return { start: edit.start, end: edit.end, newLength: edit.insert.length };
  // As an editor may report a replacement: first the deletion, then the insertion, in the text the deletion left.
  return [
    { start: edit.start, end: edit.end, newLength: 0 },
    { start: edit.start, end: edit.start, newLength: edit.insert.length },
  ];
}

describe('reparseMarkdown equals a full parse', () => {
  it('after any sequence of edits of a random article', () => {
    const modes = { incremental: 0, full: 0 };
    fc.assert(
      fc.property(documentText, fc.array(editSpec, { minLength: 1, maxLength: 4 }), (initial, specs) => {
        let current = parseMarkdown(PATH, initial);
        for (const spec of specs) {
          const text = current.document.text;
          const edit = concreteEdit(text, spec);
          const next = splice(text, edit.start, edit.end, edit.insert);
          const outcome = reparseMarkdownWithOutcome(current, next, delivered(edit, spec.delivery));
          modes[outcome.mode]++;
          const full = parseMarkdown(PATH, next);
          assertSameMarkdownFile(outcome.file, full, JSON.stringify({ text, next }));
          // Sentences are kept per block and moved with it; asked for after some edits only, so that a block can move several times in between.
          if (spec.at % 3 !== 0) assert.deepEqual(sentencesOf(outcome.file), sentencesOf(full), JSON.stringify({ text, next }));
          current = outcome.file;
        }
        assert.deepEqual(sentencesOf(current), sentencesOf(parseMarkdown(PATH, current.document.text)));
      }),
      { numRuns: 300 },
    );
    // The property only means something if most edits took the incremental path.
    assert.ok(modes.incremental > modes.full, JSON.stringify(modes));
  });
});

describe('reparsedLength', () => {
  it('counts what the re-parse gives the parsers, and says only whether that is within the limit', () => {
    fc.assert(
      fc.property(documentText, editSpec, fc.nat(4_000), (initial, spec, limit) => {
        const previous = parseMarkdown(PATH, initial);
        const edit = concreteEdit(initial, spec);
        const next = splice(initial, edit.start, edit.end, edit.insert);
        const counted = reparsedLength(previous, next, Number.MAX_SAFE_INTEGER);
        assert.ok(counted !== undefined);
        // This re-parse takes the tree that counting made.
        const outcome = reparseMarkdownWithOutcome(previous, next);
        assertSameMarkdownFile(outcome.file, parseMarkdown(PATH, next), JSON.stringify({ initial, next }));
        if (next === initial) assert.equal(counted, 0);
        else if (outcome.mode === 'full') assert.ok(counted >= 2 * next.length, JSON.stringify({ counted, length: next.length }));
        else {
          const firstBlock = outcome.file.tree.children[0];
          assert.equal(counted, outcome.parsedLength + (firstBlock?.type === 'yaml' ? firstBlock.value.length : 0), JSON.stringify({ initial, next }));
        }
        assert.equal(reparsedLength(previous, next, limit), counted <= limit ? counted : undefined);
      }),
      { numRuns: 300 },
    );
  });
});

describe('coveringEdit', () => {
  it('is the common prefix and suffix found character by character, on texts longer than the chunks it compares', () => {
    const longText = fc.oneof(
      fc.array(fc.constantFrom('a', 'b', '\n', 'é', '😀'), { minLength: 0, maxLength: 1_500 }).map((parts) => parts.join('')),
      // Repetitive texts, where a common prefix and a common suffix could overlap.
      fc.tuple(fc.constantFrom('a', 'ab', 'ab\n'), fc.nat({ max: 700 })).map(([unit, count]) => unit.repeat(count)),
    );
    fc.assert(
      fc.property(longText, fc.nat(), fc.nat({ max: 600 }), fc.constantFrom('', 'a', 'b\n', 'ab'.repeat(200)), (text, at, remove, insert) => {
        const start = at % (text.length + 1);
        // Built by concatenation, as an editor builds a changed text.
        const next = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
        const limit = Math.min(text.length, next.length);
        let prefix = 0;
        while (prefix < limit && text[prefix] === next[prefix]) prefix++;
        let suffix = 0;
        while (suffix < limit - prefix && text[text.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
        assert.deepEqual(coveringEdit(text, next), { start: prefix, end: text.length - suffix, newLength: next.length - prefix - suffix });
      }),
      { numRuns: 300 },
    );
  });
});
