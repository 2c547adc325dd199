import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { writeFixedFile } from '../../server/src/cli/write-fixed-file.js';
import { copyFixture, runCli } from './cli-harness.js';

const folders: string[] = [];

async function basicKb(): Promise<string> {
  const folder = await copyFixture('basic');
  folders.push(folder);
  return folder;
}

after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

describe('--fix on disk', () => {
  it('keeps the byte order mark, CRLF line endings and the file mode', async () => {
    const folder = await basicKb();
    const article = path.join(folder, 'articles', 'broken-links.md');
    const crlf = (await fs.readFile(article, 'utf8')).replace(/\n/g, '\r\n');
    await fs.writeFile(article, `\uFEFF${crlf}`);
    await fs.chmod(article, 0o640);

    const run = await runCli('in-process', folder, ['--fix']);

    assert.match(run.stderr, /^Fixed 1 problem \(link-case\) in articles\/broken-links\.md\.$/m);
    const bytes = await fs.readFile(article);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    assert.equal(text, crlf.replace('(Setup.md)', '(setup.md)'));
    assert.equal((await fs.stat(article)).mode & 0o777, 0o640);
  });

  it('never rewrites a file it does not change, and leaves no temporary file', async () => {
    const folder = await basicKb();
    const untouched = path.join(folder, 'articles', 'missing-cause.md');
    const before = await fs.stat(untouched);

    await runCli('in-process', folder, ['--fix']);

    const afterFix = await fs.stat(untouched);
    assert.equal(afterFix.mtimeMs, before.mtimeMs);
    assert.equal(afterFix.ino, before.ino, 'an atomic write would have replaced the inode');
    assert.deepEqual((await fs.readdir(path.join(folder, 'articles'))).filter((name) => name.endsWith('.tmp')), []);
  });

  it('writes through a symbolic link instead of replacing it', async () => {
    const folder = await basicKb();
    const article = path.join(folder, 'articles', 'broken-links.md');
    const real = path.join(folder, 'articles', 'real-broken-links.md.txt');
    await fs.rename(article, real);
    await fs.symlink(real, article);

    await runCli('in-process', folder, ['--fix']);

    assert.ok((await fs.lstat(article)).isSymbolicLink());
    assert.match(await fs.readFile(real, 'utf8'), /\(setup\.md\)/);
  });

  it('does not overwrite a file that changed on disk since it was read', async () => {
    const folder = await basicKb();
    const article = path.join(folder, 'articles', 'setup.md');
    const original = await fs.readFile(article, 'utf8');
    await fs.writeFile(article, `${original}\nEdited meanwhile.\n`);

    assert.equal(await writeFixedFile(article, original, original.replace('Set up', 'Setup')), 'changed-on-disk');
    assert.match(await fs.readFile(article, 'utf8'), /Edited meanwhile\./);
  });
});
