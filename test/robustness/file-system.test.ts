import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { BINARY_FILE, Engine, type Finding, type KbFileSystem } from '../../server/src/core/index.js';
import { NodeFileSystem, toKbPath } from '../../server/src/node/node-file-system.js';
import { KbWorkspace } from '../../server/src/lsp/kb-workspace.js';
import { runCli } from '../cli/cli-harness.js';
import { assertSound, FIXTURE_TODAY, RecordingFileSystem, REPOSITORY_ROOT } from './support.js';

const FRONT_MATTER = '---\ntitle: On disk\ndescription: A test article.\nms.topic: troubleshooting\nms.date: 01/02/2025\nappliesto:\n  - Lync 2010\n---\n';
const SECRET = 'SECRET OUTSIDE THE KB';

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map(async (folder) => {
    await fs.chmod(folder, 0o755).catch(() => undefined);
    await fs.rm(folder, { recursive: true, force: true });
  }));
});

/** A fresh temporary folder, removed after the tests. */
async function temporaryFolder(): Promise<string> {
  const folder = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'kb-robustness-')));
  folders.push(folder);
  return folder;
}

/** Writes `files` (relative path to content) below `root`. */
async function writeFiles(root: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await fs.writeFile(path.join(root, name), content);
  }
}

/** Opens the KB at `root` through `fileSystem` and checks every file; fails on a rule failure or an unusable range. */
async function checkKb(root: string, fileSystem: KbFileSystem = new NodeFileSystem()): Promise<Map<string, Finding[]>> {
  const engine = new Engine({ fs: fileSystem, today: () => FIXTURE_TODAY });
  const kb = await engine.openKb(toKbPath(root));
  const results = engine.checkAll(kb);
  const texts: Record<string, string> = {};
  for (const file of results.keys()) texts[file] = kb.textOf(file) ?? '';
  assertSound(results, texts);
  return results;
}

function findingsOf(results: ReadonlyMap<string, readonly Finding[]>, root: string, name: string): readonly Finding[] {
  return results.get(toKbPath(path.join(root, name))) ?? [];
}

