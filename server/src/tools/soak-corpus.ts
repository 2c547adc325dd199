import { type Engine, type KnowledgeBase } from '../core/index.js';

/** What a soak run found. */
export interface SoakReport {
  /** Files checked. */
  readonly files: number;
  /** Findings per rule id. */
  readonly byRule: ReadonlyMap<string, number>;
  /** Files on which the engine threw, with the error: the engine must never throw. */
  readonly crashes: ReadonlyArray<{ readonly path: string; readonly error: string }>;
  /** Findings that say a rule threw (`Rule "x" failed: ...`). */
  readonly ruleFailures: ReadonlyArray<{ readonly path: string; readonly message: string }>;
  readonly milliseconds: number;
}

const RULE_FAILED = /^Rule "[^"]+" failed: /;

/**
 * Runs every rule of `kb` on each of `paths` (default: every file the KB
 * checks), one file at a time, so that a crash on one file is counted and
 * the others still run. Syntax trees are released after each file, so a
 * corpus of thousands of articles fits in memory.
 */
export function soakKb(engine: Engine, kb: KnowledgeBase, paths: readonly string[] = kb.checkedPaths()): SoakReport {
  const started = performance.now();
  const byRule = new Map<string, number>();
  const crashes: Array<{ path: string; error: string }> = [];
  const ruleFailures: Array<{ path: string; message: string }> = [];
  for (const path of paths) {
    try {
      for (const finding of engine.check(kb, path)) {
        byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
        if (RULE_FAILED.test(finding.message)) ruleFailures.push({ path, message: finding.message });
      }
    } catch (error) {
      crashes.push({ path, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
    kb.releaseSyntaxTree(path);
  }
  return { files: paths.length, byRule, crashes, ruleFailures, milliseconds: performance.now() - started };
}

/** The report as text: counts per rule, then every crash and rule failure. */
export function formatSoakReport(report: SoakReport, ruleCount: number): string {
  const lines = [`${report.files} files, ${ruleCount} rules, ${Math.round(report.milliseconds / 1000)} s`];
  for (const [rule, count] of [...report.byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) lines.push(`${String(count).padStart(7)}  ${rule}`);
  lines.push(`${report.crashes.length} crashes, ${report.ruleFailures.length} rule failures`);
  for (const crash of report.crashes) lines.push(`crash: ${crash.path}: ${crash.error}`);
  for (const failure of report.ruleFailures) lines.push(`rule failure: ${failure.path}: ${failure.message}`);
  return `${lines.join('\n')}\n`;
}
