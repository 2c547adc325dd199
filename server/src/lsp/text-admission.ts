import type { Worker } from 'node:worker_threads';
import type { FileContent, KbFileSystem } from '../core/index.js';
import type { MarkdownFile } from '../core/markdown/parse-markdown.js';
import { reparsedLength } from '../core/markdown/reparse-markdown.js';
import { PARSE_TIME_BUDGET_MS, PARSE_TIME_PER_KILOBYTE_MS, ParseGate } from './parse-gate.js';
import { TimedReads } from './timed-reads.js';

/**
 * Most characters the engine's re-parse of an edit may hand the parsers for
 * the edit to reach the engine without the parse worker (the engine's own
 * count, `reparsedLength`: the Markdown spans it parses and the front matter
 * it reads again). Why this is safe, from `bench/markdown-shapes.md`: with
 * the engine's parse limits, nothing was found slower than about twice
 * ordinary prose per byte, and 2 KB of prose parses in a few milliseconds
 * (tens of milliseconds on a loaded machine); without the limits, the worst
 * shape found, setext headings, is cubic and took 2.6 s for 4 KB on a loaded
 * machine, so 2 KB of it would take about a third of a second there, a
 * sixth of the budget. Finding the count parses at most this much, and the
 * engine's re-parse of the text takes what it parsed.
 * An ordinary keystroke's re-parse is a paragraph or a short list: a few
 * hundred characters.
 */
export const UNTIMED_REPARSE_MAX_LENGTH = 2048;

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
  /**
   * The engine's parse of the document's text it holds now (the text of the
   * document's last applied event), from which it re-parses the next text;
   * `undefined` when it has none. An edit the engine re-parses from it within
   * {@link UNTIMED_REPARSE_MAX_LENGTH} characters is not timed.
   */
  readonly editBase?: (path: string) => MarkdownFile | undefined;
  readonly log: (message: string) => void;
}

/**
 * The door every text passes on its way into the session's KBs: texts read
 * from disk and editor buffers alike are timed by a {@link ParseGate} before
 * the engine sees them, but for an edit whose re-parse the engine bounds
 * (see {@link UNTIMED_REPARSE_MAX_LENGTH}). A buffer's events wait for its
 * own text to be admitted, in the order they came, without holding up the
 * events and requests of other documents.
 */
export class TextAdmission {
  private readonly gate: ParseGate | undefined;
  private readonly editBase: ((path: string) => MarkdownFile | undefined) | undefined;
  /** Per document, the events received and not yet applied, chained in order. */
  private readonly documentEvents = new Map<string, Promise<unknown>>();

  constructor(options: TextAdmissionOptions) {
    const requested = options.requestedBudgetMs;
    const lowered = typeof requested === 'number' && Number.isFinite(requested) && requested >= 1;
    // A budget a test asks for is the budget of every text, whatever its length.
    const budgetMs = lowered ? Math.min(Math.floor(requested), PARSE_TIME_BUDGET_MS) : PARSE_TIME_BUDGET_MS;
    const { startWorker, log } = options;
    this.editBase = options.editBase;
    this.gate = startWorker === undefined ? undefined : new ParseGate({
      startWorker,
      budgetMs,
      perKilobyteMs: lowered ? 0 : PARSE_TIME_PER_KILOBYTE_MS,
      onOverBudget: (path, spentMs) => log(`kb-language-server: parsing ${path} took longer than ${spentMs} ms; it is reported as not checked until its text changes.`),
      onUnavailable: (error) => log(`kb-language-server: cannot start the parse worker (${error instanceof Error ? error.message : String(error)}); texts are parsed without a time budget.`),
    });
    this.gate?.warmUp();
  }

  /**
   * `fs`, with every text it reads timed before the engine parses it, but
   * those of the bundled KB (below `bundledRoot`): {@link TimedReads}; `fs`
   * itself when there is no parse worker.
   */
  fileSystem(fs: KbFileSystem, bundledRoot: string | undefined): KbFileSystem | TimedReads {
    return this.gate === undefined ? fs : new TimedReads(fs, this.gate, bundledRoot);
  }

  /**
   * Applies an event of the document at `path` once `content` (its new text,
   * or `undefined` for an event without one) is admitted, after the
   * document's earlier events.
   */
  forDocument(path: string, content: FileContent, apply: (admitted: FileContent) => Promise<unknown>): void {
    const previous = this.documentEvents.get(path);
    // An edit is judged against the text the document's earlier events leave in the engine, so once they are applied.
    const admitted = previous === undefined ? this.admitEdit(path, content) : previous.then(() => this.admitEdit(path, content));
    const applied = admitted.then(apply);
    this.documentEvents.set(path, applied);
    void applied.finally(() => {
      if (this.documentEvents.get(path) === applied) this.documentEvents.delete(path);
    });
  }

  /**
   * `content` as it may reach the engine: at once when the engine re-parses
   * it from its parse of the document's current text within
   * {@link UNTIMED_REPARSE_MAX_LENGTH} characters, else once the gate has
   * timed it. The worker does not see such an edit; it parses the next text
   * it is sent from the last one it saw, which is right, only slower.
   */
  private admitEdit(path: string, content: FileContent): Promise<FileContent> {
    if (this.gate === undefined) return Promise.resolve(content);
    const base = typeof content === 'string' ? this.editBase?.(path) : undefined;
    if (base !== undefined && typeof content === 'string' && reparsedLength(base, content, UNTIMED_REPARSE_MAX_LENGTH) !== undefined) return Promise.resolve(content);
    return this.gate.admit(path, content, true);
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
