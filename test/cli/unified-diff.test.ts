import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { unifiedDiff } from '../../server/src/cli/unified-diff.js';

/** Applies a unified diff made by unifiedDiff to `text`, checking every context and removed line against it. */
function applyPatch(text: string, patch: string): string {
  const source = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const result: string[] = [];
  let next = 0;
  const lines = patch.split(/(?<=\n)/).slice(2);
  for (let index = 0; index < lines.length; index++) {
    const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@\n$/.exec(lines[index] ?? '');
    assert.ok(header, `hunk header expected, got ${JSON.stringify(lines[index])}`);
    const start = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
    result.push(...source.slice(next, start));
    next = start;
    while (index + 1 < lines.length && !(lines[index + 1] ?? '').startsWith('@@')) {
      const line = lines[++index] ?? '';
      const noNewline = (lines[index + 1] ?? '') === '\\ No newline at end of file\n';
      const body = noNewline ? line.slice(1, -1) : line.slice(1);
      if (noNewline) index++;
      if (line.startsWith('+')) {
        result.push(body);
        continue;
      }
      assert.equal(source[next], body, 'context and removed lines match the old text');
      next++;
      if (line.startsWith(' ')) result.push(body);
    }
  }
  return [...result, ...source.slice(next)].join('');
}

describe('unified diff', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('a.md', 'same\n', 'same\n'), '');
  });

  it('prints a/ and b/ names and three lines of context', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8'].map((line) => `${line}\n`).join('');
    assert.equal(unifiedDiff('kb/a.md', before, before.replace('5\n', 'five\n')), [
      '--- a/kb/a.md', '+++ b/kb/a.md', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', '',
    ].join('\n'));
  });

  it('marks a last line without a line break', () => {
    assert.equal(unifiedDiff('a.md', 'x\ny', 'x\nz'), '--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+z\n\\ No newline at end of file\n');
  });

  it('splits distant changes into separate hunks', () => {
    const before = Array.from({ length: 30 }, (_, index) => `line ${index}\n`).join('');
    const after = before.replace('line 2\n', 'LINE 2\n').replace('line 25\n', 'LINE 25\n');
    assert.equal(unifiedDiff('a.md', before, after).match(/^@@/gm)?.length, 2);
  });

  it('turns any old text into any new text when applied', () => {
    const line = fc.constantFrom('a\n', 'b\n', 'c\n', 'd\r\n', '\n', 'e');
    const text = fc.array(line, { maxLength: 30 }).map((lines) => lines.join(''));
    fc.assert(fc.property(text, text, (before, after) => {
      assert.equal(applyPatch(before, unifiedDiff('a.md', before, after)), after);
    }), { numRuns: 500 });
  });
});
