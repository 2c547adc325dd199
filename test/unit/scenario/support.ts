import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type ScenarioFileEvaluation, evaluateScenarioFile } from '../../../server/src/core/scenario/evaluate.js';
import { type ParsedScenarioFile, parseScenario } from '../../../server/src/core/scenario/parse-scenario.js';
import { type StepCatalog, type StepCatalogFile, mergeStepCatalogs, parseStepCatalog } from '../../../server/src/core/scenario/step-catalog.js';

/** Root of the repository (tests run from out/test/unit/scenario). */
export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../../../..');

/** Path of the bundled step catalog in the repository. */
export const BUNDLED_CATALOG_PATH = path.join(REPOSITORY_ROOT, 'kb', 'steps', 'catalog.yaml');

/** The bundled catalog file, parsed. */
export function bundledCatalogFile(): StepCatalogFile {
  return parseStepCatalog(readFileSync(BUNDLED_CATALOG_PATH, 'utf8'), '/bundled/steps/catalog.yaml');
}

/** The bundled catalog, merged with catalog texts given as extra files. */
export function catalogWith(...extra: Array<{ path: string; text: string }>): StepCatalog {
  return mergeStepCatalogs([bundledCatalogFile(), ...extra.map((file) => parseStepCatalog(file.text, file.path))]).catalog;
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
