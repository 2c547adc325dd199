import type { LoadedConfig } from './config/config.js';
import type { MarkdownFile } from './markdown/parse-markdown.js';
import type { JsonFile } from './repository/json-file.js';
import type { YamlTocFile } from './repository/yaml-toc.js';
import type { ScenarioFile } from './scenario/gherkin/scenario-file.js';
import type { ModelFile } from './scenario/model/model-types.js';
import type { StepCatalogFile } from './scenario/steps/catalog-types.js';
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

/** A file the Learn build reads (`docfx.json`, `.openpublishing.*.json`), as the repository model parsed it. */
export interface RepositoryFile {
  readonly kind: 'repository';
  readonly path: string;
  readonly document: TextDocument;
  readonly json: JsonFile;
}

/** A problem model file (YAML) of the KB's `models` folder. */
export interface ProblemModelFile {
  readonly kind: 'model';
  readonly path: string;
  readonly document: TextDocument;
  readonly model: ModelFile;
}

/** The parsed form of each kind of file, as rules receive it. */
export interface FileTypes {
  article: MarkdownFile;
  /** `TOC.md`, or a DocFX YAML `toc.yml`. */
  toc: MarkdownFile | YamlTocFile;
  glossary: MarkdownFile;
  remediation: MarkdownFile;
  cause: MarkdownFile;
  claim: MarkdownFile;
  scenario: ScenarioFile;
  steps: StepsFile;
  model: ProblemModelFile;
  config: ConfigFile;
  repository: RepositoryFile;
}

/** Any parsed file. */
export type ParsedFile = MarkdownFile | YamlTocFile | ScenarioFile | StepsFile | ProblemModelFile | ConfigFile | RepositoryFile;
