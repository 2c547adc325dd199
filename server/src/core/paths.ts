/**
 * Forward-slash path arithmetic for the engine, which may not import Node's
 * `path`. Every path the engine stores is absolute and normalized; adapters
 * convert Windows paths (`C:\kb\a.md` becomes `C:/kb/a.md`) at the boundary.
 */

/** Collapses `.`, `..` and repeated slashes. `..` above the root stays at the root. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** The folder part of a path (`/kb/a/b.md` gives `/kb/a`). */
export function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  if (index <= 0) return path.startsWith('/') ? '/' : '.';
  return path.slice(0, index);
}

/** The last segment of a path (`/kb/a/b.md` gives `b.md`). */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The extension with its dot, lower-cased (`.md`), or `''`. */
export function extname(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/** Joins segments and normalizes; a segment starting with `/` restarts from the root. */
export function joinPath(...segments: string[]): string {
  let result = '';
  for (const segment of segments) {
    if (segment.startsWith('/') || /^[A-Za-z]:\//.test(segment)) result = segment;
    else result = result === '' ? segment : `${result}/${segment}`;
  }
  return normalizeKeepingDrive(result);
}

/** Resolves `target` relative to the folder `fromFolder`. */
export function resolvePath(fromFolder: string, target: string): string {
  return joinPath(fromFolder, target);
}

/** Whether `path` is `folder` itself or lies below it. */
export function isInside(path: string, folder: string): boolean {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return path === folder || path.startsWith(prefix);
}

/** `path` relative to `folder`, with forward slashes (`../x.md` when outside). */
export function relativePath(folder: string, path: string): string {
  const from = normalizeKeepingDrive(folder).split('/').filter(Boolean);
  const to = normalizeKeepingDrive(path).split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const up = from.slice(common).map(() => '..');
  return [...up, ...to.slice(common)].join('/') || '.';
}

function normalizeKeepingDrive(path: string): string {
  const drive = /^[A-Za-z]:(?=\/)/.exec(path)?.[0];
  if (drive === undefined) return normalizePath(path);
  return drive + normalizePath(path.slice(drive.length));
}
