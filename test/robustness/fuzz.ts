/**
 * The long run of the robustness properties: `npm run fuzz`, or after a
 * build `node out/test/robustness/fuzz.js [--runs N] [--seed S] [--only text]`.
 * Runs every property N times (default 2,000; fewer for the costly ones, from
 * a new seed unless one is given) and prints fast-check's report of each
 * failure, with the seed and the shrunk input to replay it.
 *
 * With `--slow [--seconds N]`, searches instead for inputs that are slow per
 * byte for each parser (see `slow-fuzz.ts`), N seconds per parser (default 60).
 */
import { parseArgs } from 'node:util';
import { RULES } from '../../server/src/core/index.js';
import { changedSinceProperty } from './changed-since-property.js';
import { workspaceConsistencyProperty } from './consistency.js';
import { fixSafetyProperty } from './fix-safety.js';
import { ENGINE_PROPERTIES, fixProperty, incrementalProperty, propertyContext } from './properties.js';
import { fuzzSlowInputs } from './slow-fuzz.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' }, seed: { type: 'string' }, only: { type: 'string' }, slow: { type: 'boolean' }, seconds: { type: 'string', default: '60' } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (values.slow === true) {
  process.stdout.write(`fuzz --slow: ${values.seconds} s per parser, seed ${seed}\n`);
  process.exit(fuzzSlowInputs(Number(values.seconds), seed, values.only) === 0 ? 0 : 1);
}
const context = await propertyContext();
const fixSafety = await fixSafetyProperty();
const plan = [
  // Costly runs rebuild the KB's knowledge; the incremental property loads a fresh KB per run.
  ...ENGINE_PROPERTIES.map((property) => ({ property: property.build(context), runs: property.costly ? Math.ceil(runs / 5) : runs })),
  { property: incrementalProperty(context), runs: Math.ceil(runs / 10) },
  // Each run loads the bundled KB in a language server workspace and checks it fully at least twice.
  { property: workspaceConsistencyProperty(), runs: Math.ceil(runs / 50) },
  // Each run makes a git repository of the bundled KB and runs kb-lint on it three times.
  { property: changedSinceProperty(), runs: Math.ceil(runs / 100) },
  ...RULES.filter((rule) => rule.fix !== 'none').map((rule) => ({ property: fixProperty(context, rule), runs })),
  // Real articles of the shared corpora, where they are available.
  ...(fixSafety === undefined ? [] : [{ property: fixSafety, runs }]),
].filter(({ property }) => values.only === undefined || property.name.includes(values.only));

process.stdout.write(`fuzz: ${plan.length} properties, up to ${runs} runs each, seed ${seed}\n`);
let failed = 0;
for (const { property, runs: numRuns } of plan) {
  const started = performance.now();
  try {
    await property.check({ numRuns, seed });
    process.stdout.write(`ok    ${property.name}: ${numRuns} runs (${Math.round(performance.now() - started)} ms)\n`);
  } catch (error) {
    failed++;
    const cause = error instanceof Error && error.cause !== undefined ? `\nCause: ${error.cause instanceof Error ? error.cause.message : String(error.cause)}` : '';
    process.stdout.write(`FAIL  ${property.name}\n${error instanceof Error ? error.message : String(error)}${cause}\n`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
