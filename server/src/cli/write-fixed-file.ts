import { constants, promises as fs } from 'node:fs';
import { writeFileAtomically } from './write-file-atomically.js';

const BOM = '\uFEFF';
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * What became of a file's fixes: written; not written because the file no
 * longer holds the checked text (edited while kb-lint ran, or gone); or not
 * written because the file is read-only.
 */
export type FixedFileOutcome = 'written' | 'changed-on-disk' | 'read-only';

/**
 * Writes the fixed text of a file whose checked text was `original`, keeping
 * a byte order mark the file had (the engine reads text without it), its
 * mode, owner and group. A read-only file is left alone, and so is a file
 * that no longer holds `original`, so no one's change is overwritten. Throws
 * when the file cannot be written.
 */
export async function writeFixedFile(file: string, original: string, fixed: string): Promise<FixedFileOutcome> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat?.isFile() !== true) return 'changed-on-disk';
  // Replacing the file by rename would succeed in a writable folder: the file's own permission is what the writer set.
  // A file nobody may write is read-only even to a superuser, whom access() always lets write.
  if ((stat.mode & 0o222) === 0 || !await fs.access(file, constants.W_OK).then(() => true, () => false)) return 'read-only';
  const bytes = await fs.readFile(file);
  let current: string;
  try {
    current = decoder.decode(bytes);
  } catch {
    return 'changed-on-disk';
  }
  if (current !== original) return 'changed-on-disk';
  await writeFileAtomically(file, `${hasBom(bytes) ? BOM : ''}${fixed}`);
  return 'written';
}

/** Whether the bytes start with the UTF-8 byte order mark. */
export function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
