import { AWAITING_TIMING, BINARY_FILE, CONFIG_FILE_NAME, type FileContent, type Engine, InMemoryFileSystem, isInside, type KbFileSystem, kbRootsIn, KnowledgeBase, type OpenKbOptions, relativePath, SKIPPED_FOLDERS } from '../core/index.js';
import { basename, dirname, extname } from '../core/paths.js';
import { LoadingKbs } from './loading-kbs.js';
import type { TimedReads } from './timed-reads.js';

/** What a change did to a KB, so the caller knows which files to check again. */
export interface KbChange {
  readonly kb: KnowledgeBase;
  /** Files whose findings may have changed; `'all'` when the config or shared knowledge changed. */
  readonly paths: readonly string[] | 'all';
  /** The files were created or deleted: files linking to them must be checked again, whatever their kind. */
  readonly existence?: boolean;
}

/** How a watched file changed on disk (the LSP `FileChangeType`, without the protocol). */
export type FileEventKind = 'created' | 'changed' | 'deleted';

/**
 * The KBs of an editor session and the buffers open in it. A KB is a folder
 * holding `kb.config.json`, or a workspace folder given a configuration file
 * of its own ({@link setConfigPath}, the `kb.configPath` setting); files
 * outside every KB are never checked. Open buffers override the disk: their
 * text is what the engine sees until they are closed. Holds no protocol
 * types, so the server's handlers stay thin.
 */
export class KbWorkspace {
  private readonly kbs = new Map<string, KnowledgeBase>();
  /** KB roots by the workspace folder they were found for; lazily found KBs are under `undefined`. */
  private readonly rootsByFolder = new Map<string | undefined, Set<string>>();
  /** Open buffers' texts, as timed on their way in: a text that ran past the parse budget is held as that verdict. */
  private readonly buffers = new Map<string, Exclude<FileContent, undefined>>();
  /** Folders already searched for an enclosing KB, with what was found. */
  private readonly enclosingCache = new Map<string, string | undefined>();
  /** Configuration files set for workspace folders, by folder: each such folder is one KB read with it. */
  private readonly configPaths = new Map<string, string>();

  /** KBs whose texts read when they were opened are still being timed. */
  readonly loading = new LoadingKbs();

  /** `reads`: `fs` when it times texts before the engine may parse them. */
  constructor(
    private readonly engine: Engine,
    private readonly fs: KbFileSystem,
    private readonly reads?: TimedReads,
  ) {}

  /**
   * Tells `listener` each time a text read from disk has been timed, with
   * what applying it changes, for the caller to apply in its turn. Texts
   * still being timed stay out of the KBs.
   */
  onTextTimed(listener: (apply: () => KbChange[]) => void): void {
    this.reads?.onTimed((path, content) => listener(() => this.textTimed(path, content)));
  }

  private textTimed(path: string, content: FileContent): KbChange[] {
    const changes: KbChange[] = [];
    for (const kb of this.holdersOf(path)) {
      // Open buffers win over the disk; a file deleted meanwhile stays deleted; a file the KB does not read stays unread.
      const current = !this.buffers.has(path) && kb.exists(path) && kb.holdsText(path) && kb.textOf(path) !== content;
      const loading = this.loading.timed(kb, path);
      if (loading === undefined) {
        if (current) changes.push(...this.apply(path, content, [kb]));
        continue;
      }
      if (current) kb.setText(path, content);
      if (loading === 'loaded') changes.push({ kb, paths: 'all' });
    }
    return changes;
  }

  /** Every loaded KB. */
  all(): KnowledgeBase[] {
    return [...this.kbs.values()];
  }

  /**
   * The KB that checks `path`: the one whose configuration override it is
   * (wherever it lies), else the one with the deepest root holding it, or
   * `undefined`.
   */
  kbFor(path: string): KnowledgeBase | undefined {
    let best: KnowledgeBase | undefined;
    for (const kb of this.kbs.values()) {
      if (kb.configOverride === path) return kb;
      if (isInside(path, kb.root) && (best === undefined || kb.root.length > best.root.length)) best = kb;
    }
    return best;
  }

  /** The configuration file set for a workspace folder, or `undefined` when its `kb.config.json` files count. */
  configPathOf(folder: string): string | undefined {
    return this.configPaths.get(folder);
  }

  /**
   * Sets (or, with `undefined`, clears) the configuration file of a workspace
   * folder; it applies when the folder is next added or reloaded
   * ({@link reloadFolder}).
   */
  setConfigPath(folder: string, configPath: string | undefined): void {
    if (configPath === undefined) this.configPaths.delete(folder);
    else this.configPaths.set(folder, configPath);
  }

