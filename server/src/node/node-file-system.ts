import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { BINARY_FILE, type EntryKind, type FileContent, type KbFileSystem, MAX_READ_BYTES, TOO_LARGE_FILE } from '../core/index.js';

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
   * Read texts with blocking system calls (default `false`). For a process
   * that has nothing else to do while it reads, like `kb-lint`: on the corpus
   * they cost about a third of the CPU time of promise-based reads (no
   * thread-pool round trips, no promises). Never in the language server,
   * which must keep answering while it reads.
   */
  readonly blocking?: boolean;
}

/**
 * The engine's file access over the real file system. Symbolic links are
 * followed only when they resolve inside the listed root (a link out of the
 * KB, or a loop, is skipped), so nothing outside the KB is ever read.
 */
export class NodeFileSystem implements KbFileSystem {
  constructor(private readonly options: NodeFileSystemOptions = {}) {}

  async listFiles(root: string, skipFolders: readonly string[], onLinkOut?: (path: string) => void): Promise<readonly string[]> {
    const nativeRoot = toNativePath(root);
    let realRoot: string;
    try {
      realRoot = await fs.realpath(nativeRoot);
    } catch {
      return [];
    }
    const result: string[] = [];
    const visited = new Set<string>([realRoot]);
    const walk = async (folder: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(folder, { withFileTypes: true });
      } catch {
        return; // Removed or unreadable while listing: skip it, the rest still counts.
      }
      for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isSymbolicLink()) {
          const target = await fs.realpath(full).catch(() => undefined);
          if (target === undefined) continue; // Dangling or a loop: nothing to read, a link to it is missing.
          if (!isInsideNative(target, realRoot)) {
            onLinkOut?.(toKbPath(full));
            continue;
          }
          const stat = await fs.stat(full).catch(() => undefined);
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
  async readText(kbPath: string, within?: string): Promise<FileContent> {
    if (this.options.blocking === true) return readTextBlocking(kbPath, within);
    let bytes: Buffer;
    try {
      if (within !== undefined && !isInsideNative(await fs.realpath(toNativePath(kbPath)), await fs.realpath(toNativePath(within)))) return undefined;
      const file = await fs.open(toNativePath(kbPath), OPEN_FLAGS);
      try {
        // Checked on the open file: the path may have been replaced since it was listed.
        const stat = await file.stat();
        if (!stat.isFile()) return undefined;
        if (stat.size > MAX_READ_BYTES) return TOO_LARGE_FILE;
        bytes = await readAtMost(file, stat.size, MAX_READ_BYTES);
      } finally {
        await file.close();
      }
    } catch {
      return undefined;
    }
    return textOf(bytes);
  }

  async entryKind(kbPath: string): Promise<EntryKind | undefined> {
    const stat = await fs.stat(toNativePath(kbPath)).catch(() => undefined);
    if (stat === undefined) return undefined;
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'special';
  }
}

/** {@link NodeFileSystem.readText} with blocking calls: the same checks, in the same order. */
function readTextBlocking(kbPath: string, within: string | undefined): FileContent {
  let bytes: Buffer;
  try {
    if (within !== undefined && !isInsideNative(realpathSync(toNativePath(kbPath)), realpathSync(toNativePath(within)))) return undefined;
    const descriptor = openSync(toNativePath(kbPath), OPEN_FLAGS);
    try {
      // Checked on the open file: the path may have been replaced since it was listed.
      const stat = fstatSync(descriptor);
      if (!stat.isFile()) return undefined;
      if (stat.size > MAX_READ_BYTES) return TOO_LARGE_FILE;
      bytes = readAtMostBlocking(descriptor, stat.size, MAX_READ_BYTES);
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

/** {@link readAtMost} with blocking reads. */
function readAtMostBlocking(descriptor: number, expected: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
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

/**
 * The file's bytes, read into a buffer of its `expected` size; when it grew
 * since its size was read, reading stops once more than `limit` bytes came.
 */
async function readAtMost(file: fs.FileHandle, expected: number, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  // One byte more than expected: reading it tells that the file grew.
  for (let size = expected + 1; total <= limit; size = 64 * 1024) {
    const chunk = Buffer.alloc(size);
    let length = 0;
    while (length < size) {
      const { bytesRead } = await file.read(chunk, length, size - length, null);
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
