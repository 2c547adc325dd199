import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, InMemoryFileSystem } from '../../../server/src/core/index.js';
import { completionsAt } from '../../../server/src/core/language/index.js';

describe('completion of ms.date', () => {
  const text = '---\ntitle: T\nms.date: \n---\n\n# T\n';
  const position = { line: 2, character: 'ms.date: '.length };
  const open = () => new Engine({ fs: new InMemoryFileSystem({ '/kb/a.md': text }), today: () => new Date(2000, 0, 1) }).openKb('/kb');

  it('proposes the date of the clock the host passes, as Learn writes it', async () => {
    const proposals = completionsAt(await open(), '/kb/a.md', position, { terms: false, today: new Date(2027, 2, 9) });
    assert.deepEqual(proposals.map((entry) => [entry.label, entry.detail]), [['03/09/2027', 'Today']]);
  });

  it('proposes no date when the host gives no clock', async () => {
    assert.deepEqual(completionsAt(await open(), '/kb/a.md', position, { terms: false }), []);
  });
});
