import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * The cache file is trusted only when it was written by this user on this
 * machine: its body is signed with an HMAC (SHA-256) whose key is kept in the
 * user's cache folder, outside every repository. A cache file committed to a
 * repository, or edited by hand, fails the check and is ignored: it can make
 * a run slower, never change its findings.
 */

/** First line of a cache file: the magic word, the format, and the body's signature. */
const HEADER = /^kb-lint-cache (\d+) ([0-9a-f]{64})\n/;

/** The key file, below the user's cache folder. */
const KEY_FILE = path.join('kb-lint', 'cache-key');

/**
 * The file that holds this user's cache key: in `$XDG_CACHE_HOME`,
 * `%LOCALAPPDATA%` on Windows, `~/Library/Caches` on macOS, else `~/.cache`.
 * `undefined` when the environment names no home.
 */
export function cacheKeyFile(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): string | undefined {
  const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);
  const home = nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE);
  const xdg = nonEmpty(env.XDG_CACHE_HOME);
  const folder = xdg !== undefined && path.isAbsolute(xdg) ? xdg
    : platform === 'win32' ? nonEmpty(env.LOCALAPPDATA)
      : home === undefined ? undefined
        : platform === 'darwin' ? path.join(home, 'Library', 'Caches') : path.join(home, '.cache');
  return folder === undefined ? undefined : path.join(folder, KEY_FILE);
}

/**
 * This user's cache key, created (32 random bytes, readable by the user only)
 * on first use. Throws when it can be neither read nor created.
 */
export async function loadCacheKey(file: string): Promise<Buffer> {
  const read = async (): Promise<Buffer | undefined> => {
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    return text !== undefined && /^[0-9a-f]{64}$/.test(text.trim()) ? Buffer.from(text.trim(), 'hex') : undefined;
  };
  const existing = await read();
  if (existing !== undefined) return existing;
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // `wx`: another run that created it first wins, and its key is read back.
  await fs.writeFile(file, `${key.toString('hex')}\n`, { flag: 'wx', mode: 0o600 }).catch(() => undefined);
  const created = await read();
  if (created === undefined) throw new Error(`cannot create the cache key ${file}`);
  return created;
}

/** The text of a cache file holding `body`, signed with `key`. */
export function signCache(format: number, body: string, key: Buffer): string {
  return `kb-lint-cache ${format} ${signature(body, key)}\n${body}`;
}

/** The body of a cache file of `format` whose signature `key` confirms, or `undefined` (forged, damaged, other format or other machine). */
export function verifiedCacheBody(text: string, format: number, key: Buffer): string | undefined {
  const header = HEADER.exec(text);
  if (header === null || Number(header[1]) !== format) return undefined;
  const body = text.slice(header[0].length);
  const expected = Buffer.from(signature(body, key), 'hex');
  return timingSafeEqual(expected, Buffer.from(header[2] ?? '', 'hex')) ? body : undefined;
}

function signature(body: string, key: Buffer): string {
  return createHmac('sha256', key).update(body).digest('hex');
}
