import { AWAITING_TIMING, type FileContent, isInside, type KbFileSystem } from '../core/index.js';
import type { ParseGate } from './parse-gate.js';

/**
 * A file system whose texts are timed by a {@link ParseGate} before the
 * engine may parse them, without making the reader wait: a text not timed
 * yet reads as {@link AWAITING_TIMING} (the file exists, nothing is parsed),
 * and its verdict, the text or its over-budget marker, is handed to
 * {@link onTimed} once the gate has one. So opening a large KB takes the
 * time of reading it, not of parsing every file in the worker, and an open
 * document is checked while the rest is still being timed.
 *
 * Texts of the bundled KB (below `exempt`), which no workspace supplies, and
 * texts whose verdict the gate already knows are returned at once.
 */
export class TimedReads implements KbFileSystem {
  /** Per path, the number of its latest read: only the latest read's verdict is handed on. */
  private readonly reads = new Map<string, number>();
  /** Verdicts still to come, by path (latest read only). */
  private readonly timing = new Map<string, Promise<FileContent>>();
  private nextRead = 1;
  private listener: (path: string, content: FileContent) => void = () => undefined;

  constructor(
    private readonly fs: KbFileSystem,
    private readonly gate: ParseGate,
    private readonly exempt: string | undefined,
  ) {}

  listFiles(...args: Parameters<KbFileSystem['listFiles']>): ReturnType<KbFileSystem['listFiles']> {
    return this.fs.listFiles(...args);
  }

  entryKind(path: string): ReturnType<KbFileSystem['entryKind']> {
    return this.fs.entryKind(path);
  }

  async readText(path: string, within?: string): Promise<FileContent> {
    const content = await this.fs.readText(path, within);
    if (this.exempt !== undefined && isInside(path, this.exempt)) return content;
    // Each read makes the verdicts of the earlier reads of the path stale.
    const read = this.nextRead++;
    this.reads.set(path, read);
    const verdict = this.gate.time(path, content);
    if (!(verdict instanceof Promise)) {
      this.timing.delete(path);
      return verdict;
    }
    this.timing.set(path, verdict);
    void verdict.then((timed) => {
      if (this.reads.get(path) !== read) return;
      this.timing.delete(path);
      this.listener(path, timed);
    });
    return AWAITING_TIMING;
  }

  /** Sets who is told of each verdict of a text that was read as {@link AWAITING_TIMING}. */
  onTimed(listener: (path: string, content: FileContent) => void): void {
    this.listener = listener;
  }

  /** Whether the latest read of `path` is still being timed. */
  isTiming(path: string): boolean {
    return this.timing.has(path);
  }

  /**
   * The verdict of the latest read of `path`, timed ahead of the texts
   * waiting before it; `undefined` when it is not being timed.
   */
  timeFirst(path: string): Promise<FileContent> | undefined {
    const verdict = this.timing.get(path);
    if (verdict !== undefined) this.gate.prioritize(path);
    return verdict;
  }
}
