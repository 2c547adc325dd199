/**
 * A map of results that holds at most `capacity` entries, forgetting the one
 * used least recently when full. Rules keep the results of pure work on a
 * piece of text (a sentence, a stretch of prose) here, keyed by that text, so
 * that checking an edited file again redoes only the pieces the edit changed.
 */
export class BoundedMemo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The value kept for `key`, computing and keeping it with `compute` when there is none. */
  get(key: K, compute: () => V): V {
    const entries = this.entries;
    if (entries.has(key)) {
      const value = entries.get(key) as V;
      // A Map iterates in insertion order: moving the entry to the end makes the first one the least recently used.
      entries.delete(key);
      entries.set(key, value);
      return value;
    }
    const value = compute();
    if (entries.size >= this.capacity) entries.delete(entries.keys().next().value as K);
    entries.set(key, value);
    return value;
  }

  /** How many entries are kept. */
  get size(): number {
    return this.entries.size;
  }
}

/**
 * One {@link BoundedMemo} per `owner` (the knowledge or matcher the results
 * were computed with): results computed with other knowledge are never
 * reused, and go when their owner goes.
 */
export class MemoPerOwner<O extends object, K, V> {
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