/** Whether the real location of `file` (symbolic links resolved) is inside `root`. */
async function resolvesInside(file: string, root: string): Promise<boolean> {
  const real = await fs.realpath(file).catch(() => undefined);
  if (real === undefined) return true;
  const relative = path.relative(root, real);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

describe('files on disk', () => {
  it('binary and invalid UTF-8 files named *.md are reported as unreadable; the other files are checked', async () => {
    const root = await temporaryFolder();
    const broken: Record<string, Uint8Array> = {
      'png.md': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      'latin1.md': Uint8Array.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]),
      'overlong.md': Uint8Array.from([0x23, 0x20, 0xc0, 0xaf, 0x0a]),
      'surrogate.md': Uint8Array.from([0x23, 0x20, 0xed, 0xa0, 0x80, 0x0a]),
      'truncated.md': Uint8Array.from([0x23, 0x20, 0xe2, 0x82]),
      'utf16.md': Uint8Array.from([0xff, 0xfe, 0x23, 0x00, 0x20, 0x00, 0x41, 0x00]),
      'nul.md': new TextEncoder().encode(`${FRONT_MATTER}\n# Title\n\nA NUL \u0000 byte.\n`),
    };
    await writeFiles(root, { 'kb.config.json': '{}', ...broken, 'good.md': `${FRONT_MATTER}\n# Good\n\n[missing](missing.md)\n` });
    const fileSystem = new NodeFileSystem();
    for (const name of Object.keys(broken)) assert.equal(await fileSystem.readText(toKbPath(path.join(root, name))), BINARY_FILE, name);
    // kb-lint reads with blocking calls: the same verdicts.
    for (const name of Object.keys(broken)) assert.equal(await new NodeFileSystem({ blocking: true }).readText(toKbPath(path.join(root, name))), BINARY_FILE, name);

    const results = await checkKb(root, fileSystem);
    for (const name of Object.keys(broken)) {
      assert.deepEqual(findingsOf(results, root, name).map((finding) => finding.ruleId), ['file-unreadable'], name);
    }
    assert.ok(findingsOf(results, root, 'good.md').some((finding) => finding.ruleId === 'link-target'));
  });

  it('an empty file, a file of front matter only, CRLF and a BOM on disk are checked', async () => {
    const root = await temporaryFolder();
    await writeFiles(root, {
      'kb.config.json': '{}',
      'empty.md': '',
      'front-matter-only.md': FRONT_MATTER,
      'crlf.md': `${FRONT_MATTER}\n# Title\n\n[missing](missing.md)\n`.replace(/\n/g, '\r\n'),
      'bom.md': `\uFEFF${FRONT_MATTER}\n# Title\n\n[missing](missing.md)\n`,
    });
    const results = await checkKb(root);
    assert.ok(findingsOf(results, root, 'empty.md').some((finding) => finding.ruleId === 'frontmatter-invalid'));
    assert.ok(findingsOf(results, root, 'front-matter-only.md').some((finding) => finding.ruleId === 'heading-single-h1'));
    for (const name of ['crlf.md', 'bom.md']) {
      const link = findingsOf(results, root, name).find((finding) => finding.ruleId === 'link-target');
      assert.deepEqual(link?.range, { start: { line: 11, character: 10 }, end: { line: 11, character: 20 } }, name);
    }
  });

  it('never reads through symbolic links that leave the KB, and survives link loops', async (t) => {
    const outside = await temporaryFolder();
    const root = await temporaryFolder();
    await writeFiles(outside, { 'secret.md': `${FRONT_MATTER}\n# ${SECRET}\n`, 'kb.config.json': `{"articles": ["${SECRET}"]}` });
    await writeFiles(root, {
      'articles/a.md': `${FRONT_MATTER}\n# Links\n\n[file](escape.md) [folder](escape-folder/secret.md) [loop](loop-a.md) [self](self/a.md) [up](../../secret.md)\n`,
    });
    try {
      await fs.symlink(path.join(outside, 'secret.md'), path.join(root, 'articles', 'escape.md'));
      await fs.symlink(outside, path.join(root, 'articles', 'escape-folder'));
      await fs.symlink(path.join(outside, 'kb.config.json'), path.join(root, 'kb.config.json'));
      await fs.symlink('loop-b.md', path.join(root, 'articles', 'loop-a.md'));
      await fs.symlink('loop-a.md', path.join(root, 'articles', 'loop-b.md'));
      await fs.symlink('..', path.join(root, 'articles', 'self'));
    } catch (error) {
      t.skip(`symbolic links cannot be created here (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    const recording = new RecordingFileSystem(new NodeFileSystem());
    const results = await checkKb(root, recording);

    const escaped = [];
    for (const file of recording.read) if (!(await resolvesInside(file, root))) escaped.push(file);
    assert.deepEqual(escaped, [], 'files read through a link that leaves the KB');
    for (const findings of results.values()) assert.ok(findings.every((finding) => !finding.message.includes(SECRET)));
    assert.deepEqual([...results.keys()].map((file) => path.relative(root, file)), ['articles/a.md'], 'only the real file is checked; the links out and the loops are skipped');
    const text = await fs.readFile(path.join(root, 'articles', 'a.md'), 'utf8');
    const lines = text.split('\n');
    const linkFindings = findingsOf(results, root, 'articles/a.md')
      .filter((finding) => finding.ruleId.startsWith('link-'))
      .map((finding) => `${finding.ruleId} ${lines[finding.range.start.line]?.slice(finding.range.start.character, finding.range.end.character)}`);
    assert.deepEqual(linkFindings.sort(), [
      'link-outside-kb ../../secret.md',
      'link-outside-kb escape-folder/secret.md',
      'link-outside-kb escape.md',
      'link-target loop-a.md',
      'link-target self/a.md',
    ], 'a link through a symbolic link out of the KB leaves the KB; through a loop, it finds no file');
  });

  it('a symbolic link out of the KB created while the editor runs is not read', async (t) => {
    const outside = await temporaryFolder();
    const root = await temporaryFolder();
    await writeFiles(outside, { 'secret.md': `${FRONT_MATTER}\n# ${SECRET}\n` });
    await writeFiles(root, { 'kb.config.json': '{}', 'articles/a.md': `${FRONT_MATTER}\n# A\n` });
    const recording = new RecordingFileSystem(new NodeFileSystem());
    const workspace = new KbWorkspace(new Engine({ fs: recording, today: () => FIXTURE_TODAY }), recording);
    const [kb] = await workspace.addFolder(toKbPath(root));
    const created = path.join(root, 'articles', 'created.md');
    try {
      await fs.symlink(path.join(outside, 'secret.md'), created);
    } catch (error) {
      t.skip(`symbolic links cannot be created here (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    await workspace.fileChanged(toKbPath(created), 'created');
    assert.equal(kb?.textOf(toKbPath(created)), undefined, 'the linked file is not in the KB');
    assert.deepEqual(recording.read.filter((file) => file.includes('created')), [], 'the linked file is not read');
  });

  it('a file deleted, a file renamed and a folder removed while the KB is indexed: no crash, the rest is checked', async () => {
    const root = await temporaryFolder();
    await writeFiles(root, {
      'kb.config.json': '{}',
      'articles/stays.md': `${FRONT_MATTER}\n# Stays\n\n[gone](gone.md)\n`,
      'articles/gone.md': `${FRONT_MATTER}\n# Gone\n`,
      'articles/renamed.md': `${FRONT_MATTER}\n# Renamed\n`,
      'glossary/term.md': '---\nterm: Term\n---\n\nA term.\n',
    });
    const node = new NodeFileSystem();
    const racing: KbFileSystem = {
      listFiles: async (listRoot, skip) => {
        const listed = await node.listFiles(listRoot, skip);
        await fs.rm(path.join(root, 'articles', 'gone.md'));
        await fs.rename(path.join(root, 'articles', 'renamed.md'), path.join(root, 'articles', 'renamed-now.md'));
        await fs.rm(path.join(root, 'glossary'), { recursive: true });
        return listed;
      },
      readText: (file) => node.readText(file),
      entryKind: (file) => node.entryKind(file),
    };
    const results = await checkKb(root, racing);
    assert.ok(findingsOf(results, root, 'articles/stays.md').length > 0);
    for (const name of ['articles/gone.md', 'articles/renamed.md', 'glossary/term.md']) {
      assert.ok(findingsOf(results, root, name).every((finding) => finding.ruleId === 'file-unreadable'), name);
    }
  });

  it('a KB folder that is removed opens empty, and kb-lint says the folder is missing', async () => {
    const root = await temporaryFolder();
    await writeFiles(root, { 'kb.config.json': '{}', 'a.md': `${FRONT_MATTER}\n# A\n` });
    await fs.rm(root, { recursive: true });
    assert.equal((await checkKb(root)).size, 0);
    const run = await runCli('in-process', os.tmpdir(), [root]);
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /kb-lint: /);
    assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
  });

  it('unreadable files are reported, not fatal (permission denied, or a read that fails)', async () => {
    const root = await temporaryFolder();
    await writeFiles(root, { 'kb.config.json': '{}', 'locked.md': `${FRONT_MATTER}\n# Locked\n`, 'open.md': `${FRONT_MATTER}\n# Open\n\n[missing](missing.md)\n` });
    const locked = path.join(root, 'locked.md');
    await fs.chmod(locked, 0o000);
    const node = new NodeFileSystem();
    // A superuser reads files whatever their mode: then the same path is taken by a read that fails, as a denied one does.
    const denied = await fs.readFile(locked).then(() => false, () => true);
    const fileSystem: KbFileSystem = denied ? node : { listFiles: (listRoot, skip) => node.listFiles(listRoot, skip), readText: async (file) => (file.endsWith('/locked.md') ? undefined : node.readText(file)), entryKind: (file) => node.entryKind(file) };
    if (!denied) assert.equal(await node.readText(toKbPath(root)), undefined, 'a read error (here: reading a folder) must give undefined, not throw');

    const results = await checkKb(root, fileSystem);
    assert.deepEqual(findingsOf(results, root, 'locked.md').map((finding) => finding.ruleId), ['file-unreadable']);
    assert.match(findingsOf(results, root, 'locked.md')[0]?.message ?? '', /could not be read/);
    assert.ok(findingsOf(results, root, 'open.md').some((finding) => finding.ruleId === 'link-target'));
  });

  it('a hostile kb.config.json on disk is reported by kb-lint, which still checks with the defaults', async () => {
    const root = await temporaryFolder();
    await writeFiles(root, {
      'kb.config.json': '{ "articles": 5, "exclude": ["*a*a*a*a*a*a*a*a*a*b"], "rules": { "link-target": "loud" }, "unknown": { "__proto__": { "x": 1 } } }',
      'articles/a.md': `${FRONT_MATTER}\n# A\n\n[missing](missing.md)\n`,
    });
    const run = await runCli('in-process', root, ['--format', 'json']);
    assert.equal(run.exitCode, 1, run.stderr);
    const reported = JSON.parse(run.stdout) as Array<{ rule?: string; ruleId?: string }> | { findings?: Array<{ rule?: string; ruleId?: string }> };
    const text = JSON.stringify(reported);
    assert.match(text, /config-invalid/);
    assert.match(text, /link-target/);
  });
});

