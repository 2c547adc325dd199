import type { Finding, KnowledgeBase } from '../core/index.js';
import { applySafeFixes } from './safe-fixes.js';

/** What `--fix` changed in one file. */
export interface FileFix {
  /** Engine path (absolute, forward slashes). */
  readonly path: string;
  readonly original: string;
  readonly fixed: string;
  /** Fixes applied, by rule id. */
  readonly rules: ReadonlyMap<string, number>;
}

/** Passes per file: fixes that overlapped in one pass get another chance, a bounded number of times. */
const MAX_PASSES = 10;

/**
 * Applies the safe fixes of each file in `paths`, in the KB's memory only
 * (the caller writes the files or prints a diff): check, fix the
 * non-overlapping ones, re-check, until nothing more applies. Returns the
 * files whose text changed.
 */
export function fixFiles(kb: KnowledgeBase, paths: readonly string[], check: (path: string) => readonly Finding[]): FileFix[] {
  const fixes: FileFix[] = [];
  for (const path of paths) {
    const original = kb.textOf(path);
    if (original === undefined) continue;
    let text = original;
    const rules = new Map<string, number>();
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const { text: fixed, applied } = applySafeFixes(path, text, check(path));
      if (applied.length === 0 || fixed === text) break;
      for (const finding of applied) rules.set(finding.ruleId, (rules.get(finding.ruleId) ?? 0) + 1);
      text = fixed;
      kb.setText(path, text);
    }
    if (text !== original) fixes.push({ path, original, fixed: text, rules });
  }
  return fixes;
}
