import type { KbConfig, LoadedConfig } from './config/config.js';
import { compileMatchers, type FileMatchers } from './config/file-matchers.js';
import { FrontMatterReads } from './domain/front-matter-reads.js';
import { Knowledge, type KnowledgeFiles } from './domain/knowledge.js';
import { DependencyGraph } from './graph/dependency-graph.js';
import type { FileContent, KbFileSystem } from './kb-file-system.js';
import { CONFIG_FILE_NAME, type FolderListing, listFolder } from './kb-folder.js';
import type { KbView } from './kb-view.js';
import { mapConcurrently, READ_CONCURRENCY } from './map-concurrently.js';
import type { MarkdownFile } from './markdown/parse-markdown.js';
import type { ResolvedLink } from './markdown/resolve-link.js';
import type { ParsedFile } from './parsed-file.js';
import { dirname, extname, isInside, joinPath } from './paths.js';
import type { ScenarioFile } from './scenario/gherkin/scenario-file.js';
import type { EffectiveValue } from './repository/effective-metadata.js';
import { isYamlTocName } from './repository/yaml-toc.js';
import { LearnRepository } from './repository/learn-repository.js';
import type { RepositoryModel } from './repository/repository-model.js';
import { loadConfig, parseWithinLimits, type UnreadableFile, unreadableFile } from './parse-file.js';
import type { FileKind } from './types.js';

export type { UnreadableFile } from './parse-file.js';

export { CONFIG_FILE_NAME, SKIPPED_FOLDERS } from './kb-folder.js';

/** How a KB is opened. */
export interface KnowledgeBaseOptions {
  /**
   * Whether the KB's own domain files (glossary, remediations, causes,
   * claims, step catalogs, models) make up its knowledge; `false` uses the
   * bundled knowledge only, for workspaces the user does not trust: the KB's
   * own are then neither read nor checked, so no pattern, phrasing or model
   * a stranger wrote runs. Default `true`.
   */
  readonly ownKnowledge?: boolean;
  /**
   * Absolute path of a file to read the configuration from instead of the
   * root's `kb.config.json` (which is then an ordinary file of the KB). It may
   * lie outside the root, and it is read even when it does; when it cannot be
   * read, the defaults are used and a `config-invalid` finding on it says so.
   */
  readonly configPath?: string;
  /** The files below the root, when the host has just listed them: used instead of listing them again. */
  readonly listing?: FolderListing;
}

const TEXT_EXTENSIONS = new Set(['.md', '.scenario']);
const STEP_CATALOG_EXTENSIONS = new Set(['.yaml', '.yml']);

/**
 * One KB: its configuration, its files and their parsed forms, and the domain
 * knowledge derived from them. It holds the text of every file it checks
 * (open editor buffers override the disk) and parses each text once, on
 * first use; {@link setText} replaces one file and drops only what depended
 * on it.
 */
export class KnowledgeBase implements KbView {
  private loadedConfig: LoadedConfig;
  private readonly files = new Set<string>();
  private readonly folders = new Set<string>();
  private readonly texts = new Map<string, Exclude<FileContent, undefined>>();
  /** Parsed files, and texts beyond the parse limits (remembered so that they are not scanned or parsed again). */
  private readonly parsed = new Map<string, ParsedFile | UnreadableFile>();
  /** Glossary, remediation, cause and claim files as their entries are read: front matter, no syntax tree. */
  private readonly frontMatterReads = new FrontMatterReads((path) => this.texts.get(path));
  private knowledgeCache: Knowledge | undefined;
  private lowerCasePaths: Map<string, string> | undefined;
  /** Each path's kind once {@link kindOf} found it (a check asks thousands of times); emptied when the configuration or the repository changes, as a kind depends on them. */
  private readonly kinds = new Map<string, FileKind | undefined>();
  /** The last parse of Markdown files whose text changed since, for incremental re-parsing. */
  private readonly reparseBases = new Map<string, MarkdownFile>();
  /** Symbolic links below the root that lead outside it: never read, and a link to them leaves the KB. */
  private readonly linksOut = new Set<string>();
  private matchers: FileMatchers;
  private graph: DependencyGraph | undefined;
  /** {@link checkedPaths}, until a file appears or goes or the configuration changes: hosts and the graph ask for it many times per run. */
  private checked: readonly string[] | undefined;

  /** Whether the KB's own glossary, remediations, causes and claims count (false in an untrusted workspace). */
  private ownKnowledge = true;
  /** The configuration file named by {@link KnowledgeBaseOptions.configPath}, if any. */
  private override: string | undefined;
  /** The Learn repository the KB is (docsets, published pages, docfx.json metadata, redirections). */
  private readonly learn = new LearnRepository(this);

