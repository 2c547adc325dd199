import { type ChangeLevel, type Engine, type Finding, type KnowledgeBase } from '../core/index.js';
import type { KbChange, KbWorkspace } from './kb-workspace.js';

/** The latest findings of one file. */
export interface CheckedFile {
  readonly path: string;
  readonly kb: KnowledgeBase;
  readonly findings: readonly Finding[];
  /** Changes whenever the findings change: the pull model's `resultId`. */
  readonly resultId: string;
}

/** What one batch of checks changed. */
export interface CheckBatch {
  /** Files checked whose findings differ from before (or that were never checked). */
  readonly changed: readonly CheckedFile[];
  /** Files no longer checked (deleted, excluded, their KB gone): their findings must be cleared. */
  readonly removed: readonly string[];
}

interface Entry extends CheckedFile {
  /** What other files may read of this one besides its text (its anchors and id): see `DependencyGraph.outlineOf`. */
  readonly outline: string;
}

interface Pending {
  /** Not before this time (ms since epoch): the debounce of a buffer being typed in. */
  readonly due: number;
  /**
   * When the files depending on this one must be checked again: `always` (the
   * file was created or deleted), `changed` (its text changed: those reading
   * its text, and those reading its outline when the outline differs from its
   * last check), `never` (a full pass checks them anyway).
   */
  readonly propagate: 'always' | 'changed' | 'never';
}

/** How long one batch may run before yielding to other requests (hovers, completion). */
const SLICE_MS = 15;

/**
 * Keeps the findings of every file of every KB up to date, checking in the
 * background in short slices so requests are never blocked for long. Open
 * buffers go first and are debounced while typed in; a file whose anchors or
 * existence changed makes the files that link to it be checked again.
 */
export class CheckScheduler {
  private readonly results = new Map<string, Entry>();
  private readonly pending = new Map<string, Pending>();
  /** Files of KBs still being loaded, not open: checked once their KB is loaded (it schedules the whole KB then). */
  private readonly deferred = new Set<string>();
  private readonly removedPaths = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private nextResultId = 1;
  private disposed = false;
  private totalForProgress = 0;

