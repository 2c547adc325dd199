import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanEnv, runCli } from '../cli/cli-harness.js';
import { REPOSITORY_ROOT } from './support.js';

const BIN = path.join(REPOSITORY_ROOT, 'bin', 'kb-lint.js');
const ARTICLES = 24;

const FRONT_MATTER = '---\ntitle: Fix me\ndescription: A test article.\nms.topic: conceptual\nms.date: 01/02/2025\n---\n';

/** A KB of articles that each link to `Setup.md` while the file is `setup.md`: one safe fix per article; CRLF, BOM and modes vary. */
function kbFiles(): Map<string, { text: string; mode: number }> {
  const files = new Map<string, { text: string; mode: number }>([
    ['kb.config.json', { text: '{}\n', mode: 0o644 }],
    ['articles/setup.md', { text: `${FRONT_MATTER}\n# Setup\n\nNothing to fix here.\n`, mode: 0o644 }],
  ]);
  for (let index = 0; index < ARTICLES; index++) {
    const lf = `${FRONT_MATTER}\n# Article ${index}\n\nSee [the setup](Setup.md) first.\n\n${'Filler line.\n'.repeat(index * 20)}`;
    const text = index % 3 === 0 ? lf.replace(/\n/g, '\r\n') : index % 3 === 1 ? `\uFEFF${lf}` : lf;
    files.set(`articles/article-${String(index).padStart(2, '0')}.md`, { text, mode: index % 2 === 0 ? 0o644 : 0o600 });
  }
  return files;
}

async function writeKb(folder: string): Promise<void> {
  for (const [name, { text, mode }] of kbFiles()) {
    await fs.mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await fs.writeFile(path.join(folder, name), text, { mode });
    await fs.chmod(path.join(folder, name), mode);
  }
}

/** Every file below `folder` with its bytes, by relative path. */
async function snapshot(folder: string): Promise<Map<string, Buffer>> {
  const result = new Map<string, Buffer>();
  const walk = async (current: string): Promise<void> => {
    for (const entry of await fs.readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else result.set(path.relative(folder, full).split(path.sep).join('/'), await fs.readFile(full));
    }
  };
  await walk(folder);
  return result;
}

/** Runs `kb-lint --fix` in `folder` as a subprocess and sends `signal` once `fixedLines` files are reported fixed. */
function fixAndInterrupt(folder: string, fixedLines: number, signal: NodeJS.Signals): Promise<{ interrupted: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--fix'], { cwd: folder, env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let seen = 0;
    let interrupted = false;
    let buffered = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      seen += lines.filter((line) => line.startsWith('Fixed ')).length;
      if (!interrupted && seen >= fixedLines) {
        interrupted = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ interrupted }));
  });
}

// The interrupted runs are subprocesses in separate folders: they run at the same time.
describe('kb-lint --fix interrupted between files', { concurrency: true }, () => {
  const folders: string[] = [];
  let original: Map<string, Buffer>;
  let fixed: Map<string, Buffer>;
  let modes: Map<string, number>;

  async function freshKb(): Promise<string> {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-fix-interrupted-'));
    folders.push(folder);
    await writeKb(folder);
    return folder;
  }

  before(async () => {
    const folder = await freshKb();
    original = await snapshot(folder);
    modes = new Map([...kbFiles()].map(([name, { mode }]) => [name, mode]));
    const run = await runCli('in-process', folder, ['--fix']);
    assert.equal(run.exitCode, 0, run.stderr);
    fixed = await snapshot(folder);
  });
  after(async () => {
    await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
  });

  it('the uninterrupted run fixes every article and keeps BOMs, line endings and modes', () => {
    const changed = [...fixed].filter(([name, bytes]) => !bytes.equals(original.get(name) ?? Buffer.alloc(0))).map(([name]) => name);
    assert.equal(changed.length, ARTICLES);
    for (const name of changed) {
      const before = (original.get(name) ?? Buffer.alloc(0)).toString('utf8');
      assert.equal((fixed.get(name) ?? Buffer.alloc(0)).toString('utf8'), before.replace('(Setup.md)', '(setup.md)'), name);
    }
  });

  for (const [fixedLines, signal] of [[1, 'SIGKILL'], [ARTICLES / 2, 'SIGKILL'], [1, 'SIGINT'], [ARTICLES / 4, 'SIGTERM']] as const) {
    it(`leaves every file old or new when killed (${signal}) once ${fixedLines} fixed file${fixedLines === 1 ? ' is' : 's are'} reported`, async () => {
      const folder = await freshKb();
      const { interrupted } = await fixAndInterrupt(folder, fixedLines, signal);
      assert.ok(interrupted, 'kb-lint finished before it could be interrupted');

      const after = await snapshot(folder);
      let done = 0;
      for (const [name, bytes] of original) {
        const now = after.get(name);
        assert.ok(now !== undefined, `${name} is gone`);
        const isOld = now.equals(bytes);
        const isNew = now.equals(fixed.get(name) ?? Buffer.alloc(0));
        assert.ok(isOld || isNew, `${name} is neither the old nor the new version`);
        if (isNew && !isOld) done++;
        assert.equal((await fs.stat(path.join(folder, name))).mode & 0o777, modes.get(name), `${name} mode`);
      }
      assert.ok(done >= fixedLines, `${done} files fixed, fewer than the ${fixedLines} reported`);
      // A kill between writing a temporary file and renaming it may leave the temporary file; it is hidden and never a .md.
      for (const name of after.keys()) {
        if (!original.has(name)) assert.match(path.basename(name), /^\..+\.tmp$/, `unexpected file ${name}`);
      }
    });
  }
});
