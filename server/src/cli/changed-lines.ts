import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { toNativePath } from '../node/node-file-system.js';
import { CliError } from './cli-error.js';
import type { ReportedFinding } from './reported-finding.js';

/** Which lines changed since a ref: by absolute native path (under the real repository root), 1-based line numbers, or `all` for a new file. */
export type ChangedLines = ReadonlyMap<string, ReadonlySet<number> | 'all'>;

interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

type Git = (args: readonly string[], cwd: string) => Promise<GitResult>;

/**
 * The lines added or changed since `ref`, as a pull request shows them
 * (reviewdog's `added` filter): the difference between the merge base of
 * `ref` and HEAD, and the working tree (so uncommitted changes count), with
 * renames followed; every line of a new file that git does not ignore.
 * Deleted lines have no line in the new text and are not counted. Throws a
 * {@link CliError} outside a git repository or for an unknown ref.
 */
export async function changedLinesSince(ref: string, cwd: string, env: Readonly<Record<string, string | undefined>>, option: string): Promise<ChangedLines> {
  const git: Git = (args, folder) => runGit(args, folder, env, option);
  if (ref.startsWith('-')) throw new CliError(`${option}: "${ref}" is not a git ref.`);
  const topLevel = await git(['rev-parse', '--show-toplevel'], cwd);
  if (topLevel.code !== 0) throw new CliError(`${option} needs a git repository, and ${cwd} is not inside one.`);
  const root = topLevel.stdout.trim();
  const base = await git(['merge-base', `${ref}^{commit}`, 'HEAD'], root);
  if (base.code !== 0) throw new CliError(`${option}: unknown git ref "${ref}", or no common history with HEAD (in a shallow clone, fetch it first, e.g. with fetch-depth: 0).`);
  const [diff, untracked] = await Promise.all([
    // Prefixes, colors, external diff drivers and text conversion are set here, whatever the repository's configuration says.
    git(['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '--find-renames', '--unified=0', base.stdout.trim(), '--'], root),
    git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z'], root),
  ]);
  const failed = [diff, untracked].find((result) => result.code !== 0);
  if (failed !== undefined) throw new CliError(`${option}: git failed: ${failed.stderr.trim().split('\n')[0] ?? ''}`);
  const changed = new Map<string, ReadonlySet<number> | 'all'>();
  for (const [file, lines] of addedLines(diff.stdout)) changed.set(path.join(root, file), lines);
  for (const file of untracked.stdout.split('\0').filter((name) => name !== '')) changed.set(path.join(root, file), 'all');
  return changed;
}

/**
 * Whether a finding is on a changed line: whether any line it covers (the
 * last one only when the finding reaches into it) was added or changed.
 * Resolves symbolic links in the findings' paths once, up front, since git
 * names files under the real repository path.
 */
export async function onChangedLines(changed: ChangedLines, findings: readonly ReportedFinding[]): Promise<(finding: ReportedFinding) => boolean> {
  const realPaths = new Map<string, string>();
  for (const file of new Set(findings.map((finding) => finding.path))) {
    const native = toNativePath(file);
    realPaths.set(file, await fs.realpath(native).catch(() => native));
  }
  return (finding) => {
    const lines = changed.get(realPaths.get(finding.path) ?? toNativePath(finding.path));
    if (lines === undefined || lines === 'all') return lines === 'all';
    const last = finding.endLine > finding.line && finding.endColumn === 1 ? finding.endLine - 1 : finding.endLine;
    for (let line = finding.line; line <= last; line++) if (lines.has(line)) return true;
    return false;
  };
}

/**
 * The added lines of a unified diff with no context lines (`--unified=0`),
 * by the new file's path (as git names it, from the repository root).
 * Deleted files have none.
 */
export function addedLines(diff: string): Map<string, Set<number>> {
  const files = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  // A file's header runs from its `diff --git` line to its first hunk; an added line "++ x" reads "+++ x" in a hunk.
  let inHeader = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      inHeader = true;
      current = undefined;
      continue;
    }
    if (inHeader && line.startsWith('+++ ')) {
      const name = line.slice(4).replace(/\t$/, '');
      current = name === '/dev/null' ? undefined : new Set<number>();
      if (current !== undefined) files.set(unquoteGitPath(name).replace(/^b\//, ''), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk === null) continue;
    inHeader = false;
    if (current === undefined) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    for (let number = start; number < start + count; number++) current.add(number);
  }
  return files;
}

const C_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * A path as git prints it in a diff header: as is, or, when it holds
 * unusual characters, in double quotes with C escapes and the bytes of
 * non-ASCII characters in octal (`core.quotePath`).
 */
export function unquoteGitPath(name: string): string {
  if (!(name.startsWith('"') && name.endsWith('"') && name.length >= 2)) return name;
  const bytes: number[] = [];
  const inner = name.slice(1, -1);
  for (let index = 0; index < inner.length; index++) {
    const character = inner[index] ?? '';
    if (character !== '\\') {
      bytes.push(...Buffer.from(character, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(inner.slice(index + 1));
    if (octal !== null) {
      bytes.push(Number.parseInt(octal[0], 8));
      index += 3;
      continue;
    }
    const escaped = inner[index + 1] ?? '';
    bytes.push(C_ESCAPES[escaped] ?? escaped.charCodeAt(0));
    index += 1;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Runs git the way `--changed-since` does: in `cwd`, with the caller's environment, never through a shell. */
function runGit(args: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>>, option: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, env: { ...env }, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        reject(new CliError(`${option} needs git, which could not run: ${error.message}`));
        return;
      }
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}
