import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundledGlossarySpellings, SCENARIO_GRAMMAR_PATH, termsPattern, TERMS_RULE, withTermsPattern } from './grammar-terms.js';

/**
 * Rewrites the known terms of the scenario grammar from the bundled glossary
 * (`kb/glossary`). Run from the repository root; a test fails when they drift.
 */
const root = process.cwd();
const file = path.join(root, SCENARIO_GRAMMAR_PATH);
const current = readFileSync(file, 'utf8');
const next = withTermsPattern(current, termsPattern(await bundledGlossarySpellings(root)));
if (next === undefined) {
  process.stderr.write(`${SCENARIO_GRAMMAR_PATH}: no "${TERMS_RULE}" rule in the grammar's repository\n`);
  process.exitCode = 1;
} else if (next !== current) {
  writeFileSync(file, next);
  process.stdout.write(`updated ${SCENARIO_GRAMMAR_PATH}\n`);
}
