import type { LoadedConfig } from './config/config.js';
import type { MarkdownFile } from './markdown/parse-markdown.js';
import type { ScenarioFile } from './scenario/scenario-file.js';
import type { StepCatalogFile } from './scenario/step-catalog.js';
import type { TextDocument } from './text-document.js';

/** The parsed `kb.config.json` of a KB. */
export interface ConfigFile {
  readonly kind: 'config';
  readonly path: string;
  readonly document: TextDocument;
  readonly loaded: LoadedConfig;
}

/** A step catalog file (YAML) of the KB's `steps` folder. */
export interface StepsFile {
  readonly kind: 'steps';
  readonly path: string;
  readonly document: TextDocument;
  readonly catalog: StepCatalogFile;
}

/** The parsed form of each kind of file, as rules receive it. */
export interface FileTypes {
  article: MarkdownFile;
  glossary: MarkdownFile;
  remediation: MarkdownFile;
  cause: MarkdownFile;
  claim: MarkdownFile;
  scenario: ScenarioFile;
  steps: StepsFile;
  config: ConfigFile;
}

/** Any parsed file. */
export type ParsedFile = MarkdownFile | ScenarioFile | StepsFile | ConfigFile;
