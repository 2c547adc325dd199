import { execFile, spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { childrenCpuMs } from './bench-cpu.js';

/** What one measured program took in one run. */
interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

/** The medians of a program's runs, and the article changed for the pull request. */
export interface PullRequestBench {
  readonly changedArticle: string;
  readonly pullRequest: { readonly walls: number[]; readonly cpus: number[] };
  readonly rumdl: { readonly walls: number[]; readonly cpus: number[] };
  readonly rumdlCommand: string;
}

const execFileAsync = promisify(execFile);

/**
 * A pull-request check against the full cold run of the fastest Markdown
 * linter: a throwaway git repository of the corpus gets one commit that
 * changes one article (a new paragraph and a new section, so its text and
 * anchors change), then, taking turns `times` times, a fresh `kb-lint
 * --changed-since HEAD~1 .` (no cache) and `rumdl check . --no-cache` run in
 * it. The article is the middle one of the sorted articles, neither a hub
 * nor an orphan by construction.
 */
export async function benchPullRequest(repositoryRoot: string, corpus: string, articles: readonly string[], times: number): Promise<PullRequestBench> {
  const folder = await fs.mkdtemp(path.join(tmpdir(), 'kb-bench-pull-request-'));
  try {
    await fs.cp(corpus, folder, { recursive: true });
    const git = async (...args: string[]): Promise<void> => {
      await execFileAsync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'core.hooksPath=/dev/null', ...args], { cwd: folder, maxBuffer: 64 * 1024 * 1024 });
    };
    await git('init', '--quiet');
    await git('add', '--all');
    await git('commit', '--quiet', '--no-verify', '-m', 'Base');
    const sorted = [...articles].sort();
    const article = sorted[Math.floor(sorted.length / 2)] ?? '';
    const changed = path.join(folder, path.relative(corpus, article));
    await fs.appendFile(changed, '\n## A section added by the pull request\n\nA paragraph added by the pull request.\n');
    await git('commit', '--quiet', '--no-verify', '--all', '-m', 'Change one article');

    const rumdl = rumdlCommand(repositoryRoot);
    const kbLint = [process.execPath, path.join(repositoryRoot, 'bin', 'kb-lint.js'), '--changed-since', 'HEAD~1', '--format', 'json', '.'];
    const result: PullRequestBench = { changedArticle: path.relative(folder, changed), pullRequest: { walls: [], cpus: [] }, rumdl: { walls: [], cpus: [] }, rumdlCommand: rumdl.join(' ') };
    for (let run = 0; run < times; run++) {
      const ours = await timeProcess(kbLint, folder);
      result.pullRequest.walls.push(ours.wall);
      result.pullRequest.cpus.push(ours.cpu);
      const theirs = await timeProcess([...rumdl, 'check', '.', '--no-cache'], folder);
      result.rumdl.walls.push(theirs.wall);
      result.rumdl.cpus.push(theirs.cpu);
    }
    return result;
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

/** rumdl's native binary for this platform (its npm package ships it), or its Node wrapper where the binary is elsewhere. */
function rumdlCommand(repositoryRoot: string): string[] {
  const binary = path.join(repositoryRoot, 'node_modules', '@rumdl', `cli-${process.platform}-${process.arch}`, process.platform === 'win32' ? 'rumdl.exe' : 'rumdl');
  if (existsSync(binary)) return [binary];
  const wrapper = path.join(repositoryRoot, 'node_modules', 'rumdl', 'bin', 'rumdl');
  // A missing reference tool would be measured as a tool that does nothing in no time.
  if (!existsSync(wrapper)) throw new Error('rumdl is not installed (it is a development dependency: run npm ci).');
  return [process.execPath, wrapper];
}

/** Wall and CPU time (user + system, with its children) of one run of `command` in `cwd`, its output discarded. */
async function timeProcess(command: readonly string[], cwd: string): Promise<Sample> {
  const [program, ...args] = command;
  if (program === undefined) throw new Error('No command to measure.');
  const cpuBefore = await childrenCpuMs();
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(program, args, { cwd, stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', reject);
    // 0: no problems, 1: problems found (both linters); anything else means the run did not happen as measured.
    child.on('exit', (code, signal) => (code === 0 || code === 1 ? resolve() : reject(new Error(`${path.basename(program)} ${args.join(' ')} failed (${signal ?? `exit code ${code}`}).`))));
  });
  const wall = performance.now() - start;
  return { wall, cpu: (await childrenCpuMs()) - cpuBefore };
}
