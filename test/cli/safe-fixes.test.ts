import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { automaticFix, type Finding, type Fix } from '../../server/src/core/index.js';
import { applySafeFixes } from '../../server/src/cli/safe-fixes.js';

function replace(line: number, start: number, end: number, newText: string, safe = true, suppression?: boolean): Fix {
  return { title: `replace with ${newText}`, safe, ...(suppression === undefined ? {} : { suppression }), edits: [{ range: { start: { line, character: start }, end: { line, character: end } }, newText }] };
}

function finding(...fixes: Fix[]): Finding {
  return { ruleId: 'test-rule', severity: 'error', path: '/kb/a.md', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'test', fixes };
}

describe('safe fixes', () => {
  it('applies the first safe fix, never a suggestion or a suppression', () => {
    assert.equal(automaticFix(finding(replace(0, 0, 1, 'u', false), replace(0, 0, 1, 's'), replace(0, 0, 1, 't')))?.edits[0]?.newText, 's');
    assert.equal(automaticFix(finding(replace(0, 0, 1, 'u', false))), undefined);
    assert.equal(automaticFix(finding(replace(0, 0, 1, 'x', true, true))), undefined);
    assert.equal(automaticFix(finding()), undefined);
    const pass = applySafeFixes('/kb/a.md', 'abc\n', [finding(replace(0, 0, 1, 'U', false)), finding(replace(0, 1, 2, 'X', true, true)), finding(replace(0, 2, 3, 'C'))]);
    assert.equal(pass.text, 'abC\n');
  });

  it('applies non-overlapping fixes in one pass and leaves overlapping or adjacent ones for the next', () => {
    const text = 'alpha beta gamma\n';
    const pass = applySafeFixes('/kb/a.md', text, [
      finding(replace(0, 0, 5, 'ALPHA')),
      finding(replace(0, 3, 8, 'xx')),
      finding(replace(0, 5, 6, '_')),
      finding(replace(0, 11, 16, 'GAMMA')),
    ]);
    assert.equal(pass.text, 'ALPHA beta GAMMA\n');
    assert.equal(pass.applied.length, 2);
  });

  it('skips fixes that change nothing and unsafe fixes', () => {
    const pass = applySafeFixes('/kb/a.md', 'same\n', [finding(replace(0, 0, 4, 'same')), finding(replace(0, 0, 4, 'other', false))]);
    assert.deepEqual(pass, { text: 'same\n', applied: [] });
  });

  it('writes inserted line breaks the way the file ends its lines', () => {
    const pass = applySafeFixes('/kb/a.md', 'one\r\ntwo\r\n', [finding(replace(1, 0, 0, 'inserted\nlines\n'))]);
    assert.equal(pass.text, 'one\r\ninserted\r\nlines\r\ntwo\r\n');
  });
});
