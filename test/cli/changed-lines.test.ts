import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { addedLines, unquoteGitPath } from '../../server/src/cli/changed-lines.js';
import { copyFixture, git, runCli } from './cli-harness.js';

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

/** The pull-request fixture (`legacy.md` has a broken link from before) committed on `main`, on a branch for the change. */
async function repository(): Promise<string> {
  const folder = await copyFixture('pull-request');
  folders.push(folder);
  await git(folder, 'init', '--quiet');
  await git(folder, 'add', '.');
  await git(folder, 'commit', '--quiet', '-m', 'Base');
  await git(folder, 'checkout', '--quiet', '-b', 'change');
  return folder;
}

/** `file:line rule` of each finding reported with `args`, and the exit code. */
async function reported(folder: string, ...args: string[]): Promise<{ findings: string[]; exitCode: number }> {
  const run = await runCli('in-process', folder, ['--format', 'json', ...args]);
  assert.notEqual(run.exitCode, 2, run.stderr);
  const findings = (JSON.parse(run.stdout) as Array<{ file: string; line: number; rule: string }>).map((finding) => `${finding.file}:${finding.line} ${finding.rule}`);
  return { findings, exitCode: run.exitCode };
}

describe('the added lines of a diff', () => {
  it('reads hunks of --unified=0, with and without counts, and pure deletions', () => {
    const diff = [
      'diff --git a/a.md b/a.md',
      '--- a/a.md',
      '+++ b/a.md',
      '@@ -3 +3,2 @@ heading',
      '-old',
      '+new',
      '+more',
      '@@ -9,2 +10,0 @@',
      '-gone',
      '-gone',
      '@@ -20 +19 @@',
      '-x',
      '+y',
      'diff --git a/new.md b/new.md',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/new.md',
      '@@ -0,0 +1 @@',
      '+only line',
      'diff --git a/deleted.md b/deleted.md',
      'deleted file mode 100644',
      '--- a/deleted.md',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      '',
    ].join('\n');
    assert.deepEqual(Object.fromEntries([...addedLines(diff)].map(([file, lines]) => [file, [...lines]])), { 'a.md': [3, 4, 19], 'new.md': [1] });
  });

  it('does not take an added line that starts with "++ " for a file header', () => {
    const diff = ['diff --git a/a.md b/a.md', '--- a/a.md', '+++ b/a.md', '@@ -1,0 +2,2 @@', '+++ not a header', '+--- nor this', ''].join('\n');
    assert.deepEqual([...addedLines(diff).keys()], ['a.md']);
    assert.deepEqual([...(addedLines(diff).get('a.md') ?? [])], [2, 3]);
  });

  it('reads the names git quotes (octal UTF-8 bytes, C escapes) and the tab after a name with a space', () => {
    assert.equal(unquoteGitPath('"b/r\\303\\251sum\\303\\251 \\"x\\"\\t.md"'), 'b/résumé "x"\t.md');
    assert.equal(unquoteGitPath('b/plain.md'), 'b/plain.md');
    const diff = ['diff --git a/my notes.md b/my notes.md', '--- a/my notes.md\t', '+++ b/my notes.md\t', '@@ -1 +1 @@', '-a', '+b', ''].join('\n');
    assert.deepEqual([...addedLines(diff).keys()], ['my notes.md']);
  });
});

describe('--changed-lines', () => {
  it('reports a new problem on a changed line, not the old one in the same file, and exits by what it reports', async () => {
    const folder = await repository();
    await fs.appendFile(path.join(folder, 'articles', 'legacy.md'), '\nAnd [the new page](brand-new.md).\n');
    assert.deepEqual(await reported(folder, '--changed-lines', 'main'), { findings: ['articles/legacy.md:12 link-target'], exitCode: 1 });
    assert.deepEqual((await reported(folder, '--changed-since', 'main')).findings, ['articles/legacy.md:10 link-target', 'articles/legacy.md:12 link-target']);
  });

  it('counts committed changes since the merge base and every line of new files, committed or not', async () => {
    const folder = await repository();
    const article = (title: string): string => `---\ntitle: ${title}\ndescription: New.\nms.topic: reference\nms.date: 01/15/2024\n---\n\n# ${title}\n\nSee [a page to come](to-come.md).\n`;
    await fs.writeFile(path.join(folder, 'articles', 'r\u00e9sum\u00e9 "draft".md'), article('Committed'));
    await git(folder, 'add', '.');
    await git(folder, 'commit', '--quiet', '-m', 'Add a page');
    await fs.writeFile(path.join(folder, 'articles', 'untracked.md'), article('Untracked'));
    assert.deepEqual((await reported(folder, '--changed-lines', 'main')).findings, ['articles/résumé "draft".md:10 link-target', 'articles/untracked.md:10 link-target']);
  });

  it('leaves out a problem a change caused on an unchanged line, which --changed-since reports', async () => {
    const folder = await repository();
    const reference = path.join(folder, 'articles', 'reference.md');
    await fs.writeFile(reference, (await fs.readFile(reference, 'utf8')).replace('## Configure the proxy', '## Set the proxy'));
    assert.deepEqual(await reported(folder, '--changed-lines', 'main'), { findings: [], exitCode: 0 });
    assert.deepEqual((await reported(folder, '--changed-since', 'main')).findings, ['articles/guide.md:22 link-anchor']);
    assert.deepEqual((await reported(folder, '--changed-since', 'main', '--changed-lines', 'main')).findings, []);
  });

  it('reads the diff the same whatever the repository configures for diff output, and runs no external diff', async () => {
    const folder = await repository();
    const marker = path.join(folder, 'external-diff-ran');
    await git(folder, 'config', 'diff.noprefix', 'true');
    await git(folder, 'config', 'diff.mnemonicPrefix', 'true');
    await git(folder, 'config', 'color.ui', 'always');
    await git(folder, 'config', 'diff.external', `touch ${JSON.stringify(marker)}`);
    await fs.appendFile(path.join(folder, 'articles', 'legacy.md'), '\nAnd [the new page](brand-new.md).\n');
    assert.deepEqual((await reported(folder, '--changed-lines', 'main')).findings, ['articles/legacy.md:12 link-target']);
    await assert.rejects(fs.access(marker), 'the external diff command must not run');
  });

  it('stops with code 2 and names itself for an unknown ref or outside a repository', async () => {
    const folder = await repository();
    const unknown = await runCli('in-process', folder, ['--changed-lines', 'no-such-branch']);
    assert.equal(unknown.exitCode, 2);
    assert.match(unknown.stderr, /--changed-lines: unknown git ref "no-such-branch"/);
    const outside = await copyFixture('basic');
    folders.push(outside);
    const notGit = await runCli('in-process', outside, ['--changed-lines', 'main']);
    assert.equal(notGit.exitCode, 2);
    assert.match(notGit.stderr, /--changed-lines needs a git repository/);
    assert.equal((await runCli('in-process', folder, ['--changed-lines', ''])).exitCode, 2);
  });
});
