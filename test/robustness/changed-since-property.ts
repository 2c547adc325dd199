/**
 * `kb-lint --changed-since` against full runs on random commits: a git
 * repository of the bundled KB gets a commit of random operations on files
 * of every kind; every error of a full run in a changed file, and every error
 * the commit brings to a full run anywhere, must be reported by
 * `--changed-since HEAD~1`, which reports nothing a full run does not.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { copyFixture, git, REPOSITORY_ROOT, runCli } from '../cli/cli-harness.js';
import { FIXTURE_TODAY } from '../support/rule-fixtures.js';
import { operation, type Operation } from './consistency.js';
import type { NamedProperty } from './properties.js';

/** Applies an operation to the repository in `folder` (operations name files under `/kb`; buffers are written to disk, as a writer saves them). */
async function applyOnDisk(folder: string, step: Operation): Promise<void> {
  const native = (file: string): string => path.join(folder, ...file.replace(/^\/kb\//, '').split('/'));
  const file = native(step.path);
  switch (step.type) {
    case 'write':
    case 'buffer':
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, step.text);
      return;
    case 'delete':
      await fs.rm(file, { force: true });
      return;
    case 'close':
      return;
    case 'rename': {
      const text = await fs.readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined || step.to === step.path) return;
      await fs.rm(file);
      await fs.mkdir(path.dirname(native(step.to)), { recursive: true });
      await fs.writeFile(native(step.to), text);
    }
  }
}

async function errors(folder: string, args: readonly string[]): Promise<Set<string>> {
  const run = await runCli('in-process', folder, ['--format', 'json', ...args], undefined, () => FIXTURE_TODAY);
  assert.notEqual(run.exitCode, 2, run.stderr);
  const findings = JSON.parse(run.stdout) as Array<{ file: string; rule: string; severity: string; message: string; line: number }>;
  return new Set(findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.file}:${finding.line} ${finding.rule} ${finding.message}`));
}

/** The property; each run builds a repository in a temporary folder and removes it. */
export function changedSinceProperty(maxOperations = 4): NamedProperty {
  const property = fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: maxOperations }), async (operations) => {
    const folder = await copyFixture(undefined);
    try {
      await fs.cp(path.join(REPOSITORY_ROOT, 'kb'), folder, { recursive: true });
      await git(folder, 'init', '--quiet');
      await git(folder, 'add', '.');
      await git(folder, 'commit', '--quiet', '-m', 'Base');
      const before = await errors(folder, []);
      for (const step of operations) await applyOnDisk(folder, step);
      await git(folder, 'add', '--all');
      await git(folder, 'commit', '--quiet', '--allow-empty', '-m', 'Change');
      const after = await errors(folder, []);
      const changed = await errors(folder, ['--changed-since', 'HEAD~1']);
      const changedFiles = new Set((await git(folder, 'diff', '--name-only', 'HEAD~1', 'HEAD')).split('\n').filter((name) => name !== ''));
      const inChangedFile = (error: string): boolean => changedFiles.has(error.slice(0, error.indexOf(':')));
      assert.deepEqual([...after].filter((error) => (!before.has(error) || inChangedFile(error)) && !changed.has(error)), [], 'errors of a full run, in changed files or brought by the commit, that --changed-since missed');
      assert.deepEqual([...changed].filter((error) => !after.has(error)), [], 'errors --changed-since reported that a full run does not');
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
  return { name: '--changed-since reports every error of a full run in the changed files and every error the commit brings', check: async (parameters) => { await fc.assert(property, parameters); } };
}
