import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { MAX_READ_BYTES, TOO_LARGE_FILE } from '../../server/src/core/index.js';
import { NodeFileSystem, toKbPath } from '../../server/src/node/node-file-system.js';
import { REPOSITORY_ROOT } from './support.js';

const BIN = path.join(REPOSITORY_ROOT, 'bin', 'kb-lint.js');
const FRONT_MATTER = '---\ntitle: Sizes\ndescription: A test article.\nms.topic: conceptual\nms.date: 01/02/2025\n---\n';
const folders: string[] = [];

after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

async function temporaryFolder(): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-sizes-'));
  folders.push(folder);
  return folder;
}

/** A 600 MB file that takes no disk space (sparse): reading it would take 600 MB of memory. */
async function hugeSparseFile(file: string): Promise<void> {
  await fs.writeFile(file, `${FRONT_MATTER}\n# Huge\n\n`);
  await fs.truncate(file, 600 * 1024 * 1024);
}

describe('file sizes are checked before reading', () => {
  for (const blocking of [false, true]) {
    it(`a file larger than the read limit is reported too large without being read${blocking ? ' (blocking reads, as kb-lint reads)' : ''}`, async () => {
      const root = await temporaryFolder();
      const huge = path.join(root, 'huge.md');
      await hugeSparseFile(huge);
      const before = process.memoryUsage().arrayBuffers;
      assert.equal(await new NodeFileSystem({ blocking }).readText(toKbPath(huge)), TOO_LARGE_FILE);
      assert.ok(process.memoryUsage().arrayBuffers - before < MAX_READ_BYTES, 'the file was not read into memory');
      // Just below the limit is still read.
      await fs.truncate(huge, MAX_READ_BYTES);
      assert.notEqual(await new NodeFileSystem({ blocking }).readText(toKbPath(huge)), TOO_LARGE_FILE);
    });
  }

  it('kb-lint with a small heap checks a KB whose articles link 12 times to a 600 MB file', async () => {
    const root = await temporaryFolder();
    await fs.mkdir(path.join(root, 'articles'));
    await fs.writeFile(path.join(root, 'kb.config.json'), '{}\n');
    await hugeSparseFile(path.join(root, 'articles', 'huge.md'));
    const links = Array.from({ length: 12 }, (_, index) => `- [Part ${index}](huge.md#part-${index})`).join('\n');
    await fs.writeFile(path.join(root, 'articles', 'links.md'), `${FRONT_MATTER}\n# Links\n\n${links}\n`);
    // The heap limit and the timeout make a regression fail instead of exhausting the machine.
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--max-old-space-size=192', BIN, '--format', 'json', '.'], { cwd: root, timeout: 120_000, encoding: 'utf8', env: { ...process.env, KB_LINT_WORKERS: '0' } }, (error, out, err) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout: out, stderr: err });
      });
    });
    assert.equal(code, 1, stderr);
    const findings = JSON.parse(stdout) as Array<{ file: string; rule: string; message: string }>;
    assert.ok(findings.some((finding) => finding.file === 'articles/huge.md' && finding.rule === 'file-unreadable' && /longer than/.test(finding.message)), stdout);
  });
});

describe('special files are never read', { skip: process.platform === 'win32' ? 'FIFOs are a POSIX file system feature' : false }, () => {
  for (const blocking of [false, true]) {
    it(`a FIFO, and a link to one, read as no file at once instead of blocking${blocking ? ' (blocking reads, as kb-lint reads)' : ''}`, async () => {
      const root = await temporaryFolder();
      const fifo = path.join(root, 'kb.config.json');
      execFileSync('mkfifo', [fifo]);
      await fs.symlink(fifo, path.join(root, 'article.md'));
      const fileSystem = new NodeFileSystem({ blocking });
      assert.equal(await fileSystem.readText(toKbPath(fifo)), undefined);
      assert.equal(await fileSystem.readText(toKbPath(path.join(root, 'article.md'))), undefined);
      assert.equal(await fileSystem.entryKind(toKbPath(fifo)), 'special');
      assert.deepEqual(await fileSystem.listFiles(toKbPath(root), []), []);
    });
  }
});
