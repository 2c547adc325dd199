import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CapturedStream, copyFixture, runCli } from '../cli/cli-harness.js';
import { writeFixes } from '../../server/src/cli/write-fixes.js';
import { toKbPath } from '../../server/src/node/node-file-system.js';

const folders: string[] = [];
const posixOnly = { skip: process.platform === 'win32' ? 'symbolic links and modes need a POSIX file system' : false };

after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

async function temporaryFolder(prefix: string): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** The basic fixture KB with a second article to fix, and a folder outside it holding a file that must stay as it is. */
async function kbAndVictim(): Promise<{ folder: string; outside: string; victim: string }> {
  const folder = await copyFixture('basic');
  folders.push(folder);
  await fs.copyFile(path.join(folder, 'articles', 'broken-links.md'), path.join(folder, 'articles', 'broken-links-2.md'));
  const outside = await temporaryFolder('kb-lint-outside-');
  const victim = path.join(outside, 'victim.txt');
  await fs.writeFile(victim, 'keep me\n');
  return { folder, outside, victim };
}

describe('kb-lint writes nothing outside through symbolic links', posixOnly, () => {
  it('replaces a committed link named like the output file instead of writing through it', async () => {
    const { folder, victim } = await kbAndVictim();
    await fs.symlink(victim, path.join(folder, 'kb-lint.sarif'));
    const run = await runCli('in-process', folder, ['--format', 'sarif', '--output-file', 'kb-lint.sarif']);
    assert.equal(run.exitCode, 1, run.stderr);
    assert.equal(await fs.readFile(victim, 'utf8'), 'keep me\n');
    const output = path.join(folder, 'kb-lint.sarif');
    assert.ok((await fs.lstat(output)).isFile());
    assert.match(await fs.readFile(output, 'utf8'), /"runs"/);
  });

  it('refuses to write into a folder of the working folder that is a link', async () => {
    const { folder, outside } = await kbAndVictim();
    await fs.symlink(outside, path.join(folder, 'reports'));
    const run = await runCli('in-process', folder, ['--format', 'json', '--output-file', 'reports/kb.json']);
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /cannot write reports\/kb\.json: reports is a symbolic link/);
    assert.deepEqual(await fs.readdir(outside), ['victim.txt']);
  });
});

describe('kb-lint --fix file handling', posixOnly, () => {
  it('reports a read-only file, leaves it alone and still fixes the others (exit code 2)', async () => {
    const { folder } = await kbAndVictim();
    const readOnly = path.join(folder, 'articles', 'broken-links.md');
    const before = await fs.readFile(readOnly, 'utf8');
    await fs.chmod(readOnly, 0o444);
    const run = await runCli('in-process', folder, ['--fix']);
    assert.equal(run.exitCode, 2, run.stderr);
    assert.match(run.stderr, /articles\/broken-links\.md is read-only; its fixes were not written/);
    assert.match(run.stderr, /^Fixed 1 problem \(link-case\) in articles\/broken-links-2\.md\.$/m);
    assert.match(run.stderr, /the fixes of 1 file could not be written/);
    assert.equal(await fs.readFile(readOnly, 'utf8'), before);
    assert.equal((await fs.stat(readOnly)).mode & 0o777, 0o444);
  });

  it('keeps the owner and group of a fixed file', { skip: process.getuid?.() !== 0 ? 'only a superuser can give a file another group' : false }, async () => {
    const { folder } = await kbAndVictim();
    const article = path.join(folder, 'articles', 'broken-links.md');
    await fs.chown(article, 4321, 4321);
    const run = await runCli('in-process', folder, ['--fix']);
    assert.match(run.stderr, /^Fixed 1 problem \(link-case\) in articles\/broken-links\.md\.$/m);
    const stat = await fs.stat(article);
    assert.deepEqual([stat.uid, stat.gid], [4321, 4321]);
  });

  it('goes on with the other files when one was replaced by a folder or cannot be written', async () => {
    const { folder } = await kbAndVictim();
    const articles = path.join(folder, 'articles');
    const fixOf = async (name: string): Promise<{ path: string; original: string; fixed: string; rules: Map<string, number> }> => {
      const original = await fs.readFile(path.join(articles, name), 'utf8').catch(() => '');
      return { path: toKbPath(path.join(articles, name)), original, fixed: `${original}\nFixed.\n`, rules: new Map([['link-target', 1]]) };
    };
    const replaced = await fixOf('setup.md');
    await fs.rm(path.join(articles, 'setup.md'));
    await fs.mkdir(path.join(articles, 'setup.md'));
    const unwritable = await fixOf('broken-links.md');
    await fs.chmod(path.join(articles, 'broken-links.md'), 0o400);
    const log = new CapturedStream();
    const failed = await writeFixes([replaced, unwritable, await fixOf('broken-links-2.md')], [], Date.now(), folder, log);
    assert.equal(failed, 1);
    assert.match(log.text, /setup\.md changed on disk/);
    assert.match(log.text, /broken-links\.md is read-only/);
    assert.match(await fs.readFile(path.join(articles, 'broken-links-2.md'), 'utf8'), /Fixed\.\n$/);
  });

  it('removes the temporary files an interrupted run left, and only those', async () => {
    const { folder } = await kbAndVictim();
    const articles = path.join(folder, 'articles');
    const leftover = path.join(articles, '.setup.md.0123456789ab.tmp');
    const notOurs = path.join(articles, 'notes.tmp');
    await fs.writeFile(leftover, 'half written');
    await fs.writeFile(notOurs, 'a writer\'s file');
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(leftover, old, old);
    await fs.utimes(notOurs, old, old);
    const run = await runCli('in-process', folder, ['--fix']);
    assert.match(run.stderr, /removed articles\/\.setup\.md\.0123456789ab\.tmp, left by an interrupted run/);
    await assert.rejects(fs.access(leftover));
    await fs.access(notOurs);
  });
});
