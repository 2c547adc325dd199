import { promises as fs } from 'node:fs';
import { toNativePath } from '../node/node-file-system.js';
import { displayPath } from './display-path.js';
import type { FileFix } from './fix-files.js';
import { unifiedDiff } from './unified-diff.js';
import { hasBom } from './write-fixed-file.js';

/**
 * What `--fix-dry-run` prints: one unified diff for every file `--fix`
 * would change, with paths relative to `cwd`, ready for `git apply`.
 */
export async function fixPatch(fixes: readonly FileFix[], cwd: string): Promise<string> {
  const parts: string[] = [];
  for (const fix of fixes) {
    const native = toNativePath(fix.path);
    // The engine's text has no byte order mark; the patch must match the bytes on disk.
    const bom = hasBom(await fs.readFile(native).catch(() => new Uint8Array())) ? '\uFEFF' : '';
    parts.push(unifiedDiff(displayPath(cwd, fix.path), bom + fix.original, bom + fix.fixed));
  }
  return parts.join('');
}
