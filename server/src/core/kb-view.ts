import type { KbConfig } from './config/config.js';
import type { Knowledge } from './domain/knowledge.js';
import type { MarkdownFile } from './markdown/parse-markdown.js';
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
  /** Every scenario file of the KB, parsed. */
  scenarios(): readonly ScenarioFile[];
}
