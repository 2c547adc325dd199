import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURE_TODAY } from '../support/rule-fixtures.js';
import { cleanEnv, REPOSITORY_ROOT, runCli } from './cli-harness.js';
import { assertMatchesSnapshot } from './snapshot.js';

// The public corpus of Microsoft support articles sits beside the repository where it is available.
const CORPUS = path.resolve(REPOSITORY_ROOT, '..', 'shared', 'corpus', 'officedocs-support');
const SUBSET = 'SkypeforBusiness/';

describe('kb-lint over the real corpus', { skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}` }, () => {
  it('runs over every article without failing, and reports on a fixed subset exactly what was reviewed', async () => {
    // A fixed date: the stale-date findings count days.
    const run = await runCli('in-process', CORPUS, ['--format', 'json'], cleanEnv(), () => FIXTURE_TODAY);
    assert.equal(run.stderr, '');
    assert.ok(run.exitCode === 0 || run.exitCode === 1, `exit code ${run.exitCode}`);
    const findings = JSON.parse(run.stdout) as Array<{ file: string; rule: string; message: string }>;
    assert.deepEqual(findings.filter((finding) => /^Rule ".*" failed: /.test(finding.message)), []);
    const subset = findings.filter((finding) => finding.file.startsWith(SUBSET));
    await assertMatchesSnapshot('corpus-skypeforbusiness', `${JSON.stringify(subset, null, 2)}\n`);
  });
});
