import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_VALIDATOR_PATH, configValidatorModule } from './config-validator-code.js';
import { kbConfigSchema, RULE_METADATA, type RuleMetadata } from '../core/index.js';
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
    return `| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${[rule.appliesTo].flat().join(', ')} | ${rule.defaultSeverity} | ${fix} | ${rule.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| Rule | Checks | Default | Fix | Description |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** The rules table of the writer's guide (`kb/README.md`): what each rule checks, linked to its page. */
export function writerRulesTable(): string {
  const rows = RULE_METADATA.map((rule) => `| [${rule.id}](../docs/rules/${rule.id}.md) | ${rule.description.replace(/\|/g, '\\|')} |`);
  return ['| Rule | What it checks |', '| --- | --- |', ...rows].join('\n');
}

/** The values a rule accepts in the `rules` object of `kb.config.json`. */
const RULE_SETTINGS = ['off', 'info', 'warning', 'error'] as const;

/** The schema entry of one rule under `rules`: its severities, its default and what it checks, as editors show them. */
function ruleSettingSchema(rule: RuleMetadata): object {
  return {
    description: `${rule.description} Default: ${rule.defaultSeverity}; "off" disables it.`,
    markdownDescription: `${rule.description}\n\nDefault: \`${rule.defaultSeverity}\`; \`"off"\` disables it. [Documentation](https://github.com/kb-authoring/kb-authoring/blob/main/docs/rules/${rule.id}.md)`,
    enum: [...RULE_SETTINGS],
    default: rule.defaultSeverity,
  };
}

/**
 * The configuration schema editors read (`server/kb.config.schema.json`,
 * contributed to VS Code for `kb.config.json`): the engine's schema, with
 * `rules` listing every rule id of the registry, so a mistyped id is flagged
 * as the writer types it. The engine reports unknown ids itself
 * (`config-invalid`), keeping the other rule settings.
 */
export function editorConfigSchema(): object {
  const rules = {
    description: 'Severity per rule id; "off" disables a rule.',
    type: 'object',
    properties: Object.fromEntries(RULE_METADATA.map((rule) => [rule.id, ruleSettingSchema(rule)])),
    additionalProperties: false,
  };
  return { ...kbConfigSchema, properties: { ...kbConfigSchema.properties, rules } };
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
    { path: 'server/kb.config.schema.json', content: `${JSON.stringify(editorConfigSchema(), null, 2)}\n` },
    { path: CONFIG_VALIDATOR_PATH, content: configValidatorModule() },
    { path: 'README.md', markers: ['<!-- rules:start -->', '<!-- rules:end -->'], content: rulesTable() },
    { path: 'kb/README.md', markers: ['<!-- rules:start -->', '<!-- rules:end -->'], content: writerRulesTable() },
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
