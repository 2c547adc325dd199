import type { CheckedFile } from './check-scheduler.js';
import type { KbStatus } from './protocol.js';

/** The counts `kb/status` carries: the files checked (where `enabled` says so) and their findings by severity. */
export function countFindings(kbs: number, busy: boolean, results: readonly CheckedFile[], enabled: (path: string) => boolean): KbStatus {
  const counts = { kbs, files: 0, errors: 0, warnings: 0, infos: 0, busy };
  for (const result of results) {
    if (!enabled(result.path)) continue;
    counts.files++;
    for (const finding of result.findings) {
      if (finding.severity === 'error') counts.errors++;
      else if (finding.severity === 'warning') counts.warnings++;
      else counts.infos++;
    }
  }
  return counts;
}

/** One line for the output and the "Validate workspace" message, e.g. `Validated 1 KB: 61 files, 2 errors, 0 warnings, 1 info (840 ms).` */
export function describeCounts(what: string, counts: KbStatus, elapsedMs: number): string {
  if (counts.kbs === 0) return `${what}: no KB in this workspace (a KB is a folder with a kb.config.json file, or the folder kb.configPath is set for).`;
  return `${what} ${plural(counts.kbs, 'KB')}: ${plural(counts.files, 'file')}, ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')} (${Math.round(elapsedMs)} ms).`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 || noun === 'info' ? '' : 's'}`;
}
