import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLargeKb, LARGE_KB_CHARACTERS } from '../../server/src/cli/large-kb.js';
import { Engine, InMemoryFileSystem } from '../support/engine-exports.js';
import { FIXTURE_TODAY } from '../support/rule-fixtures.js';

async function openKb(root: string, files: Record<string, string>) {
  const engine = new Engine({ fs: new InMemoryFileSystem(files), today: () => FIXTURE_TODAY });
  return engine.openKb(root);
}

describe('which KBs kb-lint treats as large (heap growth bounded)', () => {
  const article = (title: string): string => ['---', `title: ${title}`, '---', '', `# ${title}`, ''].join('\n');

  it('counts the characters of every file of every KB against the limit', async () => {
    const first = await openKb('/one', { '/one/a.md': article('A'), '/one/b.md': article('B') });
    const second = await openKb('/two', { '/two/c.md': article('C') });
    const characters = article('A').length * 3;
    assert.equal(isLargeKb([first, second], characters), false, 'exactly at the limit');
    assert.equal(isLargeKb([first, second], characters - 1), true, 'one character over, counted across both KBs');
    assert.equal(isLargeKb([first], characters - 1), false, 'one KB alone is under');
  });

  it('treats a small KB and no KB as small, and puts the limit above the benchmark corpus', async () => {
    const kb = await openKb('/kb', { '/kb/a.md': article('A'.repeat(1000)) });
    assert.equal(isLargeKb([kb]), false);
    assert.equal(isLargeKb([]), false);
    assert.ok(LARGE_KB_CHARACTERS > 10_700_000, 'the benchmark corpus keeps V8 default heap growth');
  });
});