describe('a 50 MB article', () => {
  it('is reported as too large by kb-lint, which finishes and checks the other files', async () => {
    const root = await temporaryFolder();
    const paragraph = 'The Lync MAPI COM Server prompt appears when Outlook is closed and [a link](other.md) is followed.\n\n';
    await writeFiles(root, { 'kb.config.json': '{}', 'articles/small.md': `${FRONT_MATTER}\n# Small\n\n[missing](missing.md)\n` });
    const handle = await fs.open(path.join(root, 'articles', 'huge.md'), 'w');
    try {
      await handle.write(`${FRONT_MATTER}\n# Huge\n\n`);
      const chunk = paragraph.repeat(Math.ceil((1 << 20) / paragraph.length));
      for (let written = 0; written < 50 * (1 << 20); written += chunk.length) await handle.write(chunk);
    } finally {
      await handle.close();
    }
    const run = await runCli('in-process', root, ['--format', 'json']);
    assert.equal(run.exitCode, 1, run.stderr);
    const text = run.stdout;
    assert.match(text, /huge\.md/);
    assert.match(text, /longer than 2 MB/);
    assert.match(text, /small\.md[^]*link-target|link-target[^]*small\.md/);
  });
});

describe('a parser that runs out of stack', () => {
  it('leaves that one file unchecked, reported, and the process alive', async () => {
    // Nesting within the limits still exhausts a small stack: the engine must then report the file, not throw.
    const script = `
      import { Engine, InMemoryFileSystem } from ${JSON.stringify(pathToFileURL(path.join(REPOSITORY_ROOT, 'out', 'server', 'src', 'core', 'index.js')).href)};
      const fs = new InMemoryFileSystem({
        '/kb/deep.md': '# Deep\\n\\n' + '> '.repeat(99) + 'x\\n',
        '/kb/fine.md': '# Fine\\n\\n[missing](missing.md)\\n',
      });
      const engine = new Engine({ fs, today: () => new Date() });
      const results = engine.checkAll(await engine.openKb('/kb'));
      process.stdout.write(JSON.stringify([...results].map(([file, findings]) => [file, findings.map((finding) => finding.ruleId)])));
    `;
    // How small a stack still loads the modules depends on the Node version: try a few sizes, from small to default.
    const runs: Array<Map<string, string[]>> = [];
    for (const kilobytes of [72, 80, 96, 128, 256, 984]) {
      const output = await new Promise<string | undefined>((resolve) => {
        execFile(process.execPath, [`--stack-size=${kilobytes}`, '--input-type=module', '--eval', script], { encoding: 'utf8' }, (error, stdout) => resolve(error === null ? stdout : undefined));
      });
      if (output !== undefined) runs.push(new Map(JSON.parse(output) as Array<[string, string[]]>));
    }
    assert.ok(runs.length > 0, 'the script never ran');
    for (const results of runs) assert.ok(results.get('/kb/fine.md')?.includes('link-target'), 'the other file is checked');
    assert.ok(runs.some((results) => results.get('/kb/deep.md')?.join() === 'file-unreadable'), 'no stack was small enough to exhaust: the test proves nothing');
  });
});
