import type { MarkdownFile } from '../markdown/parse-markdown.js';
import { resolveLink, type ResolvedLink } from '../markdown/resolve-link.js';
import type { RepositoryFile } from '../parsed-file.js';
import { basename } from '../paths.js';
import { effectiveMetadata, type EffectiveValue } from './effective-metadata.js';
import { isRepositoryFileName, RepositoryModel } from './repository-model.js';
import { isYamlTocName } from './yaml-toc.js';

/** What the repository model reads from the KB that holds it. */
export interface RepositorySource {
  readonly root: string;
  allPaths(): readonly string[];
  textOf(path: string): string | undefined;
  existingPathIgnoringCase(path: string): string | undefined;
}

/** How a Markdown file counts for the Learn build. */
export type PageKind = 'article' | 'toc' | undefined;

/**
 * A KB's view of its Learn repository: the {@link RepositoryModel}, read
 * once on first use and read again only after one of its files changes
 * ({@link fileChanged}). This is the one place that records what depends on
 * `docfx.json` and the `.openpublishing.*.json` files: every file's kind,
 * effective metadata, `~/` links and redirections do.
 */
export class LearnRepository {
  private cached: RepositoryModel | undefined;
  /** The last file's effective metadata (see {@link effectiveMetadata}). */
  private lastMetadata: { readonly model: RepositoryModel; readonly file: MarkdownFile; readonly metadata: ReadonlyMap<string, EffectiveValue> } | undefined;

  constructor(private readonly source: RepositorySource) {}

  /** The model, read on first use. */
  get model(): RepositoryModel {
    this.cached ??= new RepositoryModel(this.source.root, this.source.allPaths(), (path) => this.source.textOf(path), (path) => this.source.existingPathIgnoringCase(path));
    return this.cached;
  }

  /** Whether the KB reads the text of `path` for the model (by name: it may become one of its files). */
  needsText(path: string): boolean {
    return isRepositoryFileName(this.source.root, path);
  }

  /**
   * Called when a file appears, changes or goes. Returns whether the model
   * depended on it (then every file's kind, metadata and links may have
   * changed); a file appearing or going also changes which redirect targets
   * exist, so the model is read again then too.
   */
  fileChanged(path: string, existence: boolean): boolean {
    const dependency = this.needsText(path) || (this.cached?.readsFile(path) ?? false);
    if (dependency || existence) this.cached = undefined;
    return dependency;
  }

  /** The repository files a file's findings depend on: its docset's `docfx.json`, the publish configuration, the redirection files. */
  dependenciesOf(path: string): string[] {
    const model = this.model;
    const docset = model.docsetOf(path)?.file.path;
    return model.sourceFiles.filter((file) => file === docset || !file.endsWith('/docfx.json'));
  }

  /** Whether `path` is a YAML table of contents (`toc.yml`) the build reads: inside a docset, or anywhere when the repository defines none. */
  isYamlToc(path: string): boolean {
    if (!isYamlTocName(path)) return false;
    const model = this.model;
    return !model.hasDocsets || model.docsetOf(path) !== undefined;
  }

  /**
   * How the build treats a Markdown file: a table of contents (`TOC.md`), an
   * article (a page its docset publishes, or any file when the repository
   * defines no docsets), or neither (excluded: includes, README...).
   */
  pageKind(path: string): PageKind {
    if (basename(path).toLowerCase() === 'toc.md') return 'toc';
    const model = this.model;
    return !model.hasDocsets || model.isPublished(path) ? 'article' : undefined;
  }

  /** The parsed form of one of the model's files, or `undefined` when the model does not read `path`. */
  parse(path: string): RepositoryFile | undefined {
    const json = this.model.jsonFile(path);
    return json === undefined ? undefined : { kind: 'repository', path, document: json.document, json };
  }

  /** A link destination of the file at `fromPath` resolved as the build does (`~/` from the file's docset folder). */
  resolveLink(fromPath: string, url: string): ResolvedLink {
    return resolveLink(fromPath, url, this.model.docsetOf(fromPath)?.folder ?? this.source.root);
  }

  /**
   * The metadata the build gives `file` (front matter over `docfx.json` file
   * metadata over global metadata). The last file's is kept: several rules of
   * one check ask for it in turn. Only the last: it holds the front matter's
   * view with ranges, which a KB keeps for no file it is not checking.
   */
  effectiveMetadata(file: MarkdownFile): ReadonlyMap<string, EffectiveValue> {
    const model = this.model;
    const last = this.lastMetadata;
    if (last?.file === file && last.model === model) return last.metadata;
    const metadata = effectiveMetadata(model, file);
    this.lastMetadata = { model, file, metadata };
    return metadata;
  }
}