  /** Whether the workspace folder's KBs are loaded (it was added and not removed). */
  hasFolder(folder: string): boolean {
    return this.rootsByFolder.has(folder);
  }

  /** Whether `path` is open in the editor. */
  isOpen(path: string): boolean {
    return this.buffers.has(path);
  }

  /** Paths of the open buffers. */
  openPaths(): string[] {
    return [...this.buffers.keys()];
  }

  /**
   * Loads the KBs of a workspace folder: each folder below it holding a
   * `kb.config.json`, and the KB enclosing it when the folder is inside one.
   * Returns the folder's KBs (also those loaded before, e.g. for a file
   * opened while the folder was being searched).
   */
  async addFolder(folder: string): Promise<KnowledgeBase[]> {
    const configPath = this.configPaths.get(folder);
    if (configPath !== undefined) return [await this.addFolderWithConfig(folder, configPath)];
    const listing = await this.engine.listFolder(folder);
    const roots = new Set(kbRootsIn(listing));
    const enclosing = await this.engine.findEnclosingKbRoot(folder);
    if (enclosing !== undefined) roots.add(enclosing);
    this.rootsByFolder.set(folder, roots);
    const result: KnowledgeBase[] = [];
    for (const root of [...roots].sort()) result.push(this.kbs.get(root) ?? (await this.load(root, { listing })));
    return result;
  }

  /**
   * A folder with a configuration file of its own is one KB, whatever
   * `kb.config.json` files it holds: KBs found below it by opening their files
   * give way to it.
   */
  private async addFolderWithConfig(folder: string, configPath: string): Promise<KnowledgeBase> {
    this.rootsByFolder.set(folder, new Set([folder]));
    const lazy = this.rootsByFolder.get(undefined);
    for (const root of [...lazy ?? []]) {
      if (root === folder || !isInside(root, folder)) continue;
      lazy?.delete(root);
      this.kbs.delete(root);
    }
    const existing = this.kbs.get(folder);
    return existing?.configOverride === configPath ? existing : this.load(folder, { configPath });
  }

  /**
   * Loads a folder's KBs again, after its configuration file was set,
   * changed or cleared: the KBs it held are dropped (with a configuration file,
   * also every KB below it) and the folder is added again. Returns both, so
   * the caller can clear the old findings and check the new KBs.
   */
  async reloadFolder(folder: string): Promise<{ removed: KnowledgeBase[]; added: KnowledgeBase[] }> {
    const removed = this.removeFolder(folder);
    const covered = this.configPaths.has(folder);
    for (const [root, kb] of [...this.kbs]) {
      if (root !== folder && !(covered && isInside(root, folder))) continue;
      this.kbs.delete(root);
      for (const roots of this.rootsByFolder.values()) roots.delete(root);
      if (!removed.includes(kb)) removed.push(kb);
    }
    return { removed, added: await this.addFolder(folder) };
  }

  /** Forgets a workspace folder; returns the KBs no other folder needs (their findings must be cleared). */
  removeFolder(folder: string): KnowledgeBase[] {
    const roots = this.rootsByFolder.get(folder) ?? new Set<string>();
    this.rootsByFolder.delete(folder);
    const stillUsed = new Set([...this.rootsByFolder.values()].flatMap((set) => [...set]));
    const removed: KnowledgeBase[] = [];
    for (const root of roots) {
      const kb = this.kbs.get(root);
      if (kb === undefined || stillUsed.has(root)) continue;
      this.kbs.delete(root);
      removed.push(kb);
    }
    return removed;
  }

  /**
   * The KB of a file opened from outside the workspace folders (or with no
   * folder at all, as a single-file editor session does): the nearest
   * enclosing `kb.config.json` is looked for once per folder and its KB loaded.
   */
  async ensureKbFor(path: string): Promise<KnowledgeBase | undefined> {
    const known = this.kbFor(path);
    if (known !== undefined) return known;
    const folder = dirname(path);
    if (!this.enclosingCache.has(folder)) this.enclosingCache.set(folder, await this.engine.findEnclosingKbRoot(folder));
    const root = this.enclosingCache.get(folder);
    if (root === undefined) return extname(path) === '.scenario' ? this.looseScenarioKb(folder) : undefined;
    const existing = this.kbs.get(root);
    if (existing !== undefined) return existing;
    const kb = await this.load(root);
    const lazy = this.rootsByFolder.get(undefined) ?? new Set<string>();
    lazy.add(root);
    this.rootsByFolder.set(undefined, lazy);
    return kb;
  }

