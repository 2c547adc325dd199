import type { LoadedConfig } from './config/config.js';
import type { MarkdownFile } from './markdown/parse-markdown.js';
import type { ScenarioFile } from './scenario/scenario-file.js';
import type { TextDocument } from './text-document.js';

/** The parsed `kb.config.json` of a KB. */
export interface ConfigFile {
  readonly kind: 'config';
  readonly path: string;
  readonly document: TextDocument;
  readonly loaded: LoadedConfig;
}

/** The parsed form of each kind of file, as rules receive it. */
export interface FileTypes {
  article: MarkdownFile;
  glossary: MarkdownFile;
  remediation: MarkdownFile;
  cause: MarkdownFile;
  claim: MarkdownFile;
  scenario: ScenarioFile;
  config: ConfigFile;
}

/** Any parsed file. */
export type ParsedFile = MarkdownFile | ScenarioFile | ConfigFile;
