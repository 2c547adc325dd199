import type { KnowledgeBase } from '../core/index.js';
import { limitHeapGrowth } from '../node/heap-growth.js';

/**
 * Characters of text (all KBs of a run together) above which `kb-lint`
 * bounds the heap's growth: three times the 10.7 MB corpus of
 * `npm run bench`.
 */
export const LARGE_KB_CHARACTERS = 32_000_000;

/** Whether `kbs` together hold more than `limit` characters of text. */
export function isLargeKb(kbs: readonly KnowledgeBase[], limit = LARGE_KB_CHARACTERS): boolean {
  let characters = 0;
  for (const kb of kbs) {
    for (const path of kb.allPaths()) {
      characters += kb.textOf(path)?.length ?? 0;
      if (characters > limit) return true;
    }
  }
  return false;
}

/**
 * Calls {@link limitHeapGrowth} when `kbs` are large (see {@link isLargeKb}).
 * Below the limit, V8's own heap growth is faster (measured on the corpus:
 * 10% less wall time with a worker process) and the heap stays a few hundred
 * megabytes; above, V8 lets the heap grow to about four times the live data
 * (1.26 GB peak RSS on 19,584 articles, against 0.63 GB bounded).
 */
export function boundHeapForLargeKbs(kbs: readonly KnowledgeBase[]): void {
  if (isLargeKb(kbs)) limitHeapGrowth();
}
