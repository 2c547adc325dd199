import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { resolveLink } from '../../../server/src/core/index.js';

describe('resolveLink: query strings', () => {
  it('keeps the query string apart from the path, as written', () => {
    assert.deepEqual(resolveLink('/kb/articles/a.md', 'b%20c.md?tabs=windows&view=exchserver-2019#install'), {
      kind: 'relative',
      path: '/kb/articles/b c.md',
      fragment: 'install',
      query: 'tabs=windows&view=exchserver-2019',
    });
  });

  it('has no query string for a bare or empty "?", and none inside the fragment', () => {
    assert.deepEqual(resolveLink('/kb/a.md', 'b.md'), { kind: 'relative', path: '/kb/b.md', fragment: undefined, query: undefined });
    assert.deepEqual(resolveLink('/kb/a.md', 'b.md?#top'), { kind: 'relative', path: '/kb/b.md', fragment: 'top', query: undefined });
    assert.deepEqual(resolveLink('/kb/a.md', 'b.md#top?tabs=x'), { kind: 'relative', path: '/kb/b.md', fragment: 'top?tabs=x', query: undefined });
  });

  it('never lets the query string change the file a link names', () => {
    fc.assert(fc.property(fc.string().filter((query) => !/[#\s]/.test(query)), (query) => {
      const resolved = resolveLink('/kb/a.md', `b.md?${query}`);
      assert.equal(resolved.kind, 'relative');
      if (resolved.kind !== 'relative') return;
      assert.equal(resolved.path, '/kb/b.md');
      assert.equal(resolved.query, query === '' ? undefined : query);
    }));
  });
});
