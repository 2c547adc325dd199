/**
 * Benchmark rows of problem models: loading a model file, and parsing and
 * evaluating a 200-scenario file against the bundled model (cold: a fresh
 * model each time, so no run is cached; warm: the same model, as when the
 * editor re-checks a file). Part of `npm run bench`; runs alone with
 * `node out/server/src/tools/bench-models.js`.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { evaluateScenarioFile } from '../core/scenario/evaluate.js';
import { parseScenarioFile } from '../core/scenario/gherkin/scenario-file.js';
import type { ProblemModel } from '../core/scenario/model/model-types.js';
import { readModelFile } from '../core/scenario/model/read-model.js';
import type { StepCatalog } from '../core/scenario/steps/catalog-types.js';
import { parseStepCatalog } from '../core/scenario/steps/parse-catalog.js';
import { mergeStepCatalogs } from '../core/scenario/steps/step-catalog.js';

/** A measured row: median, min and max in milliseconds. */
export interface ModelBenchRow {
  readonly name: string;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly budget?: { readonly name: string; readonly limit: number };
}

/** Measures the model rows on the bundled KB at `bundledRoot`, `times` samples each. */
export async function benchModels(bundledRoot: string, times: number): Promise<ModelBenchRow[]> {
  const modelPath = path.join(bundledRoot, 'models', 'lync-mapi-prompt.yaml');
  const modelText = await fs.readFile(modelPath, 'utf8');
  const catalogText = await fs.readFile(path.join(bundledRoot, 'steps', 'catalog.yaml'), 'utf8');
  const scenarioText = await twoHundredScenarios(bundledRoot);
  const load = sample(times, () => void readModelFile(modelText, '/bench/models/lync-mapi-prompt.yaml'));
  const catalogFor = (model: ProblemModel): StepCatalog => mergeStepCatalogs([parseStepCatalog(catalogText, '/bench/steps/catalog.yaml')], [model]).catalog;
  const fresh = Array.from({ length: times }, () => catalogFor(loaded(modelText)));
  let next = 0;
  const cold = sample(times, () => void evaluateScenarioFile(parseScenarioFile('/bench/many.scenario', scenarioText), fresh[next++] ?? catalogFor(loaded(modelText))));
  const shared = catalogFor(loaded(modelText));
  evaluateScenarioFile(parseScenarioFile('/bench/many.scenario', scenarioText), shared);
  const warm = sample(times, () => void evaluateScenarioFile(parseScenarioFile('/bench/many.scenario', scenarioText), shared));
  return [
    { name: 'problem model: read and check kb/models/lync-mapi-prompt.yaml', ...load, budget: { name: 'loading a problem model (median)', limit: 20 } },
    { name: 'scenario file of 200 scenarios: parse and evaluate, no cached model runs', ...cold, budget: { name: '200-scenario file, parse and evaluate (median)', limit: 50 } },
    { name: 'scenario file of 200 scenarios: parse and evaluate again (model runs cached)', ...warm },
  ];
}

function loaded(text: string): ProblemModel {
  const model = readModelFile(text, '/bench/models/lync-mapi-prompt.yaml').model;
  if (model === undefined) throw new Error('The bundled model does not load.');
  return model;
}

function sample(times: number, action: () => void): { median: number; min: number; max: number } {
  const samples: number[] = [];
  for (let run = 0; run < times; run++) {
    const start = performance.now();
    action();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)] ?? 0, min: samples[0] ?? 0, max: samples[samples.length - 1] ?? 0 };
}

/** One feature with 200 scenarios, taken round-robin from the bundled KB's scenario files that use the bundled model. */
export async function twoHundredScenarios(bundledRoot: string): Promise<string> {
  const folder = path.join(bundledRoot, 'scenarios');
  const blocks: string[] = [];
  for (const name of (await fs.readdir(folder)).filter((file) => file.endsWith('.scenario')).sort()) {
    const text = await fs.readFile(path.join(folder, name), 'utf8');
    if (/^\s*@model:(?!lync-mapi-prompt\b)/m.test(text)) continue;
    blocks.push(...text.split(/\n(?=\s*Scenario:)/).slice(1).map((block) => block.trimEnd()));
  }
  const scenarios = Array.from({ length: 200 }, (_, index) => blocks[index % blocks.length] ?? '');
  return `Feature: Two hundred scenarios\n\n${scenarios.join('\n\n')}\n`;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.cwd(), 'kb');
  for (const row of await benchModels(root, Number(process.env.KB_BENCH_RUNS ?? 20))) {
    process.stdout.write(`${row.name}: median ${row.median.toFixed(1)} ms (min ${row.min.toFixed(1)}, max ${row.max.toFixed(1)})${row.budget === undefined ? '' : `, budget <= ${row.budget.limit} ms`}\n`);
  }
}
