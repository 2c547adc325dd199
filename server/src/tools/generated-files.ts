import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { kbConfigSchema, RULE_METADATA } from '../core/index.js';
import { decisionTableCoverage } from '../core/scenario/coverage.js';
import { type TableCoverage, modelsWithTables, renderDecisionTable } from '../core/scenario/decision-table.js';
import { evaluateScenarioFile } from '../core/scenario/evaluate.js';
import { parseScenarioFile } from '../core/scenario/gherkin/scenario-file.js';
import { parseStepCatalog } from '../core/scenario/steps/parse-catalog.js';
import { mergeStepCatalogs } from '../core/scenario/steps/step-catalog.js';
import type { ProblemModel } from '../core/scenario/model/model-types.js';
import { readModelFile } from '../core/scenario/model/read-model.js';

/** The repository this module is built in (it runs from `out/server/src/tools`). */
const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');

/** A file (or a marked region of one) whose content is derived from the code. */
export interface GeneratedContent {
  /** Path relative to the repository root. */
  readonly path: string;
  /** When set, only the text between these two marker lines is generated. */
  readonly markers?: readonly [start: string, end: string];
  readonly content: string;
}

/** The rules table of the README, from the registry. */
export function rulesTable(): string {
  const rows = RULE_METADATA.map((rule) => {
    const fix = rule.fix === 'safe' ? 'safe' : rule.fix === 'suggestion' ? 'suggestion' : '';
    return `| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.appliesTo} | ${rule.defaultSeverity} | ${fix} | ${rule.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| Rule | Checks | Default | Fix | Description |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** The problem models of the bundled KB (`kb/models/*.yaml` under `repositoryRoot`) that load without errors. */
export function bundledModels(repositoryRoot: string): ProblemModel[] {
  const folder = path.join(repositoryRoot, 'kb', 'models');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .flatMap((name) => readModelFile(readFileSync(path.join(folder, name), 'utf8'), `/kb/models/${name}`).model ?? []);
}

/** Which scenarios of the bundled KB cover each row of `model`'s table, linked from the page in `kb/`. */
function bundledCoverage(repositoryRoot: string, model: ProblemModel, models: readonly ProblemModel[]): TableCoverage | undefined {
  const kb = path.join(repositoryRoot, 'kb');
  const yamlIn = (folder: string): string[] => readdirSync(path.join(kb, folder)).filter((name) => name.endsWith('.yaml')).sort();
  const catalogs = yamlIn('steps').map((name) => parseStepCatalog(readFileSync(path.join(kb, 'steps', name), 'utf8'), `/kb/steps/${name}`));
  const { catalog } = mergeStepCatalogs(catalogs, models);
  const files = readdirSync(path.join(kb, 'scenarios')).filter((name) => name.endsWith('.scenario')).sort().map((name) => {
    const file = parseScenarioFile(`/kb/scenarios/${name}`, readFileSync(path.join(kb, 'scenarios', name), 'utf8'));
    return { path: file.path, evaluation: evaluateScenarioFile(file, catalog) };
  });
  const rows = decisionTableCoverage(model, files);
  return rows === undefined ? undefined : { rows, link: (file) => file.replace(/^\/kb\//, '') };
}

/** The page a model's decision table is generated into: the first model keeps `kb/decision-table.md`. */
export function decisionTablePath(model: ProblemModel, index: number): string {
  return index === 0 ? 'kb/decision-table.md' : `kb/decision-table-${model.id}.md`;
}

/** Every generated file or region of the repository. */
export function generatedContents(repositoryRoot: string = REPOSITORY_ROOT): GeneratedContent[] {
  const models = bundledModels(repositoryRoot);
  return [
    { path: 'server/kb.config.schema.json', content: `${JSON.stringify(kbConfigSchema, null, 2)}\n` },
    { path: 'README.md', markers: ['<!-- rules:start -->', '<!-- rules:end -->'], content: rulesTable() },
    ...modelsWithTables(models).map((model, index) => ({
      path: decisionTablePath(model, index),
      content: renderDecisionTable(model, bundledCoverage(repositoryRoot, model, models)) ?? '',
    })),
  ];
}

/** `current` with the generated part replaced; `undefined` when the markers are missing. */
export function applyGenerated(current: string, generated: GeneratedContent): string | undefined {
  if (generated.markers === undefined) return generated.content;
  const [startMarker, endMarker] = generated.markers;
  const start = current.indexOf(startMarker);
  const end = current.indexOf(endMarker);
  if (start === -1 || end < start) return undefined;
  return `${current.slice(0, start + startMarker.length)}\n${generated.content}\n${current.slice(end)}`;
}
