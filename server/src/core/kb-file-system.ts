/**
 * The only door between the engine and storage. The language server and the
 * CLI implement it over the real file system; tests use
 * {@link InMemoryFileSystem}. Paths are absolute and use forward slashes.
 */
export interface KbFileSystem {
  /**
   * Every file below `root` (recursively), as absolute paths, skipping the
   * folders named in `skipFolders` (by name, at any depth). Returns an empty
   * list when `root` does not exist; never follows links out of `root`, and
   * names each such link it skips to `onLinkOut`, so a link to it can be
   * reported as leaving the KB rather than as missing.
   */
  listFiles(root: string, skipFolders: readonly string[], onLinkOut?: (path: string) => void): Promise<readonly string[]>;
  /**
   * The file's text decoded as UTF-8, or `undefined` when it does not exist or
   * cannot be read. A file that is not valid text yields {@link BINARY_FILE}.
   * With `within`, a file whose real location is outside that folder (reached
   * through a symbolic link) is not read and yields `undefined`.
   */
  readText(path: string, within?: string): Promise<FileContent>;
  /**
   * What is at `path`, following symbolic links: a regular file, a folder,
   * another kind of entry (a FIFO, device or socket: never read, since
   * reading one can block forever), or nothing.
   */
  entryKind(path: string): Promise<EntryKind | undefined>;
}

/** The kinds of entry {@link KbFileSystem.entryKind} tells apart. */
export type EntryKind = 'file' | 'folder' | 'special';

/**
 * What {@link KbFileSystem.readText} returns: the text, {@link BINARY_FILE},
 * {@link TOO_LARGE_FILE} for a file not read because of its size,
 * {@link OverTimeBudget} for a text a host stopped parsing,
 * {@link AWAITING_TIMING} for a text a host is still timing, or
 * `undefined` when there is no readable regular file.
 */
export type FileContent = string | typeof BINARY_FILE | typeof TOO_LARGE_FILE | typeof AWAITING_TIMING | OverTimeBudget | undefined;

/**
 * What a host gives the engine instead of a text it stopped parsing because
 * the parse ran past the host's time budget for one file (the language
 * server parses each new text off its main thread, with a deadline, before
 * the engine sees it). The file is reported as `file-unreadable` and never
 * parsed by the engine.
 */
export interface OverTimeBudget {
  /** The budget the parse ran past, in milliseconds. */
  readonly overTimeBudgetMs: number;
}

/** Marker returned by {@link KbFileSystem.readText} for binary or non-UTF-8 content. */
export const BINARY_FILE: unique symbol = Symbol('binary file');

/**
 * Marker returned by {@link KbFileSystem.readText} for a file whose size,
 * known before reading it, is beyond what the engine parses
 * (`MAX_READ_BYTES` in `limits.ts`): it is never read.
 */
export const TOO_LARGE_FILE: unique symbol = Symbol('file too large');

/**
 * Marker a host gives the engine for a file whose text it has read but is
 * still timing (the language server parses every new text off its main
 * thread, with a deadline, before the engine may parse it). The file exists
 * for every other file's checks, but the engine neither parses nor reports
 * it: links into it are checked for the file alone, not its anchors, and
 * checking it finds nothing yet. The host gives the text to
 * `KnowledgeBase.setText` once timed.
 */
export const AWAITING_TIMING: unique symbol = Symbol('awaiting timing');

/** A {@link KbFileSystem} over a map of path to text: for tests and for untitled buffers. */
export class InMemoryFileSystem implements KbFileSystem {
  private readonly files = new Map<string, string>();

  constructor(files: Readonly<Record<string, string>> = {}) {
    for (const [path, text] of Object.entries(files)) this.files.set(path, text);
  }

  /** Adds or replaces a file. */
  write(path: string, text: string): void {
    this.files.set(path, text);
  }

  /** Removes a file; returns whether it existed. */
  delete(path: string): boolean {
    return this.files.delete(path);
  }

  async listFiles(root: string, skipFolders: readonly string[]): Promise<readonly string[]> {
    const prefix = root.endsWith('/') ? root : `${root}/`;
    return [...this.files.keys()]
      .filter((path) => path.startsWith(prefix))
      .filter((path) => !path.slice(prefix.length).split('/').slice(0, -1).some((part) => skipFolders.includes(part)))
      .sort();
  }

  async readText(path: string): Promise<string | undefined> {
    return this.files.get(path);
  }

  async entryKind(path: string): Promise<EntryKind | undefined> {
    if (this.files.has(path)) return 'file';
    const prefix = path.endsWith('/') ? path : `${path}/`;
    return [...this.files.keys()].some((file) => file.startsWith(prefix)) ? 'folder' : undefined;
  }
}