  /**
   * A KB for scenario files opened outside every KB, so they are still checked
   * against the bundled step catalog and model. It holds only the scenario
   * files of its folder that are opened (never articles), and it does not check
   * `@article:` tags, which have no KB to point into.
   */
  private async looseScenarioKb(folder: string): Promise<KnowledgeBase> {
    const existing = this.kbs.get(folder);
    if (existing !== undefined) return existing;
    const config = JSON.stringify({ articles: [], scenarios: ['*.scenario'], rules: { 'scenario-article-link': 'off' } });
    const kb = await KnowledgeBase.load(new InMemoryFileSystem({ [`${folder}/${CONFIG_FILE_NAME}`]: config }), folder, await this.engine.bundledKnowledge());
    this.kbs.set(folder, kb);
    const lazy = this.rootsByFolder.get(undefined) ?? new Set<string>();
    lazy.add(folder);
    this.rootsByFolder.set(undefined, lazy);
    return kb;
  }

  /** An editor opened or edited a buffer: its text replaces the file's. */
  async setBuffer(path: string, text: Exclude<FileContent, undefined>): Promise<KbChange[]> {
    this.buffers.set(path, text);
    return this.readNewlyHeldTexts(this.apply(path, text));
  }

  /** An editor closed a buffer: the file's text on disk counts again. */
  async closeBuffer(path: string): Promise<KbChange[]> {
    if (!this.buffers.delete(path)) return [];
    if (this.kbFor(path) === undefined) return [];
    return this.readNewlyHeldTexts(this.apply(path, await this.readForKb(path)));
  }

  /**
   * A watched file changed on disk. Open buffers win over the disk, so a
   * change to an open file is ignored until it is closed. Creating or deleting
   * a `kb.config.json` adds or removes a whole KB (not in a folder with a
   * configuration file of its own); deleting a folder reloads the KB that
   * held it. A configuration override is re-read for every KB that uses it.
   */
  async fileChanged(path: string, kind: FileEventKind): Promise<KbChange[]> {
    this.enclosingCache.clear();
    const overriding = this.overridesOf(path);
    const overrideChanges = overriding.length === 0 || this.buffers.has(path) ? [] : await this.readNewlyHeldTexts(this.apply(path, kind === 'deleted' ? undefined : await this.readForKb(path), overriding));
    if (basename(path) === CONFIG_FILE_NAME && !this.coveredByConfigPath(dirname(path))) {
      const root = dirname(path);
      if (kind === 'created' && !this.kbs.has(root) && this.folderOf(root) !== null) {
        const kb = await this.load(root);
        this.rootsByFolder.get(this.folderOf(root) ?? undefined)?.add(root);
        return [...overrideChanges, { kb, paths: 'all' }, ...this.reassignedFrom(kb)];
      }
      if (kind === 'deleted' && this.kbs.has(root)) {
        const kb = this.kbs.get(root)!;
        this.kbs.delete(root);
        for (const roots of this.rootsByFolder.values()) roots.delete(root);
        // An enclosing KB, if any, checks these files from now on.
        return [...overrideChanges, { kb, paths: [] }, ...this.reassignedFrom(kb)];
      }
    }
    const kb = this.ownerOf(path);
    if (kb === undefined || overriding.includes(kb)) return overrideChanges;
    if (this.buffers.has(path) || isSkipped(kb, path)) return overrideChanges;
    if (kind === 'deleted' && isFolder(kb, path)) {
      // A folder (or an extension-less file): reload the KB so every file below it is gone.
      return [...overrideChanges, { kb: await this.reload(kb), paths: 'all' }];
    }
    const changes = this.apply(path, kind === 'deleted' ? undefined : await this.readForKb(path), [kb]);
    return this.readNewlyHeldTexts([...overrideChanges, ...changes.map((change) => (kind === 'changed' ? change : { ...change, existence: true }))]);
  }

  /**
   * After a change of configuration, files the KB did not read before may be
   * its articles or step catalogs now: reads them, so the KB holds what a
   * fresh load would.
   */
  private async readNewlyHeldTexts(changes: KbChange[]): Promise<KbChange[]> {
    for (const { kb, paths } of changes) {
      if (paths !== 'all') continue;
      for (const path of kb.pathsWithoutText()) {
        if (this.buffers.has(path)) continue;
        // Waited for: after a configuration change, the whole KB is checked with what these files hold.
        const read = await this.readForKb(path);
        const text = read === AWAITING_TIMING ? await this.reads?.timeFirst(path) : read;
        if (text !== undefined) kb.setText(path, text);
      }
    }
    return changes;
  }

