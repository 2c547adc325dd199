import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/core/index.js';
import { NodeFileSystem, toKbPath } from '../../server/src/node/node-file-system.js';
import { soakKb } from '../../server/src/tools/soak-corpus.js';
import { BUNDLED_KB_FOLDER, REPOSITORY_ROOT } from './support.js';

// The public corpus of Microsoft support articles sits beside the repository where it is available; `npm run soak` checks all of it.
const CORPUS = path.resolve(REPOSITORY_ROOT, '..', 'shared', 'corpus', 'officedocs-support');

/** Articles in the sample: every n-th of the sorted list, so every product folder is represented. */
const SAMPLE_SIZE = 60;

describe('the engine over a fixed sample of the real corpus', { skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}: the soak test needs it` }, () => {
  it('checks every sampled article with every rule: no crash, no rule failure', async () => {
    const engine = new Engine({ fs: new NodeFileSystem(), today: () => new Date(), bundledRoot: toKbPath(BUNDLED_KB_FOLDER) });
    const kb = await engine.openKb(toKbPath(CORPUS));
    const all = kb.checkedPaths();
    const step = Math.max(1, Math.floor(all.length / SAMPLE_SIZE));
    const sample = all.filter((_, index) => index % step === 0);

    const report = soakKb(engine, kb, sample);

    assert.ok(sample.length >= Math.min(SAMPLE_SIZE, all.length), `only ${sample.length} articles sampled`);
    assert.deepEqual(report.crashes, []);
    assert.deepEqual(report.ruleFailures, []);
    assert.ok(report.byRule.size > 0, 'the sample gave no finding at all: the soak checked nothing');
  });
});
