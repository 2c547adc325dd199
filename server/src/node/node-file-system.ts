import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { BINARY_FILE, type EntryKind, type FileContent, type KbFileSystem, MAX_READ_BYTES, TOO_LARGE_FILE } from '../core/index.js';
import { TimeSlices } from './time-slices.js';

/**
 * Opening a FIFO for reading waits for a writer; without blocking, the open
 * returns at once and the entry is then seen not to be a regular file.
 * (Windows has no FIFOs in the file system, nor the flag.)
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Converts a native path to the engine's form: absolute, forward slashes. */
export function toKbPath(nativePath: string): string {
  return path.resolve(nativePath).replace(/\\/g, '/');
}

/** Converts an engine path back to a native one. */
export function toNativePath(kbPath: string): string {
  return path.sep === '\\' ? kbPath.replace(/\//g, '\\') : kbPath;
}

/** How a {@link NodeFileSystem} reads. */
export interface NodeFileSystemOptions {
  /**
   * Make each call at once and hold the event loop until it returns
   * (default `false`). For a process that has nothing else to do while it
   * reads, like `kb-lint`. Otherwise the same blocking calls run in
   * {@link TimeSlices}, between which the event loop takes its turns, as a
   * language server needs: it must keep answering while it reads.
   */
  readonly blocking?: boolean;
}

/**
 * The engine's file access over the real file system. Symbolic links are
 * followed only when they resolve inside the listed root (a link out of the
 * KB, or a loop, is skipped), so nothing outside the KB is ever read.
 */
export class NodeFileSystem implements KbFileSystem {
  private readonly slices: TimeSlices | undefined;

  constructor(options: NodeFileSystemOptions = {}) {
    this.slices = options.blocking === true ? undefined : new TimeSlices();
  }

  async listFiles(root: string, skipFolders: readonly string[], onLinkOut?: (path: string) => void): Promise<readonly string[]> {
    const nativeRoot = toNativePath(root);
    const realRoot = await this.call(() => realpathSync.native(nativeRoot)).catch(() => undefined);
    if (realRoot === undefined) return [];
    const result: string[] = [];
    const visited = new Set<string>([realRoot]);
    const walk = async (folder: string): Promise<void> => {
      // Removed or unreadable while listing: skip it, the rest still counts.
      const entries = await this.call(() => readdirSync(folder, { withFileTypes: true })).catch(() => []);
      for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isSymbolicLink()) {
          const target = await this.call(() => realpathSync.native(full)).catch(() => undefined);
          if (target === undefined) continue; // Dangling or a loop: nothing to read, a link to it is missing.
          if (!isInsideNative(target, realRoot)) {
            onLinkOut?.(toKbPath(full));
            continue;
          }
          const stat = await this.call(() => statSync(full, { throwIfNoEntry: false })).catch(() => undefined);
          if (stat?.isDirectory()) {
            if (skipFolders.includes(entry.name) || visited.has(target)) continue;
            visited.add(target);
            await walk(full);
          } else if (stat?.isFile()) {
            result.push(toKbPath(full));
          }
        } else if (entry.isDirectory()) {
          if (!skipFolders.includes(entry.name)) await walk(full);
        } else if (entry.isFile()) {
          result.push(toKbPath(full));
        }
      }
    };
    await walk(nativeRoot);
    return result.sort();
  }

  /**
   * Reads only regular files (a FIFO, device or socket reads as no file,
   * since reading one can block forever), and only up to
   * {@link MAX_READ_BYTES}: the size is checked on the open file before
   * reading, and a larger file yields {@link TOO_LARGE_FILE}.
   */
  readText(kbPath: string, within?: string): Promise<FileContent> {
    return this.call(() => readText(kbPath, within));
  }

  async entryKind(kbPath: string): Promise<EntryKind | undefined> {
    const stat = await this.call(() => statSync(toNativePath(kbPath), { throwIfNoEntry: false })).catch(() => undefined);
    if (stat === undefined) return undefined;
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'special';
  }

  /** `job()` now, or in the next time slice. */
  private async call<T>(job: () => T): Promise<T> {
    return this.slices === undefined ? job() : this.slices.run(job);
  }
}

/** What {@link NodeFileSystem.readText} reads, in blocking calls. */
function readText(kbPath: string, within: string | undefined): FileContent {
  let bytes: Buffer;
  try {
    if (within !== undefined && !isInsideNative(realpathSync.native(toNativePath(kbPath)), realpathSync.native(toNativePath(within)))) return undefined;
    const descriptor = openSync(toNativePath(kbPath), OPEN_FLAGS);
    try {
      // Checked on the open file: the path may have been replaced since it was listed.
      const stat = fstatSync(descriptor);
      if (!stat.isFile()) return undefined;
      if (stat.size > MAX_READ_BYTES) return TOO_LARGE_FILE;
      bytes = readAtMost(descriptor, stat.size, MAX_READ_BYTES);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return undefined;
  }
  return textOf(bytes);
}

function textOf(bytes: Buffer): FileContent {
  if (bytes.length > MAX_READ_BYTES) return TOO_LARGE_FILE;
  if (bytes.includes(0)) return BINARY_FILE;
  try {
    return decoder.decode(bytes);
  } catch {
    return BINARY_FILE;
  }
}

/**
 * The file's bytes, read into a buffer of its `expected` size; when it grew
 * since its size was read, reading stops once more than `limit` bytes came.
 */
function readAtMost(descriptor: number, expected: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  // One byte more than expected: reading it tells that the file grew.
  for (let size = expected + 1; total <= limit; size = 64 * 1024) {
    const chunk = Buffer.alloc(size);
    let length = 0;
    while (length < size) {
      const bytesRead = readSync(descriptor, chunk, length, size - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    chunks.push(chunk.subarray(0, length));
    total += length;
    if (length < size) break;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

function isInsideNative(candidate: string, root: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
