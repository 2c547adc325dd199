import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CLI_CASES, type CliCase, normalizeSarif } from './cli-cases.js';
import { cleanEnv, copyFixture, type CliRun, normalizePaths, type RunMode, runCli } from './cli-harness.js';
import { assertMatchesSnapshot } from './snapshot.js';

async function snapshotOf(testCase: CliCase, run: CliRun, folder: string): Promise<string> {
  const parts = [`exit code: ${run.exitCode}`, '--- stdout', run.stdout, '--- stderr', run.stderr];
  for (const file of testCase.files ?? []) {
    const text = await fs.readFile(path.join(folder, file), 'utf8').catch(() => '<not written>');
    parts.push(`--- file ${file}`, file.endsWith('.sarif') && text !== '<not written>' ? normalizeSarif(text) : text);
  }
  return normalizePaths(parts.join('\n'), folder);
}

for (const mode of ['in-process', 'subprocess'] satisfies RunMode[]) {
  describe(`kb-lint CLI cases (${mode})`, () => {
    for (const testCase of CLI_CASES) {
      it(testCase.name, async () => {
        const folder = await copyFixture(testCase.fixture);
        try {
          await testCase.prepare?.(folder);
          const env = cleanEnv(testCase.env);
          const run = await runCli(mode, folder, testCase.args, env);
          assert.equal(run.exitCode, testCase.exitCode, `exit code; stderr: ${run.stderr}`);
          assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
          await assertMatchesSnapshot(testCase.name, await snapshotOf(testCase, run, folder));
          await testCase.verify?.({ run, folder, rerun: (args) => runCli(mode, folder, args, env) });
        } finally {
          await fs.rm(folder, { recursive: true, force: true });
        }
      });
    }
  });
}
