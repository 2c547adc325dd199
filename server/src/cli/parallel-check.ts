import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { Finding, KnowledgeBase } from '../core/index.js';
import type { CheckWorkerMessage, CheckWorkerRequest } from './check-worker.js';

/** Below this many files a second process costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 300;

/**
 * Cores that one checking process keeps busy on average: its own thread and
 * V8's compiler and garbage collector threads (`npm run bench` reports it for
 * `kb-lint` in one process on the corpus: 1.3).
 */
const CORES_PER_PROCESS = 1.3;

/** At most this many workers: each holds the KB's texts, so memory grows with every process. */
const MAX_WORKERS = 3;

/**
 * How many worker processes to use for `fileCount` files on `cores` cores:
 * none for small KBs, else as many more processes as the cores can run
 * beside this one (see {@link CORES_PER_PROCESS}), at most three; so none
 * on two cores, one on three, two on four. `KB_LINT_WORKERS` overrides it
 * (0 turns workers off).
 *
 * Processes, not threads: measured here, two worker threads were slower
 * than one, while two processes were faster on two cores. Since the parse
 * costs less, one worker on two cores saves at most a sixth of a cold run
 * of the corpus, and in some runs nothing (its garbage collector's threads
 * and this process's share the two cores), for 7 to 40 % more CPU time; on
 * eight times the corpus it saves a third, but the two processes hold more
 * than 1 GB (each holds the KB's texts). `npm run bench` measures the
 * default and the other choice, and README's "Performance" gives the
 * latest figures.
 */
export function workerCount(fileCount: number, env: Readonly<Record<string, string | undefined>>, cores = availableParallelism()): number {
  const forced = env.KB_LINT_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  if (fileCount < MIN_FILES_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(Math.floor(cores / CORES_PER_PROCESS) - 1, MAX_WORKERS));
}

/** Files a worker is given at a time: enough to keep it busy between messages, few enough to share out the end evenly. */
const BATCH_FILES = 16;

/** Options of {@link checkInParallel}. */
export interface ParallelCheckOptions {
  readonly workers: number;
  readonly bundledRoot: string | undefined;
  readonly today: Date;
  /** Called with the number of files checked so far, across processes. */
  readonly onProgress: (done: number) => void;
  /** Checks one file in this process (and keeps its findings). */
  readonly checkHere: (path: string) => void;
  /** Takes the findings of a batch of files a worker checked (unsorted). */
  readonly onWorkerFindings: (findings: readonly Finding[]) => void;
}

/**
 * Checks `paths` of `kb` with `options.workers` child processes plus this
 * one. The files are dealt out as the processes get through them: this
 * process takes one at a time, each worker a batch, so a process that starts
 * late (a worker opens the KB first) or runs slow (a busy core) simply
 * checks fewer. Rejects when a worker fails, so no file is silently left
 * out.
 */
export async function checkInParallel(kb: KnowledgeBase, paths: readonly string[], options: ParallelCheckOptions): Promise<void> {
  let next = 0;
  let done = 0;
  const take = (count: number): string[] => {
    const batch = paths.slice(next, next + count);
    next += batch.length;
    return batch;
  };
  const checked = (count: number): void => {
    done += count;
    options.onProgress(done);
  };
  let failed = false;
  const workers = Promise.all(Array.from({ length: options.workers }, () => runWorker(
    { kind: 'open', root: kb.root, configPath: kb.configOverride, bundledRoot: options.bundledRoot, today: options.today.toISOString() },
    () => take(BATCH_FILES),
    (findings, count) => {
      options.onWorkerFindings(findings);
      checked(count);
    },
  )));
  workers.catch(() => {
    failed = true;
  });
  while (next < paths.length && !failed) {
    for (const path of take(1)) options.checkHere(path);
    checked(1);
    // Serve the workers (their findings, their requests for more files) between two files of this process.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await workers;
}

/**
 * Runs one worker: opens the KB in it, then gives it a batch from
 * `nextBatch` whenever it has fewer than two to do, until none is left.
 * Resolves once it has checked every batch it was given and exited.
 */
function runWorker(open: CheckWorkerRequest, nextBatch: () => string[], onChecked: (findings: readonly Finding[], count: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./check-worker.js', import.meta.url), [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let outstanding = 0;
    let stopped = false;
    const feed = (): void => {
      // Two batches in hand, so the worker never waits for this process between them.
      while (!stopped && outstanding < 2) {
        const paths = nextBatch();
        if (paths.length === 0) {
          if (outstanding === 0) {
            stopped = true;
            child.send({ kind: 'stop' } satisfies CheckWorkerRequest);
          }
          return;
        }
        outstanding++;
        child.send({ kind: 'check', paths } satisfies CheckWorkerRequest);
      }
    };
    child.on('message', (message: CheckWorkerMessage) => {
      if (message.kind === 'checked') {
        outstanding--;
        onChecked(message.findings, message.count);
      }
      feed();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (stopped && outstanding === 0) resolve();
      else reject(new Error(`a checking process stopped (exit code ${code}) before it reported its findings`));
    });
    child.send(open);
  });
}
