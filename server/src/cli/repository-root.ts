import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PUBLISH_CONFIG_FILE_NAME } from '../core/index.js';

/**
 * The root of the repository holding `folder`: the nearest folder at or above
 * it with a `.git` entry (a folder, or a file in worktrees and submodules).
 * Falls back to `folder` itself outside any repository. Code scanning and
 * annotations name files relative to this root.
 */
export async function findRepositoryRoot(folder: string): Promise<string> {
  return (await enclosingGitRoot(folder)) ?? path.resolve(folder);
}

/** The nearest folder at or above `folder` with a `.git` entry, or `undefined`. */
export async function enclosingGitRoot(folder: string): Promise<string | undefined> {
  return nearestAbove(folder, '.git');
}

/**
 * The root of the Microsoft Learn repository holding `folder`: the nearest
 * folder at or above it with `.openpublishing.publish.config.json`, or
 * `undefined` when it is in none.
 */
export async function enclosingLearnRepository(folder: string): Promise<string | undefined> {
  return nearestAbove(folder, PUBLISH_CONFIG_FILE_NAME);
}

async function nearestAbove(folder: string, entry: string): Promise<string | undefined> {
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    if (await fs.stat(path.join(current, entry)).then(() => true, () => false)) return current;
    if (path.dirname(current) === current) return undefined;
  }
}
