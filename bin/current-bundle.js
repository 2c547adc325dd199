// Which code the bins run: the bundle `npm run build` writes to dist/cli/
// (a few files to load, not hundreds: it starts faster) while it is current,
// else the compiled modules in out/, so that a bin never runs older code than
// `tsc -b` produced.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tool's folder. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Whether the bundle is current: no file it was built from (listed in
 * dist/cli/inputs.json, written last by the build) is missing or newer than
 * it, the way make judges a target. No bundle, or no readable list of its
 * inputs, is not a bundle to trust.
 */
export function bundleIsCurrent() {
  try {
    const builtAt = statSync(path.join(ROOT, 'dist', 'cli', 'main.js')).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'cli', 'inputs.json'), 'utf8'));
    return Array.isArray(inputs) && inputs.every((input) => (statSync(path.join(ROOT, input), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) <= builtAt);
  } catch {
    return false;
  }
}
