import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { copyFixture, git, runCli } from './cli-harness.js';

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
});
