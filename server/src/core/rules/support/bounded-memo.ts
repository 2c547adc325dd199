/**
 * A map of results that holds at most `capacity` entries, forgetting those
 * used least recently. Rules keep the results of pure work on a piece of
 * text (a sentence, a stretch of prose) here, keyed by that text, so that
 * checking an edited file again redoes only the pieces the edit changed.
 *
 * Entries live in two generations of at most half the capacity each: a hit
 * in the older one moves the entry to the newer one, and a full newer
 * generation becomes the older one, dropping the oldest. That forgets
 * roughly the least recently used entries at the cost of one lookup per hit
 * (an exact order would move every hit to the end of one map).
 */
export class BoundedMemo<K, V extends object> {
  private recent = new Map<K, V>();
  private older = new Map<K, V>();
  private readonly generationSize: number;

  constructor(capacity: number) {
    this.generationSize = Math.max(1, Math.floor(capacity / 2));
  }

  /** The value kept for `key`, computing and keeping it with `compute` when there is none. */
  get(key: K, compute: () => V): V {
    const recent = this.recent.get(key);
    if (recent !== undefined) return recent;
    const value = this.older.get(key) ?? compute();
    if (this.recent.size >= this.generationSize) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, value);
    return value;
  }

  /** How many entries are kept (an entry can be counted in both generations until the older one goes). */
  get size(): number {
    return this.recent.size + this.older.size;
  }
}

/**
 * One {@link BoundedMemo} per `owner` (the knowledge or matcher the results
 * were computed with): results computed with other knowledge are never
 * reused, and go when their owner goes.
 */
export class MemoPerOwner<O extends object, K, V extends object> {
  private readonly memos = new WeakMap<O, BoundedMemo<K, V>>();

  constructor(private readonly capacity: number) {}

  /** The memo of `owner`, made empty on first use. */
  of(owner: O): BoundedMemo<K, V> {
    let memo = this.memos.get(owner);
    if (memo === undefined) {
      memo = new BoundedMemo(this.capacity);
      this.memos.set(owner, memo);
    }
    return memo;
  }
}