  private constructor(
    readonly root: string,
    private readonly bundled: Knowledge | undefined,
    loadedConfig: LoadedConfig,
  ) {
    this.loadedConfig = loadedConfig;
    this.matchers = compileMatchers(loadedConfig.config);
  }

  /**
   * Loads the KB at `root`: reads `kb.config.json` (defaults when absent or
   * broken), lists every file and reads the text of the files it checks.
   * `bundled` is the tool's own knowledge, laid under the KB's unless the
   * config turns it off. Never throws; unreadable files are remembered and
   * reported by {@link check}.
   */
  static async load(fs: KbFileSystem, root: string, bundled?: Knowledge, options: KnowledgeBaseOptions = {}): Promise<KnowledgeBase> {
    const override = options.configPath;
    const configPath = override ?? joinPath(root, CONFIG_FILE_NAME);
    const { files: listed, linksOut } = options.listing?.folder === root ? options.listing : await listFolder(fs, root);
    // Only a listed configuration is read: the file system leaves out links that lead outside the KB.
    // An override was named by the user: it is read wherever it is, and never as anything but data.
    const configText = override !== undefined || listed.includes(configPath) ? await fs.readText(configPath) : undefined;
    const kb = new KnowledgeBase(root, bundled, loadConfig(configPath, configText, override !== undefined));
    kb.override = override;
    kb.ownKnowledge = options.ownKnowledge ?? true;
    if (typeof configText === 'string') kb.texts.set(configPath, configText);
    for (const path of listed) kb.addPath(path);
    for (const path of linksOut) kb.linksOut.add(path);
    const toRead = [...kb.files].filter((path) => path !== configPath && kb.needsText(path));
    const contents = await mapConcurrently(toRead, READ_CONCURRENCY, async (path) => fs.readText(path));
    toRead.forEach((path, index) => {
      const content = contents[index];
      if (content !== undefined) kb.texts.set(path, content);
    });
    // Kinds asked for while the texts were being listed may depend on the repository files just read.
    kb.kinds.clear();
    return kb;
  }

  get config(): KbConfig {
    return this.loadedConfig.config;
  }

  /** Problems of `kb.config.json` (empty when it is valid or absent). */
  get configProblems(): LoadedConfig['problems'] {
    return this.loadedConfig.problems;
  }

  /** The file the configuration is read from when it is not the root's `kb.config.json` (see {@link KnowledgeBaseOptions.configPath}). */
  get configOverride(): string | undefined {
    return this.override;
  }

  /** How the Learn build sees the KB: docsets, published pages, `docfx.json` metadata, redirections. */
  get repository(): RepositoryModel {
    return this.learn.model;
  }

  /** The repository files whose change changes the findings of `path` (its `docfx.json`, the publish configuration, redirection files). */
  repositoryDependenciesOf(path: string): string[] {
    return this.learn.dependenciesOf(path);
  }

  /** The metadata the Learn build gives an article: its front matter over what its docset's `docfx.json` supplies. */
  effectiveMetadata(file: MarkdownFile): ReadonlyMap<string, EffectiveValue> {
    return this.learn.effectiveMetadata(file);
  }

  /** A link destination of the file at `fromPath`, resolved as the build does (`~/` is the root of the file's docset). */
  resolveLink(fromPath: string, url: string): ResolvedLink {
    return this.learn.resolveLink(fromPath, url);
  }

  get knowledge(): Knowledge {
    const base = this.config.useBundledKb ? this.bundled : undefined;
    this.knowledgeCache ??= this.ownKnowledge ? Knowledge.build(this.domainFiles(), 'kb', base) : base ?? Knowledge.empty();
    return this.knowledgeCache;
  }

  /** Who depends on whom among the KB's files: what to check again after a change (`graph/`). */
  get dependencies(): DependencyGraph {
    this.graph ??= new DependencyGraph(this);
    return this.graph;
  }

  /**
   * Whether the KB reads the text of the file at `path` (articles, scenarios,
   * domain files, step catalogs, the configuration); other files (images,
   * includes of other types) only need to exist. Hosts read a file that
   * changed on disk as text only when this says so.
   */
  holdsText(path: string): boolean {
    return path === this.override || this.needsText(path) || this.kindOf(path) !== undefined;
  }

  /**
   * Files the KB reads ({@link holdsText}) but holds no text for: after a
   * configuration change made them articles, scenarios or step catalogs, a
   * host reads them and gives them to {@link setText}.
   */
  pathsWithoutText(): string[] {
    return [...this.files].filter((path) => typeof this.texts.get(path) !== 'string' && this.holdsText(path)).sort();
  }

