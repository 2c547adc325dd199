#!/usr/bin/env node
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const COMPILED = path.join(ROOT, 'out', 'server', 'src', 'cli', 'main.js');

/**
 * The CLI's code: the bundle `npm run build` writes to dist/cli/ (one file
 * to load, not hundreds: it starts faster), or the compiled modules in out/
 * when there is no bundle or it is stale, so that this never runs older code
 * than `tsc -b` produced. Stale: a file it was built from (dist/cli/inputs.json)
 * is missing or newer than the bundle, the way make judges a target.
 */
function cliModule() {
  const bundle = path.join(ROOT, 'dist', 'cli', 'main.js');
  try {
    const builtAt = statSync(bundle).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'cli', 'inputs.json'), 'utf8'));
    const current = Array.isArray(inputs) && inputs.every((input) => (statSync(path.join(ROOT, input), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) <= builtAt);
    if (current) return bundle;
  } catch {
    // No bundle, or no readable list of its inputs: not a bundle to trust.
  }
  return COMPILED;
}

// A reader that stops early (`kb-lint | head`) closes the pipe: not a failure of the tool.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const module = cliModule();
if (!existsSync(module)) {
  process.stderr.write('kb-lint: the tool is not built: run "npm run build" in its folder.\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(module).href);
const bundledRoot = path.join(ROOT, 'kb');
process.exitCode = await main({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env, bundledRoot });
