import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces the content of `file` so that readers see either the old or the
 * new content, never a half-written file: writes a temporary file in the same
 * folder, then renames it over the target. Keeps the file mode of an
 * existing file; writes through a symbolic link to the file it points at.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const target = await fs.realpath(file).catch(() => file);
  const existing = await fs.stat(target).catch(() => undefined);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temporary, data, { flag: 'wx' });
    // The umask applies at creation, so the original mode is set explicitly.
    if (existing !== undefined) await fs.chmod(temporary, existing.mode & 0o7777);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
