import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../server/src/cli/main.js';

/** The repository root (the compiled tests run from out/test/cli/). */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Fixture files of the CLI tests. */
export const CLI_FIXTURES = path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'cli');

const BIN = path.join(REPOSITORY_ROOT, 'bin', 'kb-lint.js');
const BUNDLED_KB = path.join(REPOSITORY_ROOT, 'kb');

/** What one run of the CLI produced. */
export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How a run is made: `main()` in this process, or the built `bin` in a child process. */
export type RunMode = 'in-process' | 'subprocess';

/** A stream double that keeps what is written, optionally claiming to be a terminal. */
export class CapturedStream {
  text = '';

  constructor(readonly isTTY = false) {}

  write(text: string): boolean {
    this.text += text;
    return true;
  }
}

/**
 * An environment without the caller's CI variables (a `GITHUB_STEP_SUMMARY`
 * from a real runner must not leak into a test), plus `extra`.
 */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'SYSTEMROOT', 'TMPDIR', 'TEMP', 'TMP']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/** Runs the CLI with `args` in `cwd`, the way `mode` says. */
export async function runCli(mode: RunMode, cwd: string, args: readonly string[], env: Record<string, string> = cleanEnv(), today?: () => Date): Promise<CliRun> {
  if (mode === 'in-process') {
    const stdout = new CapturedStream();
    const stderr = new CapturedStream();
    const exitCode = await main({ argv: args, cwd, stdout, stderr, env, bundledRoot: BUNDLED_KB, ...(today === undefined ? {} : { today }) });
    return { exitCode, stdout: stdout.text, stderr: stderr.text };
  }
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else resolve({ exitCode: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

/** A fresh temporary folder holding a copy of the fixture KB `name` (or empty without one). */
export async function copyFixture(name: string | undefined): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-lint-test-'));
  if (name !== undefined) await fs.cp(path.join(CLI_FIXTURES, 'kbs', name), folder, { recursive: true });
  return folder;
}

/** Runs `git` in `cwd` with a fixed identity, failing the test when git fails. */
export function git(cwd: string, ...args: string[]): Promise<string> {
  const identity = ['-c', 'user.name=KB Test', '-c', 'user.email=kb-test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];
  return new Promise((resolve, reject) => {
    execFile('git', [...identity, ...args], { cwd, env: cleanEnv({ GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull }), encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(new Error(`git ${args.join(' ')} failed: ${stderr}`));
    });
  });
}

/** Replaces the temporary folder's path (as given and as resolved) by `<cwd>`, so output compares across runs. */
export async function normalizePaths(text: string, folder: string): Promise<string> {
  const real = await fs.realpath(folder);
  return [real, folder].reduce((result, variant) => result.split(variant).join('<cwd>'), text);
}
