import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedMemo, MemoPerOwner } from '../../server/src/core/rules/support/bounded-memo.js';

describe('BoundedMemo', () => {
  it('computes a value once and keeps it', () => {
    const memo = new BoundedMemo<string, { value: number }>(4);
    let computed = 0;
    const value = (): { value: number } => ({ value: ++computed });
    assert.deepEqual(memo.get('a', value), { value: 1 });
    assert.deepEqual(memo.get('a', value), { value: 1 });
    assert.equal(computed, 1);
  });

  it('holds at most its capacity, keeping what was used recently', () => {
    const memo = new BoundedMemo<string, string[]>(4);
    for (const key of ['a', 'b', 'c']) memo.get(key, () => [key]);
    memo.get('a', () => ['again']); // used again: kept when b goes
    for (const key of ['d', 'e']) memo.get(key, () => [key]);
    assert.ok(memo.size <= 4, String(memo.size));
    assert.deepEqual(memo.get('a', () => ['recomputed']), ['a']);
    assert.deepEqual(memo.get('b', () => ['recomputed']), ['recomputed']);
  });
});

describe('MemoPerOwner', () => {
  it('keeps the results of each owner apart', () => {
    const memos = new MemoPerOwner<object, string, string[]>(8);
    const first = {};
    const second = {};
    memos.of(first).get('key', () => ['first']);
    assert.deepEqual(memos.of(second).get('key', () => ['second']), ['second']);
    assert.deepEqual(memos.of(first).get('key', () => ['other']), ['first']);
  });
});
