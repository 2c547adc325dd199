import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Finding, type Fix, type TextEdit, TextDocument } from '../../server/src/core/index.js';
import { fixForReview, reviewFixOf } from '../../server/src/cli/review-fix.js';
import { applyReviewdogSuggestion } from './reviewdog.js';

function at(line: number, character: number): { line: number; character: number } {
  return { line, character };
}

function fix(edits: readonly TextEdit[], overrides: Partial<Fix> = {}): Fix {
  return { title: 'Fix it', safe: true, edits, ...overrides };
}

function findingWith(fixes: readonly Fix[]): Finding {
  return { ruleId: 'link-anchor', severity: 'error', path: '/kb/a.md', range: { start: at(0, 0), end: at(0, 1) }, message: 'Problem.', fixes };
}

/** The text after the suggestion, applied the way a GitHub suggested change from reviewdog is. */
function suggested(text: string, fixes: readonly Fix[]): string {
  const reviewFix = reviewFixOf(findingWith(fixes), new TextDocument('/kb/a.md', text));
  assert.ok(reviewFix, 'a fix reaches reviewers');
  const { suggestion } = reviewFix;
  assert.ok(suggestion, 'the fix can be shown as a suggestion');
  return applyReviewdogSuggestion(text, { range: { start: { line: suggestion.line, column: suggestion.byteColumn }, end: { line: suggestion.endLine, column: suggestion.endByteColumn } }, text: suggestion.text });
}

