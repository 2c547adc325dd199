import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * The root of the repository holding `folder`: the nearest folder at or above
 * it with a `.git` entry (a folder, or a file in worktrees and submodules).
 * Falls back to `folder` itself outside any repository. Code scanning and
 * annotations name files relative to this root.
 */
export async function findRepositoryRoot(folder: string): Promise<string> {
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    if (await fs.stat(path.join(current, '.git')).then(() => true, () => false)) return current;
    if (path.dirname(current) === current) return path.resolve(folder);
  }
}
