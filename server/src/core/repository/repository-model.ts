import { basename, dirname, isInside, joinPath, resolvePath } from '../paths.js';
import { DOCFX_FILE_NAME, DocfxConfig, type SuppliedValue } from './docfx-config.js';
import type { JsonFile, RepositoryFileProblem } from './json-file.js';
import { parsePublishConfig, PUBLISH_CONFIG_FILE_NAME, type PublishConfig } from './publish-config.js';
import { isRedirectionFileName, parseRedirectionFile, type Redirection } from './redirections.js';

/** Where a redirection finally leads: a file of the repository or a URL. */
export type RedirectTarget = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'url'; readonly url: string };

/** A redirection followed to its end. */
export interface RedirectOutcome {
  /** The redirections followed, the first one first. */
  readonly chain: readonly Redirection[];
  /** Where it ends; `undefined` when the chain comes back to a page it passed (a loop). */
  readonly target: RedirectTarget | undefined;
}

/** Redirections followed at most, so a long chain cannot stall a check. */
const MAX_CHAIN = 32;

/**
 * Whether `path` may be a file of the repository model of the KB at `root`,
 * by name alone (its publish configuration, a redirection file at the root,
 * or a `docfx.json`): the KB reads the text of such files.
 */
export function isRepositoryFileName(root: string, path: string): boolean {
  const name = basename(path);
  if (name === DOCFX_FILE_NAME) return true;
  return dirname(path) === root && (name === PUBLISH_CONFIG_FILE_NAME || isRedirectionFileName(name));
}

/**
 * How the Learn build sees a repository: its docsets (from
 * `.openpublishing.publish.config.json`, or every `docfx.json` without one),
 * the pages each publishes, the metadata `docfx.json` supplies, and the
 * redirections of its `.openpublishing.redirection*.json` files. Built from
 * the KB's file list and texts; never throws.
 */
export class RepositoryModel {
  private readonly publishConfig: PublishConfig | undefined;
  private readonly docsets: DocfxConfig[] = [];
  private readonly redirectionFiles: JsonFile[] = [];
  private readonly redirectionsBySource = new Map<string, Redirection>();
  private readonly jsonFiles = new Map<string, JsonFile>();
  /** Published pages by docset folder, then by URL path below the docset's base URL. */
  private publishedIndex: Map<string, Map<string, string>> | undefined;

  constructor(
    readonly root: string,
    private readonly paths: readonly string[],
    textOf: (path: string) => string | undefined,
    private readonly existingPath: (path: string) => string | undefined,
  ) {
    const publishPath = joinPath(root, PUBLISH_CONFIG_FILE_NAME);
    const publishText = textOf(publishPath);
    this.publishConfig = publishText === undefined ? undefined : parsePublishConfig(root, publishPath, publishText);
    if (this.publishConfig !== undefined) this.jsonFiles.set(publishPath, this.publishConfig.file);
    const docfxPaths = this.publishConfig === undefined
      ? paths.filter((path) => basename(path) === DOCFX_FILE_NAME)
      : this.listedDocfxPaths(this.publishConfig, new Set(paths));
    for (const path of docfxPaths) {
      const text = textOf(path);
      if (text === undefined) continue;
      const docset = new DocfxConfig(path, text);
      this.docsets.push(docset);
      this.jsonFiles.set(path, docset.file);
    }
    // The deepest docset first, so the first that holds a path is its own.
    this.docsets.sort((a, b) => b.folder.length - a.folder.length);
    for (const path of paths.filter((candidate) => dirname(candidate) === root && isRedirectionFileName(basename(candidate))).sort()) {
      const text = textOf(path);
      if (text === undefined) continue;
      const read = parseRedirectionFile(root, path, text);
      this.redirectionFiles.push(read.file);
      this.jsonFiles.set(path, read.file);
      for (const redirection of read.redirections) {
        const key = redirection.sourcePath.toLowerCase();
        if (!this.redirectionsBySource.has(key)) this.redirectionsBySource.set(key, redirection);
      }
    }
  }

  /** Paths of the files the model was read from: the KB depends on them (a change to one changes what every file is and holds). */
  get sourceFiles(): readonly string[] {
    return [...this.jsonFiles.keys()].sort();
  }

  /** Whether the model was read from `path`. */
  readsFile(path: string): boolean {
    return this.jsonFiles.has(path);
  }

  /** A repository file of the model, parsed, with its problems. */
  jsonFile(path: string): JsonFile | undefined {
    return this.jsonFiles.get(path);
  }

  /** Problems of a repository file (bad JSON, unexpected shapes), at their places. */
  problemsOf(path: string): readonly RepositoryFileProblem[] {
    return this.jsonFiles.get(path)?.problems ?? [];
  }

  /**
   * Whether `path` lies in a folder the build fills from another repository
   * (`dependent_repositories[].path_to_root` of the publish configuration,
   * letter case ignored): its files are not in this repository, so links to
   * them cannot be checked here.
   */
  isFromDependentRepository(path: string): boolean {
    const lower = path.toLowerCase();
    return (this.publishConfig?.dependentFolders ?? []).some((folder) => isInside(lower, folder.toLowerCase()));
  }

  /** Whether the repository defines docsets: then only the pages they publish are articles. */
  get hasDocsets(): boolean {
    return this.docsets.length > 0;
  }

