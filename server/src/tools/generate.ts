import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyGenerated, generatedContents } from './generated-files.js';

/**
 * `npm run generate`: rewrites the files derived from the code (configuration
 * schema with every rule id and its validation code, the rules tables of README.md and kb/README.md,
 * decision table). A test fails when they drift.
 */
const root = process.cwd();
let failed = false;
for (const generated of generatedContents()) {
  const file = path.join(root, generated.path);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const next = applyGenerated(current, generated);
  if (next === undefined) {
    process.stderr.write(`${generated.path}: markers ${generated.markers?.join(' ... ')} not found\n`);
    failed = true;
  } else if (next !== current) {
    writeFileSync(file, next);
    process.stdout.write(`updated ${generated.path}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
