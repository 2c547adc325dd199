import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type DependencyTarget, type FileKind, type Finding, type KbFileSystem, type KnowledgeBase, RULE_METADATA, SKIPPED_FOLDERS } from '../core/index.js';
import { loadCacheKey, signCache, verifiedCacheBody } from './cache-signing.js';
import { writeOutputFile } from './write-output-file.js';

/** Bumped whenever the cache file's shape or meaning changes: older cache files are then ignored. */
export const CACHE_FORMAT = 3;

/** The file name used when `--cache-location` names a folder. */
const CACHE_FILE_NAME = '.kb-lint-cache';

/**
 * Files besides articles whose text may change any article's findings: the
 * configuration, glossary, causes, remediations, claims, step catalogs and
 * scenarios.
 */
const CONTEXT_EXTENSIONS: ReadonlySet<string> = new Set(['.md', '.scenario', '.json', '.yaml', '.yml']);

/** What the cache keeps for one article. */
export interface CachedFile {
  /** Hash of the article's text. */
  readonly hash: string;
  /** The state of everything the article depends on in the KB's dependency graph, when it was checked, by {@link dependencyKey}. */
  readonly dependencies: Readonly<Record<string, string>>;
  readonly findings: readonly Finding[];
}

interface CachedKb {
  key: string;
  files: Record<string, CachedFile>;
}

interface CacheData {
  format: number;
  kbs: Record<string, CachedKb>;
}

/** What, besides the KB's own files, decides whether cached findings still hold. */
export interface CacheKeyInputs {
  readonly version: string;
  readonly today: Date;
  readonly fs: KbFileSystem;
  readonly bundledRoot: string | undefined;
}

/** Largest cache file read (bytes): above it, the cache starts afresh. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * The `--cache` file: the findings of each article with what they depend on.
 * An article's findings are reused only when its text, the state of every
 * file it links to, and its KB's key ({@link kbCacheKey}) are all unchanged.
 * The file is signed with this user's key (`cache-signing.ts`): a cache file
 * not written by this user on this machine is ignored.
 */
export class CheckCache {
  private constructor(
    private readonly location: string,
    private readonly data: CacheData,
    private readonly key: Buffer,
  ) {}

  /**
   * Reads the cache at `location` (a file, or a folder to keep it in),
   * verified with the user's key in `keyFile`. A missing, damaged, forged,
   * outdated or oversized cache file, or anything but a regular file, gives
   * an empty cache, never an error. Throws when the key can be neither read
   * nor created.
   */
  static async load(location: string, keyFile: string): Promise<CheckCache> {
    const key = await loadCacheKey(keyFile);
    const isFolder = await fs.stat(location).then((stat) => stat.isDirectory(), () => false);
    const file = isFolder ? path.join(location, CACHE_FILE_NAME) : location;
    // Checked before reading: a FIFO would block the read forever, a huge file exhaust memory.
    const stat = await fs.stat(file).catch(() => undefined);
    const text = stat?.isFile() === true && stat.size <= MAX_CACHE_BYTES ? await fs.readFile(file, 'utf8').catch(() => undefined) : undefined;
    const body = text === undefined ? undefined : verifiedCacheBody(text, CACHE_FORMAT, key);
    let data: CacheData = { format: CACHE_FORMAT, kbs: {} };
    try {
      const parsed: unknown = body === undefined ? undefined : JSON.parse(body);
      if (isCacheData(parsed)) data = parsed;
    } catch {
      // A damaged cache file is rebuilt from scratch.
    }
    return new CheckCache(file, data, key);
  }

  /**
   * The cached articles of the KB at `root`, emptied first when the KB's key
   * changed. The caller reads and updates the returned record.
   */
  entriesFor(root: string, key: string): Record<string, CachedFile> {
    const existing = this.data.kbs[root];
    if (existing !== undefined && existing.key === key) return existing.files;
    const fresh: CachedKb = { key, files: {} };
    this.data.kbs[root] = fresh;
    return fresh.files;
  }

  /**
   * Writes the cache file, signed, atomically (a concurrent run never reads
   * half of it) and never through a symbolic link in `cwd` ({@link writeOutputFile}).
   */
  async save(cwd: string): Promise<void> {
    await writeOutputFile(this.location, signCache(CACHE_FORMAT, JSON.stringify(this.data), this.key), cwd);
  }
}

