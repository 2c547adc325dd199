import { execFile } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliError } from './cli-error.js';

/**
 * Every git command `kb-lint` runs goes through this module. A repository
 * received from someone else may come with its `.git` folder, whose
 * configuration can name commands git runs on its own: `core.fsmonitor`,
 * hooks (`post-index-change` when the index is refreshed), clean and process
 * filters (`filter.<driver>.*`, run when a changed-looking file is compared),
 * external diff drivers and textconv. Each is switched off here with git's
 * documented means, so reading which files changed runs nothing the
 * repository supplies:
 *
 * - `core.fsmonitor=false` and `core.hooksPath` set to the null device;
 * - every filter driver the configuration defines gets empty `clean`,
 *   `smudge` and `process` commands and `required=false`;
 * - `diff` runs with `--no-ext-diff --no-textconv`, and nothing uses a pager;
 * - `GIT_OPTIONAL_LOCKS=0`, so git does not write the index behind our back.
 *
 * The settings are passed as `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_<n>`/
 * `GIT_CONFIG_VALUE_<n>` (git 2.31 and later), which take precedence over
 * every configuration file and, unlike `-c`, keep a driver name containing
 * `=` intact. The git program is looked up in the absolute folders of
 * `PATH` only: never in the working folder, where a repository could place
 * a `git.exe` of its own. Git's own protection against repositories of other users
 * (`safe.directory`) is left as it is.
 */

/** The output and exit code of one git command. */
export interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/** The oldest git that reads configuration from the environment (`GIT_CONFIG_COUNT`). */
const MINIMUM_GIT: readonly [number, number] = [2, 31];

/** Filter driver settings that name a command, or make a missing command an error. */
const FILTER_COMMANDS: ReadonlyArray<readonly [string, string]> = [['clean', ''], ['smudge', ''], ['process', ''], ['required', 'false']];

/** Runs one git command in a folder of the repository. */
export type Git = (args: readonly string[], cwd: string) => Promise<GitResult>;

/**
 * A way to run git in the repository seen from `cwd` with
 * repository-supplied commands switched off (see the module comment); `diff`
 * gets `--no-ext-diff --no-textconv`. Each command resolves to its result
 * whatever its exit code. Throws a {@link CliError} when git cannot run or is
 * too old to be run safely.
 */
export async function safeGit(cwd: string, env: Environment): Promise<Git> {
  const program = await findGit(env);
  const execGit = (args: readonly string[], at: string, environment: Environment): Promise<GitResult> => exec(program, args, at, environment);
  const version = await execGit(['version'], cwd, env);
  if (version.code !== 0 || !isAtLeast(version.stdout, MINIMUM_GIT)) {
    throw new CliError(`--changed-since needs git ${MINIMUM_GIT.join('.')} or later (found: ${version.stdout.trim() || 'none'}).`);
  }
  const settings: Array<readonly [string, string]> = [['core.fsmonitor', 'false'], ['core.hooksPath', os.devNull]];
  for (const driver of await filterDrivers(execGit, cwd, env)) settings.push(...FILTER_COMMANDS.map(([key, value]) => [`filter.${driver}.${key}`, value] as const));
  const safeEnv = { ...env, ...configEnvironment(env, settings) };
  return (args, at) => {
    const [command, ...rest] = args;
    const safeArgs = command === 'diff' ? [command, '--no-ext-diff', '--no-textconv', ...rest] : [...args];
    return execGit(['--no-pager', ...safeArgs], at, safeEnv);
  };
}

/**
 * The names of the filter drivers the configuration seen from `cwd` defines
 * (`filter.<name>.<key>`). Reading configuration runs nothing.
 */
async function filterDrivers(execGit: (args: readonly string[], at: string, environment: Environment) => Promise<GitResult>, cwd: string, env: Environment): Promise<string[]> {
  const listed = await execGit(['config', '--null', '--name-only', '--get-regexp', '^filter\\.'], cwd, env);
  const names = listed.stdout.split('\0').filter((name) => name !== '');
  return [...new Set(names.flatMap((name) => {
    const lastDot = name.lastIndexOf('.');
    return lastDot > 'filter.'.length ? [name.slice('filter.'.length, lastDot)] : [];
  }))];
}

/** `settings` as `GIT_CONFIG_COUNT` variables, after those the user's environment already sets (later ones win). */
function configEnvironment(env: Environment, settings: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const result: Record<string, string> = { GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };
  const existing = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10);
  const offset = Number.isSafeInteger(existing) && existing > 0 ? existing : 0;
  settings.forEach(([key, value], index) => {
    result[`GIT_CONFIG_KEY_${offset + index}`] = key;
    result[`GIT_CONFIG_VALUE_${offset + index}`] = value;
  });
  result.GIT_CONFIG_COUNT = String(offset + settings.length);
  return result;
}

function isAtLeast(versionOutput: string, minimum: readonly [number, number]): boolean {
  const match = /(\d+)\.(\d+)/.exec(versionOutput);
  if (match === null) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > minimum[0] || (major === minimum[0] && minor >= minimum[1]);
}

/** The git program in the first absolute folder of `PATH` that holds one (with a `PATHEXT` extension on Windows). */
async function findGit(env: Environment): Promise<string> {
  const windows = process.platform === 'win32';
  const extensions = windows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter((extension) => extension !== '') : [''];
  const folders = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((folder) => path.isAbsolute(folder));
  for (const folder of folders) {
    for (const extension of extensions) {
      const candidate = path.join(folder, `git${extension.toLowerCase()}`);
      const stat = await fs.stat(candidate).catch(() => undefined);
      if (stat?.isFile() === true && (windows || await fs.access(candidate, constants.X_OK).then(() => true, () => false))) return candidate;
    }
  }
  throw new CliError('--changed-since needs git, which was not found in any absolute folder of PATH.');
}

function exec(program: string, args: readonly string[], cwd: string, env: Environment): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(program, [...args], { cwd, env: { ...env }, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        reject(new CliError(`--changed-since needs git, which could not run: ${error.message}`));
        return;
      }
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}
