import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type MarkdownFile, parseMarkdown } from '../../../server/src/core/markdown/parse-markdown.js';
import {
  composeChanges,
  coveringEdit,
  reparseMarkdown,
  reparseMarkdownWithOutcome,
  type ReparseOutcome,
  type TextChange,
} from '../../../server/src/core/markdown/reparse-markdown.js';
import { REPOSITORY_ROOT } from '../../support/rule-fixtures.js';
import { assertSameMarkdownFile, splice } from './support.js';

const PATH = '/kb/articles/article.md';
const ARTICLE = readFileSync(path.join(REPOSITORY_ROOT, 'test/fixtures/markdown/reparse-article.md'), 'utf8');

const parses = new Map<string, MarkdownFile>();
/** Full parses of the texts edited, kept since many edits start from the same text. */
function parsed(text: string): MarkdownFile {
  const file = parses.get(text) ?? parseMarkdown(PATH, text);
  parses.set(text, file);
  return file;
}

/** Re-parses `text` after replacing `[start, end)` by `insert`, checks it against a full parse, and returns how it went. */
function edit(text: string, start: number, end: number, insert: string): ReparseOutcome {
  const next = splice(text, start, end, insert);
  const outcome = reparseMarkdownWithOutcome(parsed(text), next, { start, end, newLength: insert.length });
  assertSameMarkdownFile(outcome.file, parseMarkdown(PATH, next), JSON.stringify(next));
  return outcome;
}

/** {@link edit} replacing the first occurrence of `find`. */
function replace(text: string, find: string, insert: string): ReparseOutcome {
  const start = text.indexOf(find);
  assert.ok(start >= 0, find);
  return edit(text, start, start + find.length, insert);
}

function incrementalSpan(outcome: ReparseOutcome): { start: number; end: number } {
  assert.equal(outcome.mode, 'incremental', outcome.mode === 'full' ? outcome.reason : '');
  return outcome.mode === 'incremental' ? outcome.span : { start: -1, end: -1 };
}

function fullReason(outcome: ReparseOutcome): string {
  return outcome.mode === 'full' ? outcome.reason : 'incremental';
}

const blocks = (...texts: string[]): string => `${texts.join('\n\n')}\n`;
const PARAGRAPHS = Array.from({ length: 8 }, (_, index) => `Paragraph ${index} about the Outlook prompt.`);

describe('coveringEdit', () => {
  it('covers what lies between the common prefix and suffix', () => {
    assert.deepEqual(coveringEdit('abcdef', 'abXYef'), { start: 2, end: 4, newLength: 2 });
    assert.deepEqual(coveringEdit('abc', 'xabc'), { start: 0, end: 0, newLength: 1 });
    assert.deepEqual(coveringEdit('abc', 'abcx'), { start: 3, end: 3, newLength: 1 });
    assert.deepEqual(coveringEdit('abc', 'abc'), { start: 3, end: 3, newLength: 0 });
  });

  it('never lets prefix and suffix overlap on repeated characters', () => {
    assert.deepEqual(coveringEdit('aaa', 'aa'), { start: 2, end: 3, newLength: 0 });
    assert.deepEqual(coveringEdit('aa', 'aaaa'), { start: 2, end: 2, newLength: 2 });
  });
});

describe('composeChanges', () => {
  it('returns undefined for no change', () => {
    assert.equal(composeChanges([]), undefined);
  });

  it('turns changes made one after another into one change of the first text', () => {
    const change = fc.record({ at: fc.nat(), length: fc.nat(5), insert: fc.string({ maxLength: 4 }) });
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.array(change, { minLength: 1, maxLength: 5 }), (original, specs) => {
        let text = original;
        const changes: TextChange[] = [];
        for (const spec of specs) {
          const start = spec.at % (text.length + 1);
          const end = Math.min(text.length, start + spec.length);
          changes.push({ start, end, newLength: spec.insert.length });
          text = splice(text, start, end, spec.insert);
        }
        const composed = composeChanges(changes);
        assert.ok(composed !== undefined);
        assert.equal(original.slice(0, composed.start) + text.slice(composed.start, composed.start + composed.newLength) + original.slice(composed.end), text);
        assert.equal(original.slice(0, composed.start), text.slice(0, composed.start));
        assert.equal(original.slice(composed.end), text.slice(composed.start + composed.newLength));
      }),
      { numRuns: 200 },
    );
  });
});

