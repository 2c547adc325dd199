import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { changedSinceProperty } from '../robustness/changed-since-property.js';
import { copyFixture, git, REPOSITORY_ROOT, runCli } from './cli-harness.js';

const folders: string[] = [];

after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

/** The pull-request fixture committed on `main`, with a branch checked out for the change. */
async function repository(): Promise<string> {
  const folder = await copyFixture('pull-request');
  folders.push(folder);
  await git(folder, 'init', '--quiet');
  await git(folder, 'add', '.');
  await git(folder, 'commit', '--quiet', '-m', 'Base');
  await git(folder, 'checkout', '--quiet', '-b', 'change');
  return folder;
}

/** A git repository of the bundled KB committed on `main`, with a branch checked out for the change. */
async function bundledKbRepository(): Promise<string> {
  const folder = await copyFixture(undefined);
  folders.push(folder);
  await fs.cp(path.join(REPOSITORY_ROOT, 'kb'), folder, { recursive: true });
  await git(folder, 'init', '--quiet');
  await git(folder, 'add', '.');
  await git(folder, 'commit', '--quiet', '-m', 'Base');
  await git(folder, 'checkout', '--quiet', '-b', 'change');
  return folder;
}

/** The errors of a run, as `file rule`, and its exit code. */
async function errors(folder: string, ...args: string[]): Promise<{ exitCode: number; errors: string[] }> {
  const run = await runCli('in-process', folder, ['--format', 'json', ...args]);
  assert.notEqual(run.exitCode, 2, run.stderr);
  const findings = JSON.parse(run.stdout) as Array<{ file: string; rule: string; severity: string }>;
  return { exitCode: run.exitCode, errors: findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.file} ${finding.rule}`).sort() };
}

async function reportedFiles(folder: string, ...args: string[]): Promise<string[]> {
  const run = await runCli('in-process', folder, ['--format', 'json', ...args]);
  assert.notEqual(run.exitCode, 2, run.stderr);
  return [...new Set((JSON.parse(run.stdout) as Array<{ file: string }>).map((finding) => finding.file))];
}

describe('--changed-since', () => {
  it('reports nothing when nothing changed', async () => {
    const folder = await repository();
    assert.deepEqual(await reportedFiles(folder, '--changed-since', 'main'), []);
  });

  it('reports an unchanged file whose link a deleted file broke', async () => {
    const folder = await repository();
    await git(folder, 'rm', '--quiet', 'articles/reference.md');
    await git(folder, 'commit', '--quiet', '-m', 'Remove the reference');
    assert.deepEqual(await reportedFiles(folder, '--changed-since', 'main'), ['articles/guide.md']);
  });

  it('counts uncommitted changes as changed', async () => {
    const folder = await repository();
    await fs.appendFile(path.join(folder, 'articles', 'guide.md'), '\nSee also [the archive](archive.md).\n');
    assert.deepEqual(await reportedFiles(folder, '--changed-since', 'main'), ['articles/guide.md']);
  });

  it('reports every file when the configuration changed', async () => {
    const folder = await repository();
    const config = path.join(folder, 'kb.config.json');
    await fs.writeFile(config, (await fs.readFile(config, 'utf8')).replace('"image-alt": "info"', '"image-alt": "warning"'));
    assert.deepEqual(await reportedFiles(folder, '--changed-since', 'main'), ['articles/legacy.md']);
  });

  it('finds the repository from a subfolder and still names files relative to the working folder', async () => {
    const folder = await repository();
    await fs.appendFile(path.join(folder, 'articles', 'legacy.md'), '\nEdited.\n');
    assert.deepEqual(await reportedFiles(path.join(folder, 'articles'), '--changed-since', 'main', '.'), ['legacy.md']);
  });

  it('reports the claim whose `see:` names a heading the change renamed, as a full run does', async () => {
    const folder = await bundledKbRepository();
    const article = path.join(folder, 'articles', 'ews-status-ok-but-mapi-needed.md');
    await fs.writeFile(article, (await fs.readFile(article, 'utf8')).replace(/^## Resolution$/m, '## Fix it'));
    await git(folder, 'commit', '--quiet', '-am', 'Rename the Resolution heading');
    const changed = await errors(folder, '--changed-since', 'HEAD~1');
    assert.ok(changed.errors.includes('claims/prompt-fixed-through-ews.md claim-entry'), changed.errors.join('\n'));
    assert.equal(changed.exitCode, 1);
    assert.deepEqual(changed, await errors(folder));
  });

  it('reports the scenario whose `@article:` tag names a deleted article, and the claim that points at it, as a full run does', async () => {
    const folder = await bundledKbRepository();
    await git(folder, 'rm', '--quiet', 'articles/trace-lync-mapi-com-server-prompt.md');
    await git(folder, 'commit', '--quiet', '-m', 'Remove the trace article');
    const changed = await errors(folder, '--changed-since', 'HEAD~1');
    assert.ok(changed.errors.includes('scenarios/diagnostics.scenario scenario-article-link'), changed.errors.join('\n'));
    assert.ok(changed.errors.includes('claims/ucmapi-traffic-before-credentials.md claim-entry'), changed.errors.join('\n'));
    assert.deepEqual(changed, await errors(folder));
  });
});

describe('--changed-since on random commits', () => {
  it('reports every error a full run reports in the changed files and every error the commit brings (a deterministic sample; `npm run fuzz` runs more)', async () => {
    await changedSinceProperty(3).check({ numRuns: 2, seed: 18 });
  });
});
