import { toNativePath } from '../node/node-file-system.js';
import type { OutputStream } from './cli-environment.js';
import { displayPath } from './display-path.js';
import type { FileFix } from './fix-files.js';
import { removeTemporaryLeftovers } from './write-file-atomically.js';
import { writeFixedFile } from './write-fixed-file.js';

/**
 * Writes the files `--fix` changed and tells, on `log`, what changed in each
 * (the fixes applied by rule), or why a file was left alone: it changed on
 * disk meanwhile, it is read-only, or it cannot be written. A file that fails
 * does not stop the others. First removes the temporary files an interrupted
 * run left among `kbFiles` (those older than `startedAt`). Resolves to the
 * number of files whose fixes could not be written (read-only or failing).
 */
export async function writeFixes(fixes: readonly FileFix[], kbFiles: readonly string[], startedAt: number, cwd: string, log: OutputStream): Promise<number> {
  for (const leftover of await removeTemporaryLeftovers(kbFiles.map(toNativePath), startedAt)) {
    log.write(`kb-lint: removed ${displayPath(cwd, leftover)}, left by an interrupted run.\n`);
  }
  let failed = 0;
  for (const fix of fixes) {
    const name = displayPath(cwd, fix.path);
    try {
      const outcome = await writeFixedFile(toNativePath(fix.path), fix.original, fix.fixed);
      if (outcome === 'written') {
        log.write(`Fixed ${describeFix(fix)} in ${name}.\n`);
        continue;
      }
      if (outcome === 'read-only') {
        failed++;
        log.write(`kb-lint: ${name} is read-only; its fixes were not written.\n`);
      } else {
        // Someone else's edit wins: not a failure of kb-lint.
        log.write(`kb-lint: ${name} changed on disk while it was checked; its fixes were not written.\n`);
      }
    } catch (error) {
      failed++;
      log.write(`kb-lint: cannot write the fixes of ${name}: ${error instanceof Error ? error.message : String(error)}.\n`);
    }
  }
  return failed;
}

/** "2 problems (link-anchor, term-spelling ×2)": how many fixes, of which rules. */
export function describeFix(fix: FileFix): string {
  const total = [...fix.rules.values()].reduce((sum, count) => sum + count, 0);
  const rules = [...fix.rules].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, count]) => (count === 1 ? rule : `${rule} ×${count}`));
  return `${total} problem${total === 1 ? '' : 's'} (${rules.join(', ')})`;
}
