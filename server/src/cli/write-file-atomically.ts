import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** How {@link writeFileAtomically} treats a symbolic link at the path it writes. */
export type LinkHandling =
  /** Write the file the link points at (an article reached through a link inside its KB). */
  | 'follow'
  /** Replace the link itself with a regular file: what the link points at is never written. */
  | 'replace';

/** The names of the temporary files {@link writeFileAtomically} creates: `.<name>.<12 hex digits>.tmp`. */
export const TEMPORARY_FILE_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/** Thrown when an existing file's owner and group cannot be given to its replacement. */
export class OwnershipError extends Error {}

/**
 * Replaces the content of `file` so that readers see either the old or the
 * new content, never a half-written file: writes a temporary file in the same
 * folder, then renames it over the target. An existing file keeps its mode,
 * owner and group; when its owner and group cannot be kept (the user is not
 * a member of its group), nothing is written and an {@link OwnershipError}
 * is thrown. The temporary file is created exclusively (`wx`), so a link
 * planted under its name is never followed.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array, links: LinkHandling = 'follow'): Promise<void> {
  const target = links === 'follow' ? await fs.realpath(file).catch(() => file) : file;
  const existing = await fs.lstat(target).catch(() => undefined);
  const existingFile = existing?.isFile() === true ? existing : undefined;
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temporary, data, { flag: 'wx' });
    if (existingFile !== undefined) {
      // The umask applies at creation, so the original mode is set explicitly.
      await fs.chmod(temporary, existingFile.mode & 0o7777);
      const created = await fs.stat(temporary);
      if (created.uid !== existingFile.uid || created.gid !== existingFile.gid) {
        await fs.chown(temporary, existingFile.uid, existingFile.gid).catch(() => {
          throw new OwnershipError('its owner and group cannot be kept (the file belongs to another user or group)');
        });
      }
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Removes the temporary files that an interrupted {@link writeFileAtomically}
 * left in `paths` (files last changed before `startedAt`, so a concurrent
 * run's file being written is left alone). Returns the removed paths.
 */
export async function removeTemporaryLeftovers(paths: readonly string[], startedAt: number): Promise<string[]> {
  const removed: string[] = [];
  for (const file of paths) {
    if (!TEMPORARY_FILE_NAME.test(path.basename(file))) continue;
    const stat = await fs.lstat(file).catch(() => undefined);
    if (stat?.isFile() !== true || stat.mtimeMs >= startedAt) continue;
    if (await fs.rm(file).then(() => true, () => false)) removed.push(file);
  }
  return removed;
}