  /** The docset holding `path` (the deepest `docfx.json` folder above it), if any. */
  docsetOf(path: string): DocfxConfig | undefined {
    return this.docsets.find((docset) => isInside(path, docset.folder) && path !== docset.folder);
  }

  /** Whether `path` is a page its docset publishes (`build.content`); `false` outside every docset. */
  isPublished(path: string): boolean {
    return this.docsetOf(path)?.publishes(path) ?? false;
  }

  /** The metadata the docset's `docfx.json` supplies to `path` (global, overridden by matching file metadata). */
  suppliedMetadata(path: string): ReadonlyMap<string, SuppliedValue> {
    return this.docsetOf(path)?.metadataFor(path) ?? new Map();
  }

  /** Every redirection, in file order. */
  redirections(): Redirection[] {
    const seen = new Set<Redirection>();
    return [...this.redirectionsBySource.values()].filter((entry) => !seen.has(entry) && seen.add(entry));
  }

  /** The redirection whose source is `path` (letter case ignored, as Learn resolves paths), if any. */
  redirectionOf(path: string): Redirection | undefined {
    return this.redirectionsBySource.get(path.toLowerCase());
  }

  /** Where `redirection` leads, following chains through other redirected pages; a loop ends with no target. */
  follow(redirection: Redirection): RedirectOutcome {
    const chain: Redirection[] = [redirection];
    for (let current = redirection; chain.length <= MAX_CHAIN;) {
      const target = this.targetOf(current);
      const next = target.kind === 'file' ? this.redirectionOf(target.path) : undefined;
      if (next === undefined) return { chain, target };
      if (chain.includes(next)) return { chain, target: undefined };
      chain.push(next);
      current = next;
    }
    return { chain, target: undefined };
  }

  /**
   * Where one redirection points. A relative `redirect_url` is resolved
   * against the source page's URL, as a browser would, and names the page its
   * docset publishes there (else the file it names beside the source, `.md`
   * added). A site-root URL (`/exchange/...`) names the page some docset
   * publishes at that URL: a docset's base URL is not in the repository, so
   * the URL's leading segments are tried off one by one, and the longest
   * match counts; a page never redirects to itself, so when that match is the
   * page itself the URL is another site's. Anything else is a URL.
   */
  targetOf(redirection: Redirection): RedirectTarget {
    const url = redirection.redirectUrl.trim();
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return { kind: 'url', url };
    const urlPath = url.replace(/[?#].*$/, '');
    const source = redirection.sourcePath;
    if (!url.startsWith('/')) {
      const docset = this.docsetOf(source);
      const sourceUrl = docset?.publishedUrlPath(source);
      if (docset !== undefined && sourceUrl !== undefined) {
        // An `index` page's URL is its folder's, so relative URLs resolve inside that folder.
        const base = /(^|\/)index\.md$/i.test(source) ? sourceUrl : dirname(`/${sourceUrl}`).slice(1);
        const page = this.publishedPages().get(docset.folder)?.get(joinPath(base === '' ? '.' : base, urlPath).replace(/^\.$/, '').toLowerCase());
        if (page !== undefined && page !== source) return { kind: 'file', path: page };
      }
      const path = resolvePath(dirname(source), urlPath);
      for (const candidate of [path, `${path}.md`, joinPath(path, 'index.md')]) {
        const found = this.existingPath(candidate) ?? (this.redirectionOf(candidate) === undefined ? undefined : candidate);
        if (found !== undefined && found !== source) return { kind: 'file', path: found };
      }
      return { kind: 'file', path: path.toLowerCase().endsWith('.md') ? path : `${path}.md` };
    }
    const segments = urlPath.toLowerCase().split('/').filter(Boolean);
    for (let start = 0; start < segments.length; start++) {
      const suffix = segments.slice(start).join('/');
      for (const pages of this.publishedPages().values()) {
        const page = pages.get(suffix);
        // The longest match being the page itself means the URL is another site's (say an archive's) page of the same name.
        if (page !== undefined) return page === source ? { kind: 'url', url } : { kind: 'file', path: page };
      }
    }
    return { kind: 'url', url };
  }

  /** The published pages (and redirected sources, which were pages), by docset, by URL path below the docset's base URL. */
  private publishedPages(): Map<string, Map<string, string>> {
    if (this.publishedIndex !== undefined) return this.publishedIndex;
    const index = new Map<string, Map<string, string>>();
    const add = (path: string): void => {
      const docset = this.docsetOf(path);
      const url = docset?.publishedUrlPath(path);
      if (docset === undefined || url === undefined || url === '') return;
      const pages = index.get(docset.folder) ?? new Map<string, string>();
      if (!pages.has(url)) pages.set(url, path);
      index.set(docset.folder, pages);
    };
    for (const path of this.paths) if (path.toLowerCase().endsWith('.md')) add(path);
    for (const redirection of this.redirectionsBySource.values()) add(redirection.sourcePath);
    this.publishedIndex = index;
    return index;
  }

  private listedDocfxPaths(config: PublishConfig, existing: ReadonlySet<string>): string[] {
    const result: string[] = [];
    for (const docset of config.docsets) {
      const path = joinPath(docset.folder, DOCFX_FILE_NAME);
      if (existing.has(path)) result.push(path);
      else config.file.problems.push({ path: config.file.path, range: docset.range, message: `The docset folder has no ${DOCFX_FILE_NAME}; its files are not published.` });
    }
    return result;
  }
}
