import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedMemo, MemoPerOwner } from '../../server/src/core/rules/support/bounded-memo.js';

describe('BoundedMemo', () => {
  it('computes a value once and keeps it', () => {
    const memo = new BoundedMemo<string, number>(4);
    let computed = 0;
    const value = (): number => ++computed;
    assert.equal(memo.get('a', value), 1);
    assert.equal(memo.get('a', value), 1);
    assert.equal(computed, 1);
  });

  it('holds at most its capacity, forgetting the entry used least recently', () => {
    const memo = new BoundedMemo<string, string>(2);
    memo.get('a', () => 'a1');
    memo.get('b', () => 'b1');
    memo.get('a', () => 'a2'); // used again: now b is the oldest
    memo.get('c', () => 'c1');
    assert.equal(memo.size, 2);
    assert.equal(memo.get('a', () => 'a3'), 'a1');
    assert.equal(memo.get('b', () => 'b2'), 'b2');
  });
});

describe('MemoPerOwner', () => {
  it('keeps the results of each owner apart', () => {
    const memos = new MemoPerOwner<object, string, string>(8);
    const first = {};
    const second = {};
    memos.of(first).get('key', () => 'first');
    assert.equal(memos.of(second).get('key', () => 'second'), 'second');
    assert.equal(memos.of(first).get('key', () => 'other'), 'first');
  });
});
