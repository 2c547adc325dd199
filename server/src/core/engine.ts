import { checkFile, type CheckOptions } from './check.js';
import { Knowledge } from './domain/knowledge.js';
import type { KbFileSystem } from './kb-file-system.js';
import { type FolderListing, listFolder } from './kb-folder.js';
import { CONFIG_FILE_NAME, KnowledgeBase } from './knowledge-base.js';
import { basename, dirname, isInside, joinPath } from './paths.js';
import { PUBLISH_CONFIG_FILE_NAME } from './repository/publish-config.js';
import type { Finding } from './types.js';

/** Files that make their folder the root of a KB. */
const KB_ROOT_MARKERS: readonly string[] = [CONFIG_FILE_NAME, PUBLISH_CONFIG_FILE_NAME];

/** Roots of the KBs in `listing` ({@link Engine.findKbRoots}). */
export function kbRootsIn(listing: FolderListing): string[] {
  return [...new Set(listing.files.filter((path) => KB_ROOT_MARKERS.includes(basename(path))).map(dirname))].sort();
}

/** What the engine needs from its host. */
export interface EngineOptions {
  readonly fs: KbFileSystem;
  /** Folder of the KB bundled with the tool (its glossary, remediations, causes...), if any. */
  readonly bundledRoot?: string;
  /** The host's clock: the current date, which date rules compare against. The core reads no clock of its own. */
  readonly today: () => Date;
  /**
   * Whether the workspace is trusted (default `true`). In an untrusted one,
   * KBs use the bundled glossary, remediations, causes, claims, step catalogs
   * and models only, and their own are neither read nor checked.
   */
  readonly trusted?: boolean;
}

/** How {@link Engine.openKb} opens a KB. */
export interface OpenKbOptions {
  /** Absolute path of the file to read the configuration from instead of the root's `kb.config.json`. */
  readonly configPath?: string;
  /** The files below the root, as {@link Engine.listFolder} just listed them: not listed again. */
  readonly listing?: FolderListing;
}

/**
 * The façade every host uses (language server, CLI, tests): open KBs, check
 * files, find which KB a file belongs to. Holds no editor or protocol state.
 */
export class Engine {
  private bundled: Promise<Knowledge> | undefined;

  constructor(private readonly options: EngineOptions) {}

  /** The bundled KB's knowledge, loaded once; empty when there is none. */
  bundledKnowledge(): Promise<Knowledge> {
    this.bundled ??= (async () => {
      const root = this.options.bundledRoot;
      if (root === undefined) return Knowledge.empty();
      const kb = await KnowledgeBase.load(this.options.fs, root);
      return Knowledge.build(kb.domainFiles(), 'bundled', undefined);
    })();
    return this.bundled;
  }

  /**
   * Loads the KB whose root folder is `root`, its configuration read from
   * `options.configPath` when given (an absolute path, anywhere) instead of
   * the root's `kb.config.json`. Never throws.
   */
  async openKb(root: string, options: OpenKbOptions = {}): Promise<KnowledgeBase> {
    const bundled = this.options.bundledRoot === root ? undefined : await this.bundledKnowledge();
    return KnowledgeBase.load(this.options.fs, root, bundled, { ownKnowledge: this.options.trusted !== false, ...options });
  }

  /** Findings of one file of `kb`, sorted by position. */
  check(kb: KnowledgeBase, path: string, options: Omit<CheckOptions, 'today'> = {}): Finding[] {
    return checkFile(kb, path, { ...options, today: this.options.today() });
  }

  /** Findings of every file `kb` checks, by path. */
  checkAll(kb: KnowledgeBase): Map<string, Finding[]> {
    const today = this.options.today();
    return new Map(kb.checkedPaths().map((path) => [path, checkFile(kb, path, { today })]));
  }

  /** Roots of the KBs below `folder`: every folder holding a `kb.config.json`, and every Learn repository (`.openpublishing.publish.config.json`). */
  async findKbRoots(folder: string): Promise<string[]> {
    return kbRootsIn(await this.listFolder(folder));
  }

  /** Every file below `folder`: {@link kbRootsIn} finds its KBs, and {@link openKb} takes it for the KB at `folder`. */
  listFolder(folder: string): Promise<FolderListing> {
    return listFolder(this.options.fs, folder);
  }

  /**
   * The root of the KB that holds `path`: the nearest folder at or above it
   * with a `kb.config.json`, else the nearest Learn repository
   * (`.openpublishing.publish.config.json`) holding it, not above `ceiling`
   * when given; `undefined` when there is none.
   */
  async findEnclosingKbRoot(path: string, ceiling?: string): Promise<string | undefined> {
    return (await this.nearestWith(path, CONFIG_FILE_NAME, ceiling)) ?? this.nearestWith(path, PUBLISH_CONFIG_FILE_NAME, ceiling);
  }

  private async nearestWith(path: string, name: string, ceiling: string | undefined): Promise<string | undefined> {
    for (let folder = path; ; folder = dirname(folder)) {
      if (ceiling !== undefined && !isInside(folder, ceiling)) return undefined;
      if (typeof (await this.options.fs.readText(joinPath(folder, name))) === 'string') return folder;
      if (dirname(folder) === folder) return undefined;
    }
  }
}