  /** The KB's own domain files: glossary, remediations, causes and claims read as far as their front matter, step catalogs and models parsed on first use. */
  domainFiles(): KnowledgeFiles {
    const ofKind = <T>(kind: FileKind, read: (file: ParsedFile | UnreadableFile | undefined) => T[]): T[] => this.checkedPaths().flatMap((path) => (this.kindOf(path) === kind ? read(this.parse(path)) : []));
    const frontMatterOfKind = (kind: FileKind) => this.checkedPaths().flatMap((path) => (this.kindOf(path) === kind ? (this.frontMatterReads.read(path) ?? []) : []));
    return {
      glossary: frontMatterOfKind('glossary'),
      remediations: frontMatterOfKind('remediation'),
      causes: frontMatterOfKind('cause'),
      claims: frontMatterOfKind('claim'),
      get steps() {
        return ofKind('steps', (file) => (file?.kind === 'steps' ? [file.catalog] : []));
      },
      get models() {
        return ofKind('model', (file) => (file?.kind === 'model' ? [file.model] : []));
      },
      hasFile: (path) => this.files.has(path),
    };
  }

  /**
   * Whether `path` is reached through a symbolic link of the KB that leads
   * outside its root (the link itself, or a file below a linked folder).
   */
  isBehindLinkOut(path: string): boolean {
    if (this.linksOut.size === 0) return false;
    for (let current = path; isInside(current, this.root) && current !== this.root; current = dirname(current)) {
      if (this.linksOut.has(current)) return true;
    }
    return false;
  }

  /** Every file of the KB (checked or not: images, includes...), sorted. */
  allPaths(): string[] {
    return [...this.files].sort();
  }

  /** Every path of the KB whose kind is checked, sorted; a configuration override counts, wherever it is and even when it cannot be read. */
  checkedPaths(): string[] {
    if (this.checked === undefined) {
      const paths = [...this.files].filter((path) => this.kindOf(path) !== undefined);
      if (this.override !== undefined && !this.files.has(this.override)) paths.push(this.override);
      this.checked = paths.sort();
    }
    return [...this.checked];
  }

  exists(path: string): boolean {
    return this.files.has(path) || this.folders.has(path) || path === this.root || path === this.override;
  }

  /** The existing file whose path equals `path` but for letter case, or `undefined`. */
  existingPathIgnoringCase(path: string): string | undefined {
    this.lowerCasePaths ??= new Map([...this.files].map((file) => [file.toLowerCase(), file]));
    return this.lowerCasePaths.get(path.toLowerCase());
  }

  kindOf(path: string): FileKind | undefined {
    if (this.kinds.has(path)) return this.kinds.get(path);
    const kind = this.findKind(path);
    this.kinds.set(path, kind);
    return kind;
  }

  private findKind(path: string): FileKind | undefined {
    if (path === this.override) return 'config';
    if (!isInside(path, this.root) || path === this.root) return undefined;
    const relative = path.slice(this.root.endsWith('/') ? this.root.length : this.root.length + 1); // Held paths are normalized: no need to split them.
    if (relative === CONFIG_FILE_NAME) return this.override === undefined ? 'config' : undefined;
    if (this.learn.needsText(path) && this.learn.model.readsFile(path)) return 'repository';
    const extension = extname(path);
    if (extension === '.md') {
      const config = this.config;
      for (const [folder, kind] of [[config.glossary, 'glossary'], [config.remediations, 'remediation'], [config.causes, 'cause'], [config.claims, 'claim']] as const) {
        // Without its own knowledge (an untrusted workspace) the KB neither reads these files nor checks them.
        if (isInside(relative, folder) && relative !== folder) return this.ownKnowledge ? kind : undefined;
      }
      if (this.matchers.exclude(relative)) return undefined;
      const page = this.learn.pageKind(path);
      return page === 'article' && !this.matchers.article(relative) ? undefined : page;
    }
    if (extension === '.scenario' && !this.matchers.exclude(relative) && this.matchers.scenario(relative)) return 'scenario';
    if (STEP_CATALOG_EXTENSIONS.has(extension) && isInside(relative, this.config.steps) && relative !== this.config.steps) return this.ownKnowledge ? 'steps' : undefined;
    if (STEP_CATALOG_EXTENSIONS.has(extension) && isInside(relative, this.config.models) && relative !== this.config.models) return this.ownKnowledge ? 'model' : undefined;
    if (this.learn.isYamlToc(path) && !this.matchers.exclude(relative)) return 'toc';
    return undefined;
  }

  /** The parsed file at `path`, an {@link UnreadableFile}, or `undefined` when the KB does not check it. */
  parse(path: string): ParsedFile | UnreadableFile | undefined {
    const cached = this.parsed.get(path);
    if (cached !== undefined) return cached;
    const kind = this.kindOf(path);
    if (kind === 'repository') return this.learn.parse(path);
    const isMarkdownTarget = kind === undefined && extname(path) === '.md' && this.files.has(path);
    if (kind === undefined && !isMarkdownTarget) return undefined;
    const text = this.texts.get(path);
    // An unreadable override is still the configuration: its problem is that it cannot be read.
    const unreadableOverride = path === this.override && typeof text !== 'string';
    if (typeof text !== 'string' && !unreadableOverride) return unreadableFile(path, text);
    const base = this.reparseBases.get(path);
    this.reparseBases.delete(path);
    const file = parseWithinLimits(path, typeof text === 'string' ? text : '', kind, this.loadedConfig, base);
    this.parsed.set(path, file);
    return file;
  }