describe('reparseMarkdown on a real article', () => {
  const lines = ARTICLE.split('\n');
  const lineStart = (line: number): number => lines.slice(0, line).reduce((sum, text) => sum + text.length + 1, 0);

  it('equals a full parse after editing any line, and re-parses a span for most', () => {
    const outcomes: ReparseOutcome[] = [];
    for (let line = 0; line < lines.length; line++) {
      const start = lineStart(line);
      const end = start + (lines[line]?.length ?? 0);
      outcomes.push(
        edit(ARTICLE, end, end, '\n'),
        edit(ARTICLE, start, end + 1, ''),
        edit(ARTICLE, start, start, '```\n'),
      );
    }
    const incremental = outcomes.filter((outcome) => outcome.mode === 'incremental').length;
    assert.ok(incremental > outcomes.length * 0.8, `${incremental} of ${outcomes.length}`);
  });

  it('equals a full parse with CRLF line endings', () => {
    const crlf = ARTICLE.replace(/\n/g, '\r\n');
    for (const find of ['Symptoms', 'Close Outlook.', '| Server |', '    ping', 'Final paragraph']) {
      const start = crlf.indexOf(find);
      edit(crlf, start, start, 'y');
      edit(crlf, start, start, '\r\n\r\n');
      edit(crlf, start, start + find.length, '\n');
    }
  });

  it('accepts the changes as an editor reports them, or none at all', () => {
    const previous = parseMarkdown(PATH, ARTICLE);
    const start = ARTICLE.indexOf('Run the commands');
    const next = splice(ARTICLE, start, start + 3, 'Execute');
    const expected = parseMarkdown(PATH, next);
    assertSameMarkdownFile(reparseMarkdown(previous, next), expected);
    assertSameMarkdownFile(reparseMarkdown(previous, next, [{ start, end: start + 3, newLength: 0 }, { start, end: start, newLength: 7 }]), expected);
    assertSameMarkdownFile(reparseMarkdown(previous, next, { start, end: start + 3, newLength: 7 }), expected);
  });

  it('ignores a change that does not match the texts', () => {
    const previous = parseMarkdown(PATH, ARTICLE);
    const next = ARTICLE.replace('Start Outlook.', 'Start Outlook again.');
    for (const wrong of [{ start: 0, end: 0, newLength: 6 }, { start: 5, end: 2, newLength: 0 }, { start: -1, end: 3, newLength: 10 }, { start: 0.5, end: 1, newLength: 6.5 }]) {
      assertSameMarkdownFile(reparseMarkdown(previous, next, wrong), parseMarkdown(PATH, next));
    }
  });

  it('returns the previous file when nothing changed', () => {
    const previous = parseMarkdown(PATH, ARTICLE);
    assert.equal(reparseMarkdown(previous, ARTICLE), previous);
  });

  it('leaves the previous file untouched', () => {
    const previous = parseMarkdown(PATH, ARTICLE);
    const before = structuredClone(previous.tree);
    reparseMarkdown(previous, ARTICLE.replace('## Symptoms', '## Symptoms\n\nNew paragraph.'));
    assert.deepEqual(previous.tree, before);
  });

  it('re-parses only the blocks around the edit', () => {
    const span = incrementalSpan(replace(ARTICLE, 'the commands', 'these commands'));
    const text = ARTICLE.replace('the commands', 'these commands');
    assert.ok(span.start > text.indexOf('### Test the connection'));
    assert.ok(span.end < text.indexOf('Setext heading'));
  });

  it('updates the front matter incrementally: the span then starts at the top of the file', () => {
    const outcome = replace(ARTICLE, 'ms.date: 11/20/2026', 'ms.date: 12/01/2026');
    assert.equal(incrementalSpan(outcome).start, 0);
    assert.ok(incrementalSpan(outcome).end < ARTICLE.indexOf('## Symptoms'));
    assert.equal(outcome.file.frontMatter?.data?.['ms.date'], '12/01/2026');
  });
});

