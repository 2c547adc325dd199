import type { KnowledgeBase } from '../core/index.js';
import type { TimedReads } from './timed-reads.js';

/**
 * The KBs whose texts, read when they were opened, are still being timed
 * ({@link TimedReads}). Until the last one is, only a KB's open files are
 * worth checking (their links into files not timed yet are checked without
 * anchors); then the whole KB is checked once.
 */
export class LoadingKbs {
  /** Weak: a KB dropped from the session while loading is forgotten with it. */
  private readonly waiting = new WeakMap<KnowledgeBase, Set<string>>();

  /** Whether texts `kb` read when it was opened are still being timed. */
  has(kb: KnowledgeBase): boolean {
    return this.waiting.has(kb);
  }

  /**
   * Called once `kb` is opened through `reads`: what every check reads
   * (glossary, claims, catalogs...) is timed first and given to the KB before
   * this resolves, so no finding is made with part of it; the KB waits for
   * the rest of its texts.
   */
  async opened(kb: KnowledgeBase, reads: TimedReads): Promise<void> {
    const timing = kb.allPaths().filter((path) => reads.isTiming(path));
    const readByEveryFile = timing.filter((path) => kb.dependencies.isReadByEveryFile(path));
    const texts = await Promise.all(readByEveryFile.map((path) => reads.timeFirst(path)));
    readByEveryFile.forEach((path, index) => kb.setText(path, texts[index]));
    const rest = new Set(timing.filter((path) => !readByEveryFile.includes(path)));
    if (rest.size > 0) this.waiting.set(kb, rest);
  }

  /**
   * The text of `path` in `kb` was timed: `'loading'` when the KB still waits
   * for others, `'loaded'` when this was the last one, `undefined` when the
   * KB was not loading.
   */
  timed(kb: KnowledgeBase, path: string): 'loading' | 'loaded' | undefined {
    const waiting = this.waiting.get(kb);
    if (waiting === undefined) return undefined;
    waiting.delete(path);
    if (waiting.size > 0) return 'loading';
    this.waiting.delete(kb);
    return 'loaded';
  }
}
