import { createHash } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { FileContent, OverTimeBudget } from '../core/index.js';
import { type ParseAnswer, type ParseRequest, parseKindOf } from './parse-worker.js';

/**
 * How long parsing a text of up to 100 KB may take before the language
 * server gives up on it (ms); longer texts get {@link PARSE_TIME_PER_KILOBYTE_MS}
 * per 1,024 characters (see {@link parseTimeBudgetMs}). A text the parse
 * worker finished within its budget is parsed again on the main thread, so
 * the budget is also about the longest a parse there can hold up other
 * requests: ordinary articles take a few to a few hundred milliseconds.
 */
export const PARSE_TIME_BUDGET_MS = 2000;

/**
 * How much the budget grows per 1,024 characters of text beyond 100 KB (ms).
 * Parsing ordinary prose costs time in proportion to its length (a 600 KB
 * article took 2.1 s on an idle two-core machine, about 3.5 ms per KB, and
 * two to three times that on a busy one), so a fixed budget would turn away
 * long but ordinary articles; the slow inputs this guards against grow much
 * faster than their length (bench/markdown-shapes.md: cubic, 2.6 s for 4 KB
 * without the engine's limits), so a budget in proportion to the length
 * still stops them.
 */
export const PARSE_TIME_PER_KILOBYTE_MS = 20;

/** The budget of a text of `length` characters: `baseMs`, or {@link PARSE_TIME_PER_KILOBYTE_MS} per KB when that is more. */
export function parseTimeBudgetMs(length: number, baseMs = PARSE_TIME_BUDGET_MS, perKilobyteMs = PARSE_TIME_PER_KILOBYTE_MS): number {
  return Math.max(baseMs, Math.ceil(length / 1024) * perKilobyteMs);
}

/**
 * How long a worker may take to load and warm up (ms). It is never charged
 * to a text, but a worker that never gets ready must not hold up every
 * text: past this, texts go through untimed.
 */
const WORKER_START_DEADLINE_MS = 60_000;

/** What the gate needs from its host. */
export interface ParseGateOptions {
  /** Starts a parse worker thread (one running `runParseWorker`). */
  readonly startWorker: () => Worker;
  /** The budget of any text, and what it grows to per 1,024 characters when that is more (see {@link parseTimeBudgetMs}; default 0: a fixed budget). */
  readonly budgetMs: number;
  readonly perKilobyteMs?: number;
  /** Told of each text whose parse was stopped at the budget. */
  readonly onOverBudget?: (path: string, budgetMs: number) => void;
  /** Told when no worker can be started: texts are then let through untimed. */
  readonly onUnavailable?: (error: unknown) => void;
}

interface Job {
  readonly id: number;
  readonly path: string;
  readonly text: string;
  readonly digest: string;
  readonly budgetMs: number;
  readonly edited: boolean;
  /** Timed before the jobs that are not: an editor's buffer, or a text something waits for. */
  urgent: boolean;
  readonly resolve: (content: FileContent) => void;
}

interface RunningWorker {
  readonly worker: Worker;
  ready: boolean;
}

/**
 * Times the parse of every new text before the engine sees it. The parser is
 * synchronous and cannot be cut into slices, so each text is first parsed in
 * a worker thread under a deadline; a worker that runs past it is terminated
 * (the only way to stop a synchronous parse) and replaced, and the text is
 * handed on as {@link OverTimeBudget}, which the engine reports as
 * `file-unreadable` without parsing it. The verdict is kept per file and
 * text, so a text is timed once: it is tried again only when it changes.
 */
export class ParseGate {
  private readonly verdicts = new Map<string, { readonly digest: string; readonly overBudgetMs: number | undefined }>();
  private readonly jobs: Job[] = [];
  /** Texts waiting or being parsed, by path and digest: the same text sent twice is timed once. */
  private readonly inFlight = new Map<string, Promise<FileContent>>();
  private running: RunningWorker | undefined;
  private current: { readonly job: Job; readonly deadline: ReturnType<typeof setTimeout> } | undefined;
  private nextId = 1;
  private unavailable = false;
  private disposed = false;

  constructor(private readonly options: ParseGateOptions) {}

  /**
   * `content` once its parse finished within the budget, or
   * {@link OverTimeBudget} when it did not; other content as it is. With
   * `edited` (a buffer's text), the worker parses it from the document's last
   * text, as the engine parses an edit.
   */
  admit(path: string, content: FileContent, edited = false): Promise<FileContent> {
    return Promise.resolve(this.time(path, content, edited));
  }

