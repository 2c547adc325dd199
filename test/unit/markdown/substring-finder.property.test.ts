import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { substringFinder } from '../../../server/src/core/markdown/substring-finder.js';

/** Words over a small alphabet, so that they overlap, nest and share prefixes; with the characters a regular expression reads as syntax. */
const alphabet = fc.constantFrom('a', 'b', 'n', '.', '*', '(', '|', '\\', '-', ' ', 'é', '\u{1F600}');
const word = fc.array(alphabet, { maxLength: 4 }).map((characters) => characters.join(''));
const text = fc.array(alphabet, { maxLength: 60 }).map((characters) => characters.join(''));

describe('substringFinder', () => {
  it('finds the words that `includes` finds, overlapping, nested and repeated ones included', () => {
    fc.assert(fc.property(fc.array(word, { maxLength: 12 }), fc.array(text, { maxLength: 5 }), (words, texts) => {
      const find = substringFinder(words);
      for (const candidate of texts) {
        assert.deepEqual(find(candidate), new Set(words.filter((entry) => candidate.includes(entry))), JSON.stringify({ words, candidate }));
      }
    }), { numRuns: 2000 });
  });

  it('reports each word once, however often it occurs, and a word inside a longer one at the same offset', () => {
    const find = substringFinder(['prompt', 'pro', 'prompts', 'mpt', 'ews']);
    assert.deepEqual(find('prompts and prompts again'), new Set(['prompt', 'pro', 'prompts', 'mpt']));
    assert.deepEqual(find(''), new Set());
    assert.deepEqual(substringFinder([])('anything'), new Set());
  });

  it('searches for a long word alone, and for the empty word everywhere', () => {
    const long = 'ab'.repeat(40);
    const find = substringFinder([long, 'ba', '']);
    assert.deepEqual(find(`x${long}x`), new Set([long, 'ba', '']));
    assert.deepEqual(find(long.slice(1)), new Set(['ba', '']));
    assert.deepEqual(substringFinder([long])('ab'), new Set());
  });

  it('finds the words of a catalog of thousands in texts of one and of two bytes per character', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyzαβγδ';
    const words = fc.sample(fc.array(fc.constantFrom(...letters), { minLength: 3, maxLength: 24 }).map((characters) => characters.join('')), 5000);
    const find = substringFinder(words);
    for (const candidate of [words.slice(0, 40).join(' '), `ö ${words.slice(-40).join('')}`, 'none of them'.repeat(50)]) {
      assert.deepEqual(find(candidate), new Set(words.filter((entry) => candidate.includes(entry))));
    }
  });

  it('searches for each word alone once V8 refuses to run the expression', () => {
    // V8 compiles an expression when it first runs it, and may only then throw "Regular expression too large".
    const { exec } = RegExp.prototype;
    let refusals = 0;
    RegExp.prototype.exec = function refuse(this: RegExp, subject: string) {
      if (this.source.startsWith('(?=(')) {
        refusals += 1;
        throw new SyntaxError('Invalid regular expression: Regular expression too large');
      }
      return exec.call(this, subject);
    };
    try {
      const find = substringFinder(['prompt', 'pro', 'mpt', 'ews']);
      assert.deepEqual(find('prompts'), new Set(['prompt', 'pro', 'mpt']));
      assert.deepEqual(find('news'), new Set(['ews']));
      assert.equal(refusals, 1, 'a refused expression is not tried again');
    } finally {
      RegExp.prototype.exec = exec;
    }
  });
});
