import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { cleanEnv, copyFixture, REPOSITORY_ROOT } from './cli-harness.js';

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

interface Run {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

function node(args: readonly string[], cwd: string, env: Record<string, string> = cleanEnv()): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else resolve({ exitCode: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

/** A stand-in for the CLI's code that says which copy ran. */
const stubModule = (name: string): string => `export function turnOffPretenuring() {}\nexport async function main(environment) {\n  environment.stdout.write('${name}\\n');\n  return 0;\n}\n`;

/** A stand-in for the language server's code that says which copy ran, with which parse worker. */
const stubServer = (name: string): string => `export const bundledKbArgument = () => undefined;\nexport function runLanguageServer(options) {\n  process.stdout.write(\`${name} \${options.parseWorkerScript.split(/[\\\\/]/).slice(-2).join('/')}\\n\`);\n}\n`;

/**
 * A tool folder with the real `bin/kb-lint.js`, a compiled module and a
 * bundle that only say which one ran, and the bundle's list of inputs; the
 * bundle is a minute newer than its input.
 */
async function toolFolder(): Promise<{ root: string; input: string; bundle: string; manifest: string }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-lint-bin-'));
  folders.push(root);
  const write = async (relative: string, text: string): Promise<string> => {
    const file = path.join(root, relative);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
    return file;
  };
  await write('package.json', '{ "type": "module" }\n');
  await fs.mkdir(path.join(root, 'bin'));
  for (const bin of ['kb-lint.js', 'kb-language-server.js', 'current-bundle.js']) await fs.copyFile(path.join(REPOSITORY_ROOT, 'bin', bin), path.join(root, 'bin', bin));
  const input = await write('out/server/src/cli/main.js', stubModule('compiled'));
  await write('out/server/src/lsp/main.js', stubServer('compiled'));
  await write('dist/cli/language-server.js', stubServer('bundle'));
  const bundle = await write('dist/cli/main.js', stubModule('bundle'));
  const manifest = await write('dist/cli/inputs.json', '{ "inputs": ["out/server/src/cli/main.js"] }\n');
  const now = Date.now() / 1000;
  await fs.utimes(input, now - 120, now - 120);
  await fs.utimes(bundle, now - 60, now - 60);
  return { root, input, bundle, manifest };
}

const runBin = (root: string): Promise<Run> => node([path.join(root, 'bin', 'kb-lint.js')], root);

describe('bin/kb-lint.js, bin/kb-language-server.js and the bundle', () => {
  it('runs the bundle when no file it was built from changed since', async () => {
    const { root } = await toolFolder();
    assert.deepEqual(await runBin(root), { exitCode: 0, stdout: 'bundle\n', stderr: '' });
  });

  it('runs the compiled modules when a file the bundle was built from is newer than it', async () => {
    const { root, input } = await toolFolder();
    const now = Date.now() / 1000;
    await fs.utimes(input, now, now);
    assert.deepEqual(await runBin(root), { exitCode: 0, stdout: 'compiled\n', stderr: '' });
  });

  it('runs the compiled modules when a file the bundle was built from is gone, or its list of inputs is missing or broken', async () => {
    const gone = await toolFolder();
    await fs.writeFile(gone.manifest, '{ "inputs": ["out/server/src/cli/main.js", "out/server/src/cli/removed.js"] }\n');
    assert.equal((await runBin(gone.root)).stdout, 'compiled\n');
    const unlisted = await toolFolder();
    await fs.rm(unlisted.manifest);
    assert.equal((await runBin(unlisted.root)).stdout, 'compiled\n');
    const broken = await toolFolder();
    await fs.writeFile(broken.manifest, '{ "inputs": ');
    assert.equal((await runBin(broken.root)).stdout, 'compiled\n');
  });

  it('starts the language server from the bundle, with its parse worker, or from the compiled modules when the bundle is stale', async () => {
    const { root, input } = await toolFolder();
    const runServer = (): Promise<Run> => node([path.join(root, 'bin', 'kb-language-server.js'), '--stdio'], root);
    assert.deepEqual(await runServer(), { exitCode: 0, stdout: 'bundle cli/parse-worker.js\n', stderr: '' });
    const now = Date.now() / 1000;
    await fs.utimes(input, now, now);
    assert.deepEqual(await runServer(), { exitCode: 0, stdout: 'compiled lsp/parse-worker.js\n', stderr: '' });
  });

  it('says how to build the tool when neither is there', async () => {
    const { root, input, bundle } = await toolFolder();
    await fs.rm(input);
    await fs.rm(bundle);
    const run = await runBin(root);
    assert.equal(run.exitCode, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /not built: run "npm run build"/);
  });
});

describe('the bundle npm run build writes', () => {
  const bundle = path.join(REPOSITORY_ROOT, 'dist', 'cli', 'main.js');
  const compiled = path.join(REPOSITORY_ROOT, 'out', 'server', 'src', 'cli', 'main.js');
  /**
   * Runs `main` of `module` as `bin/kb-lint.js` does, in a process of its own
   * started from a script file (a worker it forks inherits its Node options,
   * so not `--eval`).
   */
  const runModule = async (module: string, cwd: string, args: readonly string[], env: Record<string, string>): Promise<Run> => {
    const script = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'kb-lint-entry-')), 'run.mjs');
    folders.push(path.dirname(script));
    await fs.writeFile(script, `const { main, turnOffPretenuring } = await import(${JSON.stringify(pathToFileURL(module).href)});
turnOffPretenuring();
process.exitCode = await main({ argv: ${JSON.stringify(args)}, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env, bundledRoot: ${JSON.stringify(path.join(REPOSITORY_ROOT, 'kb'))} });
`);
    return node([script], cwd, env);
  };

