import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BINARY_FILE, type KbFileSystem } from '../core/index.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Converts a native path to the engine's form: absolute, forward slashes. */
export function toKbPath(nativePath: string): string {
  return path.resolve(nativePath).replace(/\\/g, '/');
}

/** Converts an engine path back to a native one. */
export function toNativePath(kbPath: string): string {
  return path.sep === '\\' ? kbPath.replace(/\//g, '\\') : kbPath;
}

/**
 * The engine's file access over the real file system. Symbolic links are
 * followed only when they resolve inside the listed root (a link out of the
 * KB, or a loop, is skipped), so nothing outside the KB is ever read.
 */
export class NodeFileSystem implements KbFileSystem {
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

  async readText(kbPath: string, within?: string): Promise<string | typeof BINARY_FILE | undefined> {
    let bytes: Buffer;
    try {
      if (within !== undefined && !isInsideNative(await fs.realpath(toNativePath(kbPath)), await fs.realpath(toNativePath(within)))) return undefined;
      bytes = await fs.readFile(toNativePath(kbPath));
    } catch {
      return undefined;
    }
    if (bytes.includes(0)) return BINARY_FILE;
    try {
      return decoder.decode(bytes);
    } catch {
      return BINARY_FILE;
    }
  }
}

function isInsideNative(candidate: string, root: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
