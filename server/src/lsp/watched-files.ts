import { type KbFileSystem, SKIPPED_FOLDERS } from '../core/index.js';
import type { FileEventKind } from './kb-workspace.js';

/** A watcher event as the file system confirms it. */
export interface VerifiedFileEvent {
  readonly path: string;
  readonly kind: FileEventKind;
}

/**
 * What a file watcher's event for `path` means, checked against the file
 * system when it is handled: watchers coalesce, reorder and drop events, and
 * a client may report a whole folder as one event. A path that is gone is
 * deleted whatever the event said; a file that still exists after a
 * `deleted` event is read again (as created, so links to it are checked
 * again); a folder that exists stands for every file below it, each created;
 * a FIFO, device or socket is never read, so it counts as deleted.
 */
export async function verifiedFileEvents(fs: KbFileSystem, path: string, reported: FileEventKind): Promise<VerifiedFileEvent[]> {
  const entry = await fs.entryKind(path);
  if (entry === undefined || entry === 'special') return [{ path, kind: 'deleted' }];
  if (entry === 'folder') {
    // A folder reported deleted that still exists was replaced or moved back: its files are read again as well.
    const files = await fs.listFiles(path, SKIPPED_FOLDERS);
    return reported === 'deleted' ? [{ path, kind: 'deleted' }, ...files.map((file) => ({ path: file, kind: 'created' as const }))] : files.map((file) => ({ path: file, kind: 'created' as const }));
  }
  return [{ path, kind: reported === 'deleted' ? 'created' : reported }];
}