  /** Gives `path` its new text in `kbs` (by default, every KB holding it or configured by it). */
  private apply(path: string, text: FileContent, kbs: readonly KnowledgeBase[] = this.holdersOf(path)): KbChange[] {
    // A text still being timed does not replace the one the KB holds: it comes through onTextTimed.
    return kbs.filter((kb) => text !== AWAITING_TIMING || kb.textOf(path) === undefined).map((kb) => {
      const existed = kb.exists(path);
      const scope = kb.setText(path, text);
      // A buffer of a file not on disk, or its closing, makes the file appear or disappear as surely as a file event.
      const existence = existed !== kb.exists(path);
      return { kb, paths: scope === 'file' ? [path] : 'all', ...(existence ? { existence } : {}) };
    });
  }

  /** The KBs configured by `path` and the KB whose root holds it, each once. */
  private holdersOf(path: string): KnowledgeBase[] {
    const owner = this.ownerOf(path);
    const overriding = this.overridesOf(path);
    return owner === undefined || overriding.includes(owner) ? overriding : [...overriding, owner];
  }

  /** The KB with the deepest root holding `path`. */
  private ownerOf(path: string): KnowledgeBase | undefined {
    let best: KnowledgeBase | undefined;
    for (const kb of this.kbs.values()) {
      if (isInside(path, kb.root) && (best === undefined || kb.root.length > best.root.length)) best = kb;
    }
    return best;
  }

  /** The KBs whose configuration is read from `path` (a configuration override). */
  private overridesOf(path: string): KnowledgeBase[] {
    return [...this.kbs.values()].filter((kb) => kb.configOverride === path);
  }

  /** Whether `folder` is in a KB read with a configuration file of its own, where `kb.config.json` files do not count. */
  private coveredByConfigPath(folder: string): boolean {
    return [...this.kbs.values()].some((kb) => kb.configOverride !== undefined && isInside(folder, kb.root));
  }

  /** Text of a file as the KB keeps it: the files the KB reads are read, other files only need to exist (the KB says which). */
  private async readForKb(path: string): Promise<FileContent> {
    // A configuration override was named by the user: it is read wherever it is (as data only).
    if (this.overridesOf(path).length > 0) return this.fs.readText(path);
    // A symbolic link leading out of the KB reads as no file: nothing outside the KB is read.
    const kb = this.kbFor(path);
    const text = await this.fs.readText(path, kb?.root);
    if (text === undefined || kb === undefined || kb.holdsText(path)) return text;
    return BINARY_FILE;
  }

  /** Opens the KB at `root`, with the open buffers' texts; texts still being timed wait in {@link loading}. */
  private async load(root: string, options: OpenKbOptions = {}): Promise<KnowledgeBase> {
    const kb = await this.engine.openKb(root, options);
    this.kbs.set(root, kb);
    if (this.reads !== undefined) await this.loading.opened(kb, this.reads);
    for (const [path, text] of this.buffers) {
      if (this.kbFor(path) === kb) kb.setText(path, text);
    }
    return kb;
  }

  private async reload(kb: KnowledgeBase): Promise<KnowledgeBase> {
    this.kbs.delete(kb.root);
    return this.load(kb.root, kb.configOverride === undefined ? {} : { configPath: kb.configOverride });
  }

  /** The KBs enclosing `inner`: they stop (or start) checking its files when it appears (or goes). */
  private reassignedFrom(inner: KnowledgeBase): KbChange[] {
    const outer = [...this.kbs.values()].filter((kb) => kb !== inner && isInside(inner.root, kb.root));
    return outer.map((kb) => ({ kb, paths: 'all' as const }));
  }

  /**
   * The workspace folder holding `path` (`undefined` for lazily found KBs),
   * or `null` when the path is in no folder the session knows.
   */
  private folderOf(path: string): string | undefined | null {
    let best: string | undefined | null = null;
    for (const folder of this.rootsByFolder.keys()) {
      if (folder === undefined) continue;
      if (isInside(path, folder) && (best === null || best === undefined || folder.length > best.length)) best = folder;
    }
    if (best === null && [...(this.rootsByFolder.get(undefined) ?? [])].some((root) => isInside(path, root))) return undefined;
    return best;
  }
}

/** Whether a deleted path was a folder of the KB: it held checked files, or it has no extension and existed. */
function isFolder(kb: KnowledgeBase, path: string): boolean {
  if (kb.textOf(path) !== undefined) return false;
  if (kb.checkedPaths().some((candidate) => candidate !== path && isInside(candidate, path))) return true;
  return kb.exists(path) && extname(path) === '';
}

/** Whether `path` is in a folder the KB never scans (`.git`, `node_modules`...), whose events are noise. */
function isSkipped(kb: KnowledgeBase, path: string): boolean {
  return relativePath(kb.root, path).split('/').slice(0, -1).some((part) => SKIPPED_FOLDERS.includes(part));
}
