/**
 * The long run of the robustness properties: `npm run fuzz`, or after a
 * build `node out/test/robustness/fuzz.js [--runs N] [--seed S] [--only text]`.
 * Runs every property N times (default 2,000) and prints fast-check's report
 * of the first failure, with the seed and shrunk input to replay it.
 */
import { parseArgs } from 'node:util';
import { RULES } from '../../server/src/core/index.js';
import { engineProperties, fixProperty, incrementalProperty, propertyContext } from './properties.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' }, seed: { type: 'string' }, only: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const context = await propertyContext();
const fixable = RULES.filter((rule) => rule.fix !== 'none').map((rule) => fixProperty(context, rule));
const properties = [...engineProperties(context), incrementalProperty(context), ...fixable].filter((property) => values.only === undefined || property.name.includes(values.only));

process.stdout.write(`fuzz: ${properties.length} properties, ${runs} runs each, seed ${seed}\n`);
let failed = 0;
for (const property of properties) {
  const started = performance.now();
  try {
    // The incremental property loads a fresh KB per run: a tenth of the runs take as long as the others.
    await property.check({ numRuns: property.name.startsWith('edits') ? Math.ceil(runs / 10) : runs, seed });
    process.stdout.write(`ok    ${property.name} (${Math.round(performance.now() - started)} ms)\n`);
  } catch (error) {
    failed++;
    const cause = error instanceof Error && error.cause !== undefined ? `\nCause: ${error.cause instanceof Error ? error.cause.message : String(error.cause)}` : '';
    process.stdout.write(`FAIL  ${property.name}\n${error instanceof Error ? error.message : String(error)}${cause}\n`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