describe('reparseMarkdown widens the span when the edit reaches past it', () => {
  it('parses to the end when an unclosed fence swallows what follows', () => {
    const text = blocks(...PARAGRAPHS);
    const outcome = replace(text, 'Paragraph 3', '```\nParagraph 3');
    assert.equal(incrementalSpan(outcome).end, outcome.file.document.text.length);
  });

  it('parses to the end when an unclosed HTML comment swallows what follows', () => {
    const text = blocks(...PARAGRAPHS);
    const outcome = replace(text, 'Paragraph 3', '<!-- Paragraph 3');
    assert.equal(incrementalSpan(outcome).end, outcome.file.document.text.length);
  });

  it('stops at the comment end when an opened HTML comment closes a few blocks later', () => {
    const text = blocks(...PARAGRAPHS.slice(0, 5), 'End of note -->', ...PARAGRAPHS.slice(5), ...PARAGRAPHS);
    const outcome = replace(text, 'Paragraph 3', '<!-- Paragraph 3');
    const span = incrementalSpan(outcome);
    assert.ok(span.end > outcome.file.document.text.indexOf('-->'));
    assert.ok(span.end < outcome.file.document.text.length);
  });

  it('takes in an indented paragraph that a new list item continues', () => {
    const text = blocks(...PARAGRAPHS.slice(0, 3), 'Step one.', '  Indented note.', ...PARAGRAPHS.slice(3));
    const outcome = replace(text, 'Step one.', '- Step one.');
    assert.equal(outcome.file.tree.children.filter((node) => node.type === 'list').length, 1);
    assert.ok(incrementalSpan(outcome).end > outcome.file.document.text.indexOf('Paragraph 3'));
  });

  it('never cuts after a list or indented code, which a later indented line may continue', () => {
    const list = blocks(...PARAGRAPHS.slice(0, 3), '- item', 'Paragraph x.', '  continued?', ...PARAGRAPHS.slice(3));
    replace(list, 'Paragraph x.', '');
    const code = blocks(...PARAGRAPHS.slice(0, 3), '    code', 'Paragraph x.', '    more code', ...PARAGRAPHS.slice(3));
    replace(code, 'Paragraph x.', '    ');
  });

  it('turns a paragraph into a setext heading when an underline is typed below it', () => {
    const text = `${blocks(...PARAGRAPHS.slice(0, 3))}\nHeading text\n***\n\n${blocks(...PARAGRAPHS.slice(3))}`;
    const outcome = replace(text, '***', '===');
    assert.equal(outcome.file.headings[0]?.text, 'Heading text');
  });

  it('makes a paragraph a lazy continuation of a block quote when the blank line between goes', () => {
    const text = blocks(...PARAGRAPHS.slice(0, 3), '> Quoted.', 'Lazy line.', ...PARAGRAPHS.slice(3));
    const outcome = replace(text, 'Quoted.\n\n', 'Quoted.\n');
    assert.equal(outcome.file.tree.children.filter((node) => node.type === 'blockquote').length, 1);
    assert.equal(outcome.mode, 'incremental');
  });

  it('never starts a span at a thematic break, which alone would open front matter', () => {
    const text = blocks(...PARAGRAPHS.slice(0, 3), '---', 'Under the break.', '---', ...PARAGRAPHS.slice(3));
    const outcome = replace(text, 'Under the break.', 'Under the rule.');
    assert.equal(outcome.file.frontMatter, undefined);
    assert.ok(incrementalSpan(outcome).start < outcome.file.document.text.indexOf('---'));
  });

  it('never starts a span at a byte order mark, which alone the parser would drop', () => {
    const text = blocks(...PARAGRAPHS.slice(0, 3), '\uFEFFMarked line.', 'After the mark.', ...PARAGRAPHS.slice(3));
    const outcome = replace(text, 'the mark.', 'the marker.');
    assert.ok(incrementalSpan(outcome).start < outcome.file.document.text.indexOf('\uFEFF'));
  });
});

