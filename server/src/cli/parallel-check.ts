import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { Finding, KnowledgeBase } from '../core/index.js';
import type { CheckWorkerMessage, CheckWorkerRequest } from './check-worker.js';

/** Below this many files a second process costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 300;

/**
 * How many worker processes to use for `fileCount` files: none for small
 * KBs or one core, else one fewer than the cores (this process checks a
 * share too). `KB_LINT_WORKERS` overrides it (0 turns workers off).
 *
 * Processes, not threads: measured here, two worker threads were slower
 * than one (a single parse already keeps more than one core busy with the
 * compiler and the garbage collector), while two processes were faster.
 */
export function workerCount(fileCount: number, env: Readonly<Record<string, string | undefined>>): number {
  const forced = env.KB_LINT_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  if (fileCount < MIN_FILES_FOR_WORKERS) return 0;
  return Math.min(availableParallelism() - 1, 3);
}

/** Options of {@link checkInParallel}. */
export interface ParallelCheckOptions {
  readonly workers: number;
  readonly bundledRoot: string | undefined;
  readonly today: Date;
  /** Called with the number of files checked so far, across processes. */
  readonly onProgress: (done: number) => void;
  /** Checks one file in this process. */
  readonly checkHere: (path: string) => readonly Finding[];
}

/**
 * Checks `paths` of `kb` with `options.workers` child processes plus this
 * one, each taking an equal share by text size. Resolves to every finding
 * (unsorted). A worker that fails makes the whole check fail, so no file is
 * silently left out.
 */
export async function checkInParallel(kb: KnowledgeBase, paths: readonly string[], options: ParallelCheckOptions): Promise<Finding[]> {
  const shares = shareBySize(kb, paths, options.workers + 1);
  const progress = new Array<number>(shares.length).fill(0);
  const report = (): void => options.onProgress(progress.reduce((sum, done) => sum + done, 0));
  const remote = shares.slice(1).map((share, index) => runWorker(
    { root: kb.root, bundledRoot: options.bundledRoot, today: options.today.toISOString(), paths: share },
    (done) => {
      progress[index + 1] = done;
      report();
    },
  ));
  const local: Finding[] = [];
  for (const path of shares[0] ?? []) {
    local.push(...options.checkHere(path));
    progress[0] = (progress[0] ?? 0) + 1;
    report();
  }
  return [...local, ...(await Promise.all(remote)).flat()];
}

/** Deals the files out largest first, each to the share with the least text so far. */
function shareBySize(kb: KnowledgeBase, paths: readonly string[], count: number): string[][] {
  const shares = Array.from({ length: count }, () => ({ size: 0, paths: [] as string[] }));
  const sized = paths.map((path) => ({ path, size: kb.textOf(path)?.length ?? 0 })).sort((a, b) => b.size - a.size);
  for (const { path, size } of sized) {
    const smallest = shares.reduce((best, share) => (share.size < best.size ? share : best));
    smallest.paths.push(path);
    smallest.size += size;
  }
  // Keep each share in path order so the files a share parses sit close together on disk.
  return shares.map((share) => share.paths.sort());
}

function runWorker(request: CheckWorkerRequest, onProgress: (done: number) => void): Promise<readonly Finding[]> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./check-worker.js', import.meta.url), [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let findings: readonly Finding[] | undefined;
    child.on('message', (message: CheckWorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.done);
      else {
        findings = message.findings;
        onProgress(request.paths.length);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (findings !== undefined) resolve(findings);
      else reject(new Error(`a checking process stopped (exit code ${code}) before it reported its findings`));
    });
    child.send(request);
  });
}