  constructor(
    private readonly engine: Engine,
    private readonly workspace: KbWorkspace,
    private readonly onBatch: (batch: CheckBatch) => void,
    private readonly onProgress: (done: number, total: number) => void = () => undefined,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** The latest findings of `path`, or `undefined` when it was never checked or is not checked at all. */
  result(path: string): CheckedFile | undefined {
    return this.results.get(path);
  }

  /** Every file's latest findings. */
  allResults(): CheckedFile[] {
    return [...this.results.values()];
  }

  /** Whether checks are waiting or running. */
  get busy(): boolean {
    return this.pending.size > 0 || this.running || this.deferred.size > 0 || this.workspace.all().some((kb) => this.workspace.loading.has(kb));
  }

  /** Schedules the files a change touched; `delayMs` debounces a buffer being typed in. */
  schedule(change: KbChange, delayMs = 0): void {
    if (change.paths === 'all') {
      this.scheduleKb(change.kb, delayMs);
      return;
    }
    const due = Date.now() + delayMs;
    const propagate = change.existence ? 'always' : 'changed';
    for (const path of change.paths) {
      const earlier = this.pending.get(path);
      this.pending.set(path, { due, propagate: earlier?.propagate === 'always' ? 'always' : propagate });
    }
    this.kick();
  }

  /** Schedules every file of `kb` (at start, and when its config or glossary changed; debounced while typed in). */
  scheduleKb(kb: KnowledgeBase, delayMs = 0): void {
    const due = Date.now() + delayMs;
    const paths = new Set(kb.checkedPaths().filter((path) => this.workspace.kbFor(path) === kb));
    for (const [path, entry] of this.results) {
      if (entry.kb.root === kb.root && !paths.has(path)) this.pending.set(path, { due, propagate: 'never' });
    }
    for (const path of paths) {
      this.deferred.delete(path);
      const earlier = this.pending.get(path);
      this.pending.set(path, { due: Math.max(due, earlier?.due ?? 0), propagate: earlier?.propagate ?? 'never' });
    }
    this.totalForProgress = Math.max(this.totalForProgress, this.pending.size);
    this.kick();
  }

  /** Forgets a KB that is gone: its files' findings are reported as removed. */
  forgetKb(kb: KnowledgeBase): void {
    for (const [path, entry] of this.results) {
      if (entry.kb === kb || entry.kb.root === kb.root) {
        this.results.delete(path);
        this.removedPaths.add(path);
      }
    }
    // Files waiting for a KB to load are looked at again: they may belong to no KB now, or to one that is loaded.
    for (const path of this.deferred) this.pending.set(path, { due: Date.now(), propagate: 'never' });
    this.deferred.clear();
    this.kick();
  }

  /** Gives `path` a new result id without checking it, so a pull client that dropped it gets it again in full. */
  touch(path: string): void {
    const entry = this.results.get(path);
    if (entry !== undefined) this.results.set(path, { ...entry, resultId: String(this.nextResultId++) });
  }

  /** Resolves once nothing is pending for `path` (or the scheduler is idle, when `path` is omitted). */
  async settled(path?: string): Promise<void> {
    // Checks run synchronously, so a path is settled as soon as it is no longer pending.
    const done = (): boolean => (path === undefined ? !this.busy : !this.pending.has(path) && !this.deferred.has(path));
    while (!done() && !this.disposed) {
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  /** Stops all work; pending waiters are released. */
  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.release();
  }

  private kick(): void {
    if (this.running || this.disposed) return;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.size === 0 && this.removedPaths.size === 0) return;
    const now = Date.now();
    let earliest = Infinity;
    for (const { due } of this.pending.values()) earliest = Math.min(earliest, due);
    if (earliest > now && this.removedPaths.size === 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.kick();
      }, earliest - now);
      return;
    }
    this.running = true;
    setImmediate(() => this.runSlice());
  }

  private runSlice(): void {
    if (this.disposed) return;
    let batch: CheckBatch | undefined;
    try {
      batch = this.checkSlice();
    } catch (error) {
      // The engine never throws on input; should a bug slip through, the server must keep serving.
      this.onError(error);
    }
    this.running = false;
    if (batch !== undefined) this.onBatch(batch);
    this.release();
    this.kick();
  }

  /** Checks due files for a few milliseconds; returns what changed, or `undefined` when there is nothing to tell. */
  private checkSlice(): CheckBatch | undefined {
    const started = Date.now();
    const changed: CheckedFile[] = [];
    const removed = [...this.removedPaths];
    this.removedPaths.clear();
    for (;;) {
      const next = this.nextDue(Date.now());
      if (next === undefined) break;
      const [path, pending] = next;
      this.pending.delete(path);
      const kb = this.workspace.kbFor(path);
      if (kb !== undefined && this.workspace.loading.has(kb) && !this.workspace.isOpen(path)) {
        this.deferred.add(path);
        continue;
      }
      const outcome = this.checkOne(path, pending.propagate);
      if (outcome === 'removed') removed.push(path);
      else if (outcome !== undefined) changed.push(outcome);
      if (Date.now() - started >= SLICE_MS) break;
    }
    const left = this.pending.size + this.deferred.size;
    if (left === 0) {
      this.onProgress(this.totalForProgress, this.totalForProgress);
      this.totalForProgress = 0;
    } else if (this.totalForProgress > 0) {
      this.onProgress(Math.max(0, this.totalForProgress - left), this.totalForProgress);
    }
    // An empty batch still reports going idle, so "busy" ends even when the last checks changed nothing.
    return changed.length > 0 || removed.length > 0 || this.pending.size === 0 ? { changed, removed } : undefined;
  }

  /** The pending path to check next: open buffers first, then the rest in path order. */
  private nextDue(now: number): [string, Pending] | undefined {
    // Open buffers are few: looking them up keeps each pick from scanning every pending file.
    for (const path of this.workspace.openPaths()) {
      const pending = this.pending.get(path);
      if (pending !== undefined && pending.due <= now) return [path, pending];
    }
    for (const item of this.pending) {
      if (item[1].due <= now) return item;
    }
    return undefined;
  }

  /** Checks one file; returns its new result when it changed, `'removed'` when it is no longer checked. */
  private checkOne(path: string, propagate: Pending['propagate']): CheckedFile | 'removed' | undefined {
    const previous = this.results.get(path);
    const kb = this.workspace.kbFor(path);
    const checked = kb !== undefined && kb.kindOf(path) !== undefined && kb.exists(path);
    const outline = checked ? kb.dependencies.outlineOf(path) : '';
    const outlineChanged = previous !== undefined && (previous.outline !== outline || !checked);
    // While a KB loads, its other files are checked once it is loaded: finding the dependents would only index the KB early.
    if (kb !== undefined && propagate !== 'never' && !this.workspace.loading.has(kb)) this.scheduleDependents(kb, path, propagate === 'always' ? 'existence' : outlineChanged ? 'outline' : 'text');
    if (!checked) {
      if (previous === undefined) return undefined;
      this.results.delete(path);
      return 'removed';
    }
    const findings = this.engine.check(kb, path);
    // Keep syntax trees only for the files being edited: the rest of the KB needs just their headings and links.
    if (!this.workspace.isOpen(path)) kb.releaseSyntaxTree(path);
    // Compared as JSON when needed rather than kept as JSON: a KB's worth of serialized findings is megabytes.
    if (previous !== undefined && previous.kb === kb && JSON.stringify(previous.findings) === JSON.stringify(findings)) {
      if (previous.outline !== outline) this.results.set(path, { ...previous, outline });
      return undefined;
    }
    const entry: Entry = { path, kb, findings, resultId: String(this.nextResultId++), outline };
    this.results.set(path, entry);
    return entry;
  }

  /** Schedules the files of `kb` whose findings the change to `path` may change, as the KB's dependency graph says. */
  private scheduleDependents(kb: KnowledgeBase, path: string, level: ChangeLevel): void {
    const dependents = kb.dependencies.dependentsOf({ path, kind: kb.kindOf(path), level });
    if (dependents === 'all') {
      this.scheduleKb(kb);
      return;
    }
    const now = Date.now();
    for (const dependent of dependents) {
      if (!this.pending.has(dependent) && this.workspace.kbFor(dependent) === kb) this.pending.set(dependent, { due: now, propagate: 'never' });
    }
  }

  private release(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const resolve of waiters) resolve();
  }
}
