import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CliError } from './cli-error.js';
import { writeFileAtomically } from './write-file-atomically.js';

/**
 * Writes a file `kb-lint` produces (an `--output-file`, the cache) at
 * `target`, without writing through a symbolic link a repository may hold:
 * a link at `target` itself is replaced by the file, and a folder on the way
 * that is a link, below `cwd`, makes it refuse with a {@link CliError}.
 * Missing folders are created.
 */
export async function writeOutputFile(target: string, data: string, cwd: string): Promise<void> {
  const folder = path.dirname(path.resolve(cwd, target));
  await refuseLinkedFolders(folder, cwd);
  await fs.mkdir(folder, { recursive: true });
  // A link created between the check and the write is not followed either: mkdir creates real folders, rename replaces links.
  await refuseLinkedFolders(folder, cwd);
  await writeFileAtomically(path.resolve(cwd, target), data, 'replace');
}

/** Throws when a folder from `cwd` (excluded) down to `folder` is a symbolic link. */
async function refuseLinkedFolders(folder: string, cwd: string): Promise<void> {
  const relative = path.relative(cwd, folder);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return;
  let current = cwd;
  for (const part of relative.split(path.sep)) {
    current = path.join(current, part);
    const stat = await fs.lstat(current).catch(() => undefined);
    if (stat === undefined) return;
    if (stat.isSymbolicLink()) throw new CliError(`${path.relative(cwd, current)} is a symbolic link; kb-lint does not write through links in the working folder.`);
  }
}
