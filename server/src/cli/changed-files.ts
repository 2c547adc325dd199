import * as path from 'node:path';
import { CliError } from './cli-error.js';
import { safeGit } from './git.js';

/**
 * The files changed since `ref`, as absolute native paths under the real
 * (symbolic links resolved) repository root: committed changes since the
 * merge base (`git diff <ref>...HEAD`), uncommitted changes, and untracked
 * files that are not ignored. Deleted and renamed-away files are included,
 * since links to them break. Git runs nothing the repository configures
 * (`git.ts`). Throws a {@link CliError} outside a git
 * repository, for an unknown ref, or when git cannot run.
 */
export async function changedFilesSince(ref: string, cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<string[]> {
  if (ref.startsWith('-')) throw new CliError(`--changed-since: "${ref}" is not a git ref.`);
  const git = await safeGit(cwd, env);
  const topLevel = await git(['rev-parse', '--show-toplevel'], cwd);
  if (topLevel.code !== 0) throw new CliError(`--changed-since needs a git repository, and ${cwd} is not inside one.`);
  const root = topLevel.stdout.trim();
  const verified = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  if (verified.code !== 0) throw new CliError(`--changed-since: unknown git ref "${ref}" (in a shallow clone, fetch it first, e.g. with fetch-depth: 0).`);
  const lists = await Promise.all([
    git(['diff', '--name-only', '--no-renames', '-z', `${ref}...HEAD`, '--'], root),
    git(['diff', '--name-only', '--no-renames', '-z', 'HEAD', '--'], root),
    git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z'], root),
  ]);
  const failed = lists.find((list) => list.code !== 0);
  if (failed !== undefined) throw new CliError(`--changed-since: git failed: ${firstLine(failed.stderr)}`);
  const names = new Set(lists.flatMap((list) => list.stdout.split('\0').filter((name) => name !== '')));
  return [...names].sort().map((name) => path.join(root, name));
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