describe('reparseMarkdown falls back to a full parse', () => {
  it('when the file has link reference definitions', () => {
    const text = blocks(...PARAGRAPHS.slice(0, 4), 'See [the fix][fix].', ...PARAGRAPHS.slice(4), '[fix]: ../remediations/fix.md');
    assert.equal(fullReason(replace(text, 'Paragraph 2', 'Paragraph two')), 'definitions');
  });

  it('when an edit types a definition, which links anywhere may use', () => {
    const text = blocks('See [the fix][fix].', ...PARAGRAPHS);
    const outcome = replace(text, 'Paragraph 5 about the Outlook prompt.', '[fix]: ../remediations/fix.md');
    assert.equal(fullReason(outcome), 'definitions');
    assert.match(JSON.stringify(outcome.file.tree.children[0]), /"linkReference"/);
  });

  it('when the file has footnotes', () => {
    const text = blocks(...PARAGRAPHS.slice(0, 4), 'A claim.[^1]', ...PARAGRAPHS.slice(4), '[^1]: The source.');
    assert.equal(fullReason(replace(text, 'Paragraph 6', 'Paragraph six')), 'definitions');
  });

  it('for tiny documents, where the span would be the whole text', () => {
    assert.equal(fullReason(replace('# Title\n\nOne paragraph.\n', 'One', 'Two')), 'whole-document');
    assert.equal(fullReason(edit('', 0, 0, '# Title')), 'whole-document');
  });

  it('while the front matter fence is not closed, which changes how the rest of the file parses', () => {
    const closed = `---\ntitle: T\n---\n\n${blocks(...PARAGRAPHS, '> Quote', '- item')}`;
    const opened = replace(closed, '---\n\n', '\n\n');
    assert.equal(fullReason(opened), 'front-matter');
    assert.equal(opened.file.tree.children.some((node) => node.type === 'blockquote'), false);
    assert.equal(fullReason(replace(opened.file.document.text, 'Paragraph 6', 'Paragraph six')), 'front-matter');
  });

  it('when a byte order mark appears, and not while it stays', () => {
    const text = blocks(...PARAGRAPHS);
    assert.equal(fullReason(edit(text, 0, 0, '\uFEFF')), 'byte-order-mark');
    const marked = `\uFEFF---\ntitle: T\n---\n\n${text}`;
    incrementalSpan(replace(marked, 'Paragraph 4', 'Paragraph four'));
    incrementalSpan(replace(marked, 'title: T', 'title: U'));
    const previous = parseMarkdown(PATH, marked);
    const next = marked.replace('Paragraph 4', 'Paragraph four');
    assertSameMarkdownFile(reparseMarkdown(previous, next, { start: 0, end: marked.length, newLength: next.length }), parseMarkdown(PATH, next));
  });

  it('when the previous tree lacks positions', () => {
    const text = blocks(...PARAGRAPHS);
    const parsed = parseMarkdown(PATH, text);
    const previous: MarkdownFile = { ...parsed, tree: { ...parsed.tree, children: parsed.tree.children.map(({ position: _position, ...node }) => node) } };
    const next = text.replace('Paragraph 3', 'Paragraph three');
    const outcome = reparseMarkdownWithOutcome(previous, next);
    assert.equal(fullReason(outcome), 'unexpected');
    assertSameMarkdownFile(outcome.file, parseMarkdown(PATH, next));
  });

  it('and never throws, whatever the texts and the change', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), fc.integer(), fc.integer(), fc.integer(), (before, after, start, end, newLength) => {
        const outcome = reparseMarkdownWithOutcome(parseMarkdown(PATH, before), after, { start, end, newLength });
        assertSameMarkdownFile(outcome.file, parseMarkdown(PATH, after));
      }),
      { numRuns: 200 },
    );
  });
});
