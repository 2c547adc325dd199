import { toNativePath } from '../node/node-file-system.js';
import { CliError } from './cli-error.js';
import type { OutputStream } from './cli-environment.js';
import { displayPath } from './display-path.js';
import type { FileFix } from './fix-files.js';
import { writeFixedFile } from './write-fixed-file.js';

/**
 * Writes the files `--fix` changed and tells, on `log`, what changed in each
 * (the fixes applied by rule), or that a file was left alone because it
 * changed on disk meanwhile. Throws a {@link CliError} when a file cannot be
 * written.
 */
export async function writeFixes(fixes: readonly FileFix[], cwd: string, log: OutputStream): Promise<void> {
  for (const fix of fixes) {
    const name = displayPath(cwd, fix.path);
    let written: boolean;
    try {
      written = await writeFixedFile(toNativePath(fix.path), fix.original, fix.fixed);
    } catch (error) {
      throw new CliError(`cannot write the fixes of ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (written) log.write(`Fixed ${describeFix(fix)} in ${name}.\n`);
    else log.write(`kb-lint: ${name} changed on disk while it was checked; its fixes were not written.\n`);
  }
}

/** "2 problems (link-anchor, term-spelling ×2)": how many fixes, of which rules. */
export function describeFix(fix: FileFix): string {
  const total = [...fix.rules.values()].reduce((sum, count) => sum + count, 0);
  const rules = [...fix.rules].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, count]) => (count === 1 ? rule : `${rule} ×${count}`));
  return `${total} problem${total === 1 ? '' : 's'} (${rules.join(', ')})`;
}
