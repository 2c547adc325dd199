import type { KbConfig } from './config/config.js';
import type { Knowledge } from './domain/knowledge.js';
import type { MarkdownFile } from './markdown/parse-markdown.js';
import type { ResolvedLink } from './markdown/resolve-link.js';
import type { EffectiveValue } from './repository/effective-metadata.js';
import type { RepositoryModel } from './repository/repository-model.js';
import type { ScenarioFile } from './scenario/gherkin/scenario-file.js';
import type { FileKind } from './types.js';

/** The read-only view of a KB that rules get: files, parsed content and domain knowledge. */
export interface KbView {
  /** Absolute path of the KB folder (where `kb.config.json` is, or the folder checked). */
  readonly root: string;
  readonly config: KbConfig;
  /** Glossary, remediations, causes, claims and steps: the KB's own merged with the bundled ones. */
  readonly knowledge: Knowledge;
  /** Whether a file (or a folder holding files) exists at `path`, counting open buffers. */
  exists(path: string): boolean;
  /** Whether `path` is reached through a symbolic link of the KB that leads outside its root. */
  isBehindLinkOut(path: string): boolean;
  /** The existing file whose path equals `path` but for letter case, or `undefined`. */
  existingPathIgnoringCase(path: string): string | undefined;
  /** The kind of a KB file, or `undefined` for files the KB does not check (images, includes...). */
  kindOf(path: string): FileKind | undefined;
  /** The parsed Markdown file at `path`, or `undefined` when it is not a readable Markdown file of the KB. */
  markdown(path: string): MarkdownFile | undefined;
  /** Every article of the KB, parsed. */
  articles(): readonly MarkdownFile[];
  /** How the Learn build sees the KB: docsets, published pages, `docfx.json` metadata, redirections. */
  readonly repository: RepositoryModel;
  /** The metadata the Learn build gives an article: its front matter over what its docset's `docfx.json` supplies. */
  effectiveMetadata(file: MarkdownFile): ReadonlyMap<string, EffectiveValue>;
  /** A link destination of the file at `fromPath`, resolved as the build does (`~/` is the root of the file's docset). */
  resolveLink(fromPath: string, url: string): ResolvedLink;
  /** Every scenario file of the KB, parsed. */
  scenarios(): readonly ScenarioFile[];
}