  it('reports what the compiled modules report, with its version and through a worker process of its own', async () => {
    assert.ok(existsSync(bundle), 'dist/cli/main.js is missing: run `npm run build`');
    const folder = await copyFixture('basic');
    folders.push(folder);
    const version = await runModule(bundle, folder, ['--version'], cleanEnv());
    const manifest = JSON.parse(await fs.readFile(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(version, { exitCode: 0, stdout: `${manifest.version}\n`, stderr: '' });
    // One worker even for a small KB: the bundle forks the bundled check worker (dist/cli/check-worker.js).
    const env = cleanEnv({ KB_LINT_WORKERS: '1' });
    const fromBundle = await runModule(bundle, folder, ['--format', 'json'], env);
    const fromCompiled = await runModule(compiled, folder, ['--format', 'json'], env);
    assert.equal(fromBundle.stderr, '');
    assert.equal(fromBundle.exitCode, fromCompiled.exitCode);
    assert.equal(fromBundle.stdout, fromCompiled.stdout);
    assert.ok((JSON.parse(fromBundle.stdout) as unknown[]).length > 0, 'the fixture KB has findings to compare');
  });

  it('reports on the bundled KB what the compiled modules report: its claims read with the readings made at build, its scenarios against its models', async () => {
    assert.ok(existsSync(bundle), 'dist/cli/main.js is missing: run `npm run build`');
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-lint-bundled-kb-'));
    folders.push(folder);
    await fs.cp(path.join(REPOSITORY_ROOT, 'kb'), folder, { recursive: true });
    // A sentence that names a claim's entities, so domain-claim reads it with the English model in both.
    await fs.appendFile(path.join(folder, 'articles', 'lync-or-outlook-prompts-first.md'), '\nThe Lync MAPI COM Server prompt comes from EWS.\n');
    const args = ['--format', 'json', '.'];
    const fromBundle = await runModule(bundle, folder, args, cleanEnv());
    const fromCompiled = await runModule(compiled, folder, args, cleanEnv());
    assert.equal(fromBundle.stderr, '');
    assert.equal(fromBundle.stdout, fromCompiled.stdout);
    const rules = new Set((JSON.parse(fromBundle.stdout) as Array<{ rule: string }>).map((finding) => finding.rule));
    assert.ok(rules.has('domain-claim'), `the check found the claim (rules: ${[...rules].join(', ')})`);
  });
});
