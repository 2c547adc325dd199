import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocfxConfig } from '../../server/src/core/repository/docfx-config.js';

/** Brace groups without a wildcard: the matcher tries every combination on a path that fails, twice as many per group. */
const BRACES = `${'{a,a}'.repeat(40)}x`;

/** A path the brace glob is tried on and fails only at its end. */
const LONG_NAME = `/repo/docs/${'a'.repeat(42)}`;

describe('globs of a repository\'s docfx.json', () => {
  it('ignores content globs whose matching could run for hours, each reported at its mapping, and keeps the others', () => {
    const docfx = new DocfxConfig('/repo/docs/docfx.json', JSON.stringify({ build: { content: [{ files: ['**/*.md', BRACES], exclude: [BRACES] }, BRACES] } }, undefined, 2));
    // Without the limit, each of these calls runs for hours.
    assert.equal(docfx.publishes(LONG_NAME), false);
    assert.equal(docfx.publishes('/repo/docs/articles/a.md'), true);
    const problems = docfx.file.problems.map((problem) => problem.message);
    assert.equal(problems.length, 3);
    for (const message of problems) assert.match(message, /more than 256 paths through its brace groups.*it is ignored/);
  });

  it('ignores fileMetadata globs the same way, and counts wildcards as the matcher reads DocFX\'s `**.md`', () => {
    const docfx = new DocfxConfig('/repo/docs/docfx.json', JSON.stringify({ build: { content: [{ files: ['**.md'] }], fileMetadata: { 'ms.topic': { [BRACES]: 'article', '**a**b**.md': 'faq', 'articles/**.md': 'troubleshooting' } } } }));
    assert.equal(docfx.metadataFor(LONG_NAME).get('ms.topic'), undefined);
    assert.equal(docfx.metadataFor('/repo/docs/articles/x/a.md').get('ms.topic')?.value, 'troubleshooting');
    assert.deepEqual(docfx.file.problems.map((problem) => /brace groups|wildcards/.exec(problem.message)?.[0]), ['brace groups', 'wildcards']);
    assert.equal(docfx.publishes('/repo/docs/a/b/c.md'), true);
  });
});
