import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linkTargetsOf } from '../../server/src/cli/link-targets.js';
import { Engine, InMemoryFileSystem } from '../../server/src/core/index.js';

describe('link targets (what a cached result depends on)', () => {
  it('include the files that a linked page and the file itself include, down to nested includes', async () => {
    const fs = new InMemoryFileSystem({
      '/kb/a.md': '# A\n\n[!INCLUDE [own](includes/own.md)]\n\nSee [a step](b.md#nested-step) and [b](b.md).\n',
      '/kb/b.md': '# B\n\n[!INCLUDE [steps](includes/steps.md)]\n',
      '/kb/includes/own.md': '[!INCLUDE [deeper](own-nested.md)]\n',
      '/kb/includes/own-nested.md': '## Own nested\n',
      '/kb/includes/steps.md': '[!INCLUDE [nested](nested.md)]\n',
      '/kb/includes/nested.md': '## Nested step\n',
    });
    const kb = await new Engine({ fs, today: () => new Date() }).openKb('/kb');
    assert.deepEqual(linkTargetsOf(kb, '/kb/a.md'), ['/kb/b.md', '/kb/includes/nested.md', '/kb/includes/own-nested.md', '/kb/includes/own.md', '/kb/includes/steps.md']);
  });
});