  markdown(path: string): MarkdownFile | undefined {
    if (!this.files.has(path) && !this.texts.has(path)) return undefined;
    const file = this.parse(path);
    return file?.kind === 'markdown' ? file : undefined;
  }

  articles(): readonly MarkdownFile[] {
    return this.markdownOfKind('article');
  }

  scenarios(): readonly ScenarioFile[] {
    return this.checkedPaths().flatMap((path) => {
      const file = this.kindOf(path) === 'scenario' ? this.parse(path) : undefined;
      return file?.kind === 'scenario' ? [file] : [];
    });
  }

  /**
   * Frees the syntax tree of a parsed Markdown file, keeping its headings,
   * anchors and links for cross-file checks; the tree is parsed again only if
   * a rule or an editor feature reads it. Hosts call it for files nobody edits.
   */
  releaseSyntaxTree(path: string): void {
    const file = this.parsed.get(path);
    if (file?.kind === 'markdown') file.releaseTree();
  }

  /** The current text of a file the KB holds, or `undefined`. */
  textOf(path: string): string | undefined {
    const text = this.texts.get(path);
    return typeof text === 'string' ? text : undefined;
  }

  /**
   * Replaces the text of one file (an edited buffer, or a file changed on
   * disk); `undefined` removes it. Returns the kinds of change, so callers know
   * whether the whole KB must be re-checked (config or domain files changed).
   */
  setText(path: string, text: FileContent): 'file' | 'knowledge' | 'config' {
    const existence = text === undefined ? this.files.has(path) : !this.files.has(path);
    // Kinds follow the configuration and the repository's files (all forgotten below when they change), not texts.
    this.kinds.delete(path);
    if (existence) this.checked = undefined;
    if (text === undefined) {
      this.files.delete(path);
      this.lowerCasePaths = undefined;
      this.texts.delete(path);
    } else {
      // An override outside the root is held for its text only: it adds no file or folder to the KB.
      if (path !== this.override || isInside(path, this.root)) this.addPath(path);
      this.texts.set(path, text);
    }
    // An edited Markdown file re-parses only the blocks the edit touched: keep its last parse as the base.
    const previous = this.parsed.get(path);
    if (previous?.kind === 'markdown' && typeof text === 'string') this.reparseBases.set(path, previous);
    else this.reparseBases.delete(path);
    this.parsed.delete(path);
    this.frontMatterReads.forget(path);
    const repositoryChanged = this.learn.fileChanged(path, existence);
    this.graph?.forget(path);
    const kind = this.kindOf(path);
    if (kind === 'config' || repositoryChanged) {
      if (kind === 'config') this.loadedConfig = loadConfig(path, text, path === this.override);
      this.matchers = compileMatchers(this.config);
      this.kinds.clear();
      this.checked = undefined;
      this.parsed.clear();
      this.frontMatterReads.clear();
      this.knowledgeCache = undefined;
      this.graph?.clear();
      return 'config';
    }
    if (kind === 'glossary' || kind === 'remediation' || kind === 'cause' || kind === 'claim' || kind === 'steps' || kind === 'model') {
      this.knowledgeCache = undefined;
      this.graph?.knowledgeChanged();
      return 'knowledge';
    }
    return 'file';
  }

  private markdownOfKind(kind: FileKind): MarkdownFile[] {
    return this.checkedPaths().flatMap((path) => {
      if (this.kindOf(path) !== kind) return [];
      const file = this.parse(path);
      return file?.kind === 'markdown' ? [file] : [];
    });
  }

  private addPath(path: string): void {
    if (this.files.has(path)) return;
    this.lowerCasePaths = undefined;
    this.checked = undefined;
    this.files.add(path);
    for (let folder = path.slice(0, path.lastIndexOf('/')); folder.length > this.root.length; folder = folder.slice(0, folder.lastIndexOf('/'))) {
      if (this.folders.has(folder)) break;
      this.folders.add(folder);
    }
  }

  private needsText(path: string): boolean {
    // Tables of contents by name (whether one is in a docset depends on the repository model, read after the texts); only YAML files may be step catalogs or models.
    return TEXT_EXTENSIONS.has(extname(path)) || this.learn.needsText(path) || isYamlTocName(path) || (STEP_CATALOG_EXTENSIONS.has(extname(path)) && (this.kindOf(path) === 'steps' || this.kindOf(path) === 'model'));
  }
}