  /**
   * Like {@link admit}, but the verdict comes at once, not as a promise, when
   * it is known without timing: content that needs none (not a text, not a
   * kind of file the engine parses, no worker), or a text of `path` timed
   * before.
   */
  time(path: string, content: FileContent, edited = false): FileContent | Promise<FileContent> {
    if (typeof content !== 'string' || parseKindOf(path) === undefined || this.unavailable || this.disposed) return content;
    const digest = createHash('sha256').update(content).digest('base64');
    const known = this.verdicts.get(path);
    if (known?.digest === digest) return known.overBudgetMs === undefined ? content : { overTimeBudgetMs: known.overBudgetMs };
    const key = `${path}\n${digest}`;
    const waiting = this.inFlight.get(key);
    if (waiting !== undefined) {
      if (edited) this.prioritize(path);
      return waiting;
    }
    const verdict = new Promise<FileContent>((resolve) => {
      // An editor's buffer is timed before texts read from disk: someone is looking at it.
      this.jobs.push({ id: this.nextId++, path, text: content, digest, budgetMs: parseTimeBudgetMs(content.length, this.options.budgetMs, this.options.perKilobyteMs ?? 0), edited, urgent: edited, resolve });
      this.pump();
    });
    this.inFlight.set(key, verdict);
    void verdict.then(() => this.inFlight.delete(key));
    return verdict;
  }

  /** Times the texts of `path` waiting to be timed before the others. */
  prioritize(path: string): void {
    for (const job of this.jobs) if (job.path === path) job.urgent = true;
  }

  /** Starts the worker ahead of the first text, so that reading a KB does not wait for it to load. */
  warmUp(): void {
    if (this.running === undefined && !this.unavailable && !this.disposed) this.startWorker();
  }

  /** Ends the worker; texts still waiting are let through untimed (the session is ending). */
  dispose(): void {
    this.disposed = true;
    this.stopWorker();
    for (const job of this.jobs.splice(0)) job.resolve(job.text);
  }

  /** Sends the next text to a ready worker, starting one when there is none. */
  private pump(): void {
    if (this.current !== undefined || this.jobs.length === 0 || this.disposed) return;
    if (this.unavailable) {
      for (const job of this.jobs.splice(0)) job.resolve(job.text);
      return;
    }
    const running = this.running ?? this.startWorker();
    if (running === undefined || !running.ready) return;
    const urgent = this.jobs.findIndex((waiting) => waiting.urgent);
    const job = this.jobs.splice(Math.max(urgent, 0), 1)[0]!;
    // The clock starts when the text is sent to a warmed-up worker: its start-up is never charged to a text.
    const deadline = setTimeout(() => this.overrun(job), job.budgetMs);
    this.current = { job, deadline };
    running.worker.postMessage({ id: job.id, path: job.path, text: job.text, edited: job.edited } satisfies ParseRequest);
  }

  private startWorker(): RunningWorker | undefined {
    let worker: Worker;
    try {
      worker = this.options.startWorker();
    } catch (error) {
      this.giveUp(error);
      return undefined;
    }
    const running: RunningWorker = { worker, ready: false };
    this.running = running;
    const startDeadline = setTimeout(() => {
      if (this.running === running && !running.ready) this.giveUp(new Error(`the worker was not ready after ${WORKER_START_DEADLINE_MS / 1000} s`));
    }, WORKER_START_DEADLINE_MS);
    // A worker that is starting must not keep a process that is otherwise done alive.
    startDeadline.unref();
    worker.on('message', (answer: ParseAnswer) => {
      if ('ready' in answer) {
        clearTimeout(startDeadline);
        running.ready = true;
        this.pump();
      } else if (this.current?.job.id === answer.done) {
        this.settle(false);
      }
    });
    worker.on('error', (error) => {
      if (this.running !== running) return;
      // A worker that dies before it is ready cannot time anything: stop trying rather than restart it forever.
      if (!running.ready) this.giveUp(error);
    });
    worker.on('exit', () => {
      clearTimeout(startDeadline);
      if (this.running !== running) return;
      this.running = undefined;
      // Out of memory (its heap is limited) or crashed on this text: the text cannot be parsed within bounds.
      if (this.current !== undefined) this.settle(true);
      else this.pump();
    });
    return running;
  }

  private overrun(job: Job): void {
    if (this.current?.job !== job) return;
    this.stopWorker();
    this.settle(true);
  }

  /** Records the verdict on the text being parsed, answers its caller and moves on to the next text. */
  private settle(overBudget: boolean): void {
    const current = this.current;
    if (current === undefined) return;
    clearTimeout(current.deadline);
    this.current = undefined;
    const { job } = current;
    this.verdicts.set(job.path, { digest: job.digest, overBudgetMs: overBudget ? job.budgetMs : undefined });
    if (overBudget) this.options.onOverBudget?.(job.path, job.budgetMs);
    job.resolve(overBudget ? ({ overTimeBudgetMs: job.budgetMs } satisfies OverTimeBudget) : job.text);
    this.pump();
  }

  private stopWorker(): void {
    const running = this.running;
    this.running = undefined;
    if (running !== undefined) void running.worker.terminate();
  }

  private giveUp(error: unknown): void {
    this.unavailable = true;
    this.stopWorker();
    if (this.current !== undefined) {
      clearTimeout(this.current.deadline);
      this.current.job.resolve(this.current.job.text);
      this.current = undefined;
    }
    this.options.onUnavailable?.(error);
    this.pump();
  }
}
