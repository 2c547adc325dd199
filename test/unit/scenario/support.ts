import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { type ScenarioFileEvaluation, evaluateScenarioFile } from '../../../server/src/core/scenario/evaluate.js';
import { type ParsedScenarioFile, parseScenario } from '../../../server/src/core/scenario/gherkin/parse-scenario.js';
import type { ProblemModel } from '../../../server/src/core/scenario/model/model-types.js';
import { readModelFile } from '../../../server/src/core/scenario/model/read-model.js';
import type { StepCatalog, StepCatalogFile } from '../../../server/src/core/scenario/steps/catalog-types.js';
import { parseStepCatalog } from '../../../server/src/core/scenario/steps/parse-catalog.js';
import { mergeStepCatalogs } from '../../../server/src/core/scenario/steps/step-catalog.js';

/** Root of the repository (tests run from out/test/unit/scenario). */
export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../../../..');

/** Path of the bundled step catalog in the repository. */
export const BUNDLED_CATALOG_PATH = path.join(REPOSITORY_ROOT, 'kb', 'steps', 'catalog.yaml');

/** Path of the bundled problem model in the repository. */
export const BUNDLED_MODEL_PATH = path.join(REPOSITORY_ROOT, 'kb', 'models', 'lync-mapi-prompt.yaml');

let model: ProblemModel | undefined;

/** The bundled problem model, read once; a model with problems fails the calling test. */
export function bundledModel(): ProblemModel {
  if (model !== undefined) return model;
  const file = readModelFile(readFileSync(BUNDLED_MODEL_PATH, 'utf8'), '/bundled/models/lync-mapi-prompt.yaml');
  if (file.model === undefined) throw new Error(`The bundled model does not load: ${file.problems.map((problem) => `${problem.range.start.line + 1}: ${problem.message}`).join('; ')}`);
  model = file.model;
  return model;
}

/** The bundled catalog file, parsed. */
export function bundledCatalogFile(): StepCatalogFile {
  return parseStepCatalog(readFileSync(BUNDLED_CATALOG_PATH, 'utf8'), '/bundled/steps/catalog.yaml');
}

/** Every bundled model, the MAPI prompt model first (file name order). */
export function bundledModels(): ProblemModel[] {
  const folder = path.dirname(BUNDLED_MODEL_PATH);
  return readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort().map((name) => {
    if (path.join(folder, name) === BUNDLED_MODEL_PATH) return bundledModel();
    const file = readModelFile(readFileSync(path.join(folder, name), 'utf8'), `/bundled/models/${name}`);
    if (file.model === undefined) throw new Error(`The bundled model ${name} does not load.`);
    return file.model;
  });
}

/** The bundled catalog files (every model's), merged with catalog texts given as extra files, against every bundled model. */
export function catalogWith(...extra: Array<{ path: string; text: string }>): StepCatalog {
  const folder = path.dirname(BUNDLED_CATALOG_PATH);
  const others = readdirSync(folder).filter((name) => name.endsWith('.yaml') && path.join(folder, name) !== BUNDLED_CATALOG_PATH).sort()
    .map((name) => parseStepCatalog(readFileSync(path.join(folder, name), 'utf8'), `/bundled/steps/${name}`));
  return mergeStepCatalogs([bundledCatalogFile(), ...others, ...extra.map((file) => parseStepCatalog(file.text, file.path))], bundledModels()).catalog;
}

/** The text of `test/fixtures/scenario/<name>`. */
export function fixture(name: string): string {
  return readFileSync(path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'scenario', name), 'utf8');
}

/** Parses and evaluates a scenario text against `catalog` (the bundled one by default). */
export function evaluateText(text: string, catalog: StepCatalog = catalogWith()): { parsed: ParsedScenarioFile; evaluation: ScenarioFileEvaluation } {
  const parsed = parseScenario(text);
  return { parsed, evaluation: evaluateScenarioFile(parsed, catalog) };
}

/** A scenario text from lines, joined with `\n`. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}