/**
 * The part of the cache key shared by every article of `kb`: tool version,
 * rules, today's date (date rules depend on it), and the text of every file
 * of the KB and of the bundled KB that is not an article (configuration,
 * glossary, causes, remediations, claims, steps, scenarios). A change to any
 * of them invalidates every cached article of the KB.
 */
export async function kbCacheKey(kb: KnowledgeBase, inputs: CacheKeyInputs): Promise<string> {
  const hash = createHash('sha256');
  const today = inputs.today;
  hash.update(JSON.stringify({
    format: CACHE_FORMAT,
    version: inputs.version,
    today: `${today.getFullYear()}-${today.getMonth() + 1}-${today.getDate()}`,
    rules: RULE_METADATA.map((rule) => [rule.id, rule.defaultSeverity, rule.fix, rule.appliesTo]),
  }));
  // A --config file may lie outside the KB: its text is part of the key wherever it is.
  if (kb.configOverride !== undefined) hash.update(`\0config\0${kb.configOverride}\0${hashText(kb.textOf(kb.configOverride) ?? '')}`);
  const roots = inputs.bundledRoot === undefined || inputs.bundledRoot === kb.root ? [kb.root] : [kb.root, inputs.bundledRoot];
  for (const root of roots) {
    for (const file of await inputs.fs.listFiles(root, SKIPPED_FOLDERS)) {
      if (!CONTEXT_EXTENSIONS.has(path.posix.extname(file).toLowerCase()) || (root === kb.root && kb.kindOf(file) === 'article')) continue;
      const text = (root === kb.root ? kb.textOf(file) : undefined) ?? await inputs.fs.readText(file);
      hash.update(`\0${file}\0${typeof text === 'string' ? hashText(text) : 'unreadable'}`);
    }
  }
  return hash.digest('hex');
}

/** How a dependency target is named in a cache entry: a file by its path, a kind of file as `kind:<kind>`. */
export function dependencyKey(target: DependencyTarget): string {
  return 'fileKind' in target ? `${KIND_PREFIX}${target.fileKind}` : target.path;
}

const KIND_PREFIX = 'kind:';

/** The states of `targets`, by {@link dependencyKey}: an entry is reused only while they all stay the same. */
export function dependencyStates(kb: KnowledgeBase, targets: readonly DependencyTarget[], stateOf = (key: string): string => dependencyStateOf(kb, key)): Record<string, string> {
  return Object.fromEntries(targets.map((target) => [dependencyKey(target), stateOf(dependencyKey(target))]));
}

/**
 * What a finding may depend on in a dependency (named by
 * {@link dependencyKey}): a file's text, whether it exists or is a symbolic
 * link out of the KB, or which file matches it but for letter case; a kind of
 * file's paths and texts.
 */
export function dependencyStateOf(kb: KnowledgeBase, key: string): string {
  if (key.startsWith(KIND_PREFIX)) {
    const kind = key.slice(KIND_PREFIX.length) as FileKind;
    return hashText(kb.checkedPaths().filter((path) => kb.kindOf(path) === kind).map((path) => `${path}\0${hashText(kb.textOf(path) ?? '')}`).join('\0'));
  }
  const text = kb.textOf(key);
  if (text !== undefined) return `text:${hashText(text)}`;
  if (kb.exists(key)) return 'exists';
  if (kb.isBehindLinkOut(key)) return 'link-out';
  const sameButCase = kb.existingPathIgnoringCase(key);
  return sameButCase === undefined ? 'missing' : `case:${sameButCase}`;
}

/** A short, stable hash of a text. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Whether a cache entry read from disk has the shape the checker relies on. */
export function isCachedFile(value: unknown): value is CachedFile {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<CachedFile>;
  return typeof entry.hash === 'string' && typeof entry.dependencies === 'object' && entry.dependencies !== null && Array.isArray(entry.findings);
}

function isCacheData(value: unknown): value is CacheData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Partial<CacheData>;
  return data.format === CACHE_FORMAT && typeof data.kbs === 'object' && data.kbs !== null
    && Object.values(data.kbs).every((kb: Partial<CachedKb>) => typeof kb?.key === 'string' && typeof kb.files === 'object' && kb.files !== null);
}
