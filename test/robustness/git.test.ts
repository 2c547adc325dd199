import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cleanEnv, copyFixture, git, runCli } from '../cli/cli-harness.js';

const folders: string[] = [];

after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

/**
 * A repository as it could arrive in an archive, `.git` folder included, whose
 * configuration names a command at every place git might run one while
 * `kb-lint --changed-since` asks what changed. Each command leaves a marker.
 */
async function hostileRepository(markers: string): Promise<string> {
  const folder = await copyFixture('pull-request');
  folders.push(folder);
  await git(folder, 'init', '--quiet');
  await fs.writeFile(path.join(folder, '.gitattributes'), '* filter=evil diff=evil\n');
  await git(folder, 'add', '.');
  await git(folder, 'commit', '--quiet', '-m', 'Base');
  await git(folder, 'checkout', '--quiet', '-b', 'change');
  const mark = (name: string): string => `touch '${path.join(markers, name)}'`;
  const settings: Array<[string, string]> = [
    ['core.fsmonitor', `${mark('fsmonitor')}; true`],
    ['filter.evil.clean', `${mark('clean-filter')}; cat`],
    ['filter.evil.smudge', `${mark('smudge-filter')}; cat`],
    ['filter.evil.process', mark('process-filter')],
    ['filter.evil.required', 'true'],
    ['diff.external', mark('external-diff')],
    ['diff.evil.command', mark('diff-command')],
    ['diff.evil.textconv', `${mark('textconv')}; cat`],
    ['core.pager', mark('pager')],
  ];
  for (const [key, value] of settings) await git(folder, 'config', key, value);
  const hooks = path.join(folder, '.git', 'hooks');
  await fs.mkdir(hooks, { recursive: true });
  for (const hook of ['post-index-change', 'pre-commit', 'post-checkout']) {
    await fs.writeFile(path.join(hooks, hook), `#!/bin/sh\n${mark(`hook-${hook}`)}\n`, { mode: 0o755 });
  }
  // Changed and stat-dirty files: git compares contents, which is where filters run.
  await fs.appendFile(path.join(folder, 'articles', 'guide.md'), '\nSee also [the archive](archive.md).\n');
  const later = new Date(Date.now() + 5_000);
  for (const name of ['reference.md', 'legacy.md']) await fs.utimes(path.join(folder, 'articles', name), later, later);
  return folder;
}

describe('--changed-since in a repository with a hostile .git/config', { skip: process.platform === 'win32' ? 'the hostile commands are POSIX shell' : false }, () => {
  it('runs none of the commands the repository configures, and still finds the change', async () => {
    const markers = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-lint-git-markers-'));
    folders.push(markers);
    const folder = await hostileRepository(markers);
    assert.deepEqual(await fs.readdir(markers), [], 'setting up ran nothing');
    const run = await runCli('in-process', folder, ['--format', 'json', '--changed-since', 'main'], cleanEnv({ GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull }));
    assert.notEqual(run.exitCode, 2, run.stderr);
    assert.deepEqual(await fs.readdir(markers), []);
    const files = new Set((JSON.parse(run.stdout) as Array<{ file: string }>).map((finding) => finding.file));
    assert.ok(files.has('articles/guide.md'), run.stdout);
  });

  it('does not run a git program the repository places in the working folder', async () => {
    const markers = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-lint-git-markers-'));
    folders.push(markers);
    const folder = await hostileRepository(markers);
    await fs.writeFile(path.join(folder, 'git'), `#!/bin/sh\ntouch '${path.join(markers, 'planted-git')}'\n`, { mode: 0o755 });
    const env = cleanEnv({ GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull });
    const run = await runCli('in-process', folder, ['--format', 'json', '--changed-since', 'main'], { ...env, PATH: `.${path.delimiter}${env.PATH ?? ''}` });
    assert.notEqual(run.exitCode, 2, run.stderr);
    assert.deepEqual(await fs.readdir(markers), []);
  });
});