describe('the fix reviewers are shown', () => {
  it('is the safe fix --fix applies, else the only fix, else none', () => {
    const safe = fix([], { title: 'safe', safe: true });
    const unsafe = fix([], { title: 'unsafe', safe: false });
    const other = fix([], { title: 'other', safe: false });
    assert.equal(fixForReview(findingWith([unsafe, safe]))?.title, 'safe');
    assert.equal(fixForReview(findingWith([unsafe]))?.title, 'unsafe');
    assert.equal(fixForReview(findingWith([unsafe, other])), undefined, 'a choice between several is the writer\'s');
    assert.equal(fixForReview(findingWith([])), undefined);
  });

  it('counts suggestion columns in UTF-8 bytes and keeps edit columns in UTF-16 code units', () => {
    const text = 'Caf\u00e9 \u{1F600} [x](#cafe)\n';
    const reviewFix = reviewFixOf(findingWith([fix([{ range: { start: at(0, 13), end: at(0, 17) }, newText: 'caf\u00e9' }])]), new TextDocument('/kb/a.md', text));
    assert.deepEqual(reviewFix?.edits, [{ line: 1, column: 14, endLine: 1, endColumn: 18, newText: 'caf\u00e9' }]);
    assert.deepEqual(reviewFix?.suggestion, { line: 1, byteColumn: 17, endLine: 1, endByteColumn: 21, text: 'caf\u00e9' });
    assert.equal(suggested(text, [fix([{ range: { start: at(0, 13), end: at(0, 17) }, newText: 'caf\u00e9' }])]), 'Caf\u00e9 \u{1F600} [x](#caf\u00e9)\n');
  });

  it('shows a fix with edits on several lines as one suggestion over those lines', () => {
    const text = 'one\ntwo\nthree\nfour\n';
    const edits = [{ range: { start: at(2, 0), end: at(2, 5) }, newText: '3' }, { range: { start: at(0, 0), end: at(0, 3) }, newText: '1' }];
    const reviewFix = reviewFixOf(findingWith([fix(edits)]), new TextDocument('/kb/a.md', text));
    assert.deepEqual(reviewFix?.suggestion, { line: 1, byteColumn: 1, endLine: 3, endByteColumn: 6, text: '1\ntwo\n3' });
    assert.equal(suggested(text, [fix(edits)]), '1\ntwo\n3\nfour\n');
  });

  it('never names the line after the final line break: an insertion or deletion at the end moves before it', () => {
    assert.equal(reviewFixOf(findingWith([fix([{ range: { start: at(0, 0), end: at(1, 0) }, newText: 'x' }])]), new TextDocument('/kb/a.md', 'a\n'))?.suggestion, undefined, 'unless the text loses its final line break');
    const text = '# Title\n\nBody.\n';
    const append = fix([{ range: { start: at(3, 0), end: at(3, 0) }, newText: '\n## Cause\n' }]);
    assert.equal(suggested(text, [append]), '# Title\n\nBody.\n\n## Cause\n');
    const dropLast = fix([{ range: { start: at(2, 0), end: at(3, 0) }, newText: '' }]);
    assert.equal(suggested(text, [dropLast]), '# Title\n\n');
    assert.ok((reviewFixOf(findingWith([append]), new TextDocument('/kb/a.md', text))?.suggestion?.endLine ?? 99) <= 3);
  });

  it('writes inserted line breaks as the file does, and leaves out fixes that overlap or change nothing', () => {
    const crlf = 'a\r\nb\r\n';
    const insert = fix([{ range: { start: at(1, 0), end: at(1, 0) }, newText: 'x\ny\n' }]);
    assert.equal(reviewFixOf(findingWith([insert]), new TextDocument('/kb/a.md', crlf))?.edits[0]?.newText, 'x\r\ny\r\n');
    const overlapping = fix([{ range: { start: at(0, 0), end: at(0, 1) }, newText: 'x' }, { range: { start: at(0, 0), end: at(0, 1) }, newText: 'y' }]);
    assert.equal(reviewFixOf(findingWith([overlapping]), new TextDocument('/kb/a.md', 'a\n')), undefined);
    assert.equal(reviewFixOf(findingWith([fix([{ range: { start: at(0, 0), end: at(0, 1) }, newText: 'a' }])]), new TextDocument('/kb/a.md', 'a\n')), undefined);
  });

  it('as a suggestion, changes the text exactly as its edits do, for any text and edits', () => {
    const line = fc.array(fc.constantFrom('a', 'b', ' ', '\u00e9', '\u{1F600}', '#'), { maxLength: 6 }).map((parts) => parts.join(''));
    const text = fc.tuple(fc.array(line, { minLength: 1, maxLength: 6 }), fc.boolean()).map(([lines, finalBreak]) => lines.join('\n') + (finalBreak ? '\n' : ''));
    fc.assert(fc.property(text, fc.array(fc.tuple(fc.nat(), fc.nat(4), fc.constantFrom('', 'x', '\u00e9\n', 'new\nline', '\n')), { minLength: 1, maxLength: 3 }), (original, specs) => {
      const document = new TextDocument('/kb/a.md', original);
      // Non-overlapping edits at code point boundaries, from offsets into the text.
      const boundaries = [...original].reduce<number[]>((offsets, character) => [...offsets, (offsets.at(-1) ?? 0) + character.length], [0]);
      let previousEnd = -1;
      const edits: TextEdit[] = [];
      for (const [start, length, newText] of specs.map(([start, length, newText]) => [boundaries[start % boundaries.length] ?? 0, length, newText] as const).sort((a, b) => a[0] - b[0])) {
        if (start <= previousEnd) continue;
        const end = boundaries.find((offset) => offset >= start + length) ?? original.length;
        edits.push({ range: document.rangeAt(start, end), newText });
        previousEnd = end;
      }
      const reviewFix = reviewFixOf(findingWith([fix(edits)]), document);
      const expected = [...edits].reverse().reduce((result, edit) => result.slice(0, document.offsetAt(edit.range.start)) + edit.newText + result.slice(document.offsetAt(edit.range.end)), original);
      if (reviewFix === undefined) {
        assert.equal(expected, original, 'only a fix that changes nothing is left out');
        return;
      }
      if (reviewFix.suggestion === undefined) {
        // Only a fix that takes away the final line break cannot be a suggestion: no line a pull request shows holds that change.
        assert.ok(original.endsWith('\n') && !expected.endsWith('\n'), JSON.stringify(expected));
        return;
      }
      assert.equal(suggested(original, [fix(edits)]), expected);
    }), { seed: 20261204, numRuns: 500 });
  });
});
