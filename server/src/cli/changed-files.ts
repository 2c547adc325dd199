import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { CliError } from './cli-error.js';

interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The files changed since `ref`, as absolute native paths under the real
 * (symbolic links resolved) repository root: committed changes since the
 * merge base (`git diff <ref>...HEAD`), uncommitted changes, and untracked
 * files that are not ignored. Deleted and renamed-away files are included,
 * since links to them break. Throws a {@link CliError} outside a git
 * repository, for an unknown ref, or when git cannot run.
 */
export async function changedFilesSince(ref: string, cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<string[]> {
  if (ref.startsWith('-')) throw new CliError(`--changed-since: "${ref}" is not a git ref.`);
  const topLevel = await git(['rev-parse', '--show-toplevel'], cwd, env);
  if (topLevel.code !== 0) throw new CliError(`--changed-since needs a git repository, and ${cwd} is not inside one.`);
  const root = topLevel.stdout.trim();
  const verified = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root, env);
  if (verified.code !== 0) throw new CliError(`--changed-since: unknown git ref "${ref}" (in a shallow clone, fetch it first, e.g. with fetch-depth: 0).`);
  const lists = await Promise.all([
    git(['diff', '--name-only', '--no-renames', '-z', `${ref}...HEAD`, '--'], root, env),
    git(['diff', '--name-only', '--no-renames', '-z', 'HEAD', '--'], root, env),
    git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z'], root, env),
  ]);
  const failed = lists.find((list) => list.code !== 0);
  if (failed !== undefined) throw new CliError(`--changed-since: git failed: ${firstLine(failed.stderr)}`);
  const names = new Set(lists.flatMap((list) => list.stdout.split('\0').filter((name) => name !== '')));
  return [...names].sort().map((name) => path.join(root, name));
}

function git(args: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, env: { ...env }, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        reject(new CliError(`--changed-since needs git, which could not run: ${error.message}`));
        return;
      }
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
