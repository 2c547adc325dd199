import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInside, joinPath, normalizePath, relativePath } from '../../../server/src/core/index.js';

describe('paths', () => {
  it('normalizes dots and slashes without leaving the root', () => {
    assert.equal(normalizePath('/kb/a/../b//./c.md'), '/kb/b/c.md');
    assert.equal(normalizePath('/../../etc/passwd'), '/etc/passwd');
  });

  it('joins relative links to the linking folder', () => {
    assert.equal(joinPath('/kb/articles', '../glossary/mapi.md'), '/kb/glossary/mapi.md');
    assert.equal(joinPath('C:/kb/articles', '../x.md'), 'C:/kb/x.md');
  });

  it('tells inside from outside by whole segments', () => {
    assert.equal(isInside('/kb/a.md', '/kb'), true);
    assert.equal(isInside('/kb-other/a.md', '/kb'), false);
  });

  it('computes relative paths', () => {
    assert.equal(relativePath('/kb/articles', '/kb/glossary/mapi.md'), '../glossary/mapi.md');
  });
});
