import type { Worker } from 'node:worker_threads';
import type { FileContent, KbFileSystem } from '../core/index.js';
import { gatedFileSystem, PARSE_TIME_BUDGET_MS, ParseGate } from './parse-gate.js';

/** How a session's texts are timed: how to start a parse worker, and the budget the client asked for. */
export interface TextAdmissionOptions {
  /** Starts a parse worker thread; without one, texts reach the engine untimed (an in-process host may do without). */
  readonly startWorker?: () => Worker;
  /**
   * The `parseTimeBudgetMs` initialization option: for tests only, to make a
   * file run past the budget without a huge text. It can only lower the
   * budget, never raise it.
   */
  readonly requestedBudgetMs?: unknown;
  readonly log: (message: string) => void;
}

/**
 * The door every text passes on its way into the session's KBs: texts read
 * from disk and editor buffers alike are timed by a {@link ParseGate} before
 * the engine sees them. A buffer's events wait for its own text to be timed,
 * in the order they came, without holding up the events and requests of
 * other documents.
 */
export class TextAdmission {
  private readonly gate: ParseGate | undefined;
  /** Per document, the events received and not yet applied, chained in order. */
  private readonly documentEvents = new Map<string, Promise<unknown>>();

  constructor(options: TextAdmissionOptions) {
    const requested = options.requestedBudgetMs;
    const budgetMs = typeof requested === 'number' && Number.isFinite(requested) && requested >= 1 ? Math.min(Math.floor(requested), PARSE_TIME_BUDGET_MS) : PARSE_TIME_BUDGET_MS;
    const { startWorker, log } = options;
    this.gate = startWorker === undefined ? undefined : new ParseGate({
      startWorker,
      budgetMs,
      onOverBudget: (path) => log(`kb-language-server: parsing ${path} took longer than ${budgetMs} ms; it is reported as not checked until its text changes.`),
      onUnavailable: (error) => log(`kb-language-server: cannot start the parse worker (${error instanceof Error ? error.message : String(error)}); texts are parsed without a time budget.`),
    });
    this.gate?.warmUp();
  }

  /** `fs`, with every text it reads timed before the engine parses it, but those of the bundled KB (below `bundledRoot`). */
  fileSystem(fs: KbFileSystem, bundledRoot: string | undefined): KbFileSystem {
    return this.gate === undefined ? fs : gatedFileSystem(fs, this.gate, bundledRoot);
  }

  /**
   * Applies an event of the document at `path` once `content` (its new text,
   * or `undefined` for an event without one) is timed, after the document's
   * earlier events.
   */
  forDocument(path: string, content: FileContent, apply: (admitted: FileContent) => Promise<unknown>): void {
    // Timing starts at once; applying waits for the document's earlier events.
    const admitted = this.gate === undefined ? Promise.resolve(content) : this.gate.admit(path, content, true);
    const previous = this.documentEvents.get(path) ?? Promise.resolve();
    const applied = previous.then(() => admitted).then(apply);
    this.documentEvents.set(path, applied);
    void applied.finally(() => {
      if (this.documentEvents.get(path) === applied) this.documentEvents.delete(path);
    });
  }

  /** Resolves once the events of the document at `path` received so far are applied. */
  documentSettled(path: string): Promise<unknown> {
    return this.documentEvents.get(path) ?? Promise.resolve();
  }

  /** Resolves once the events of every document received so far are applied. */
  allSettled(): Promise<unknown> {
    return Promise.all(this.documentEvents.values());
  }

  dispose(): void {
    this.gate?.dispose();
  }
}
