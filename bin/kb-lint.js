#!/usr/bin/env node
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleIsCurrent, ROOT } from './current-bundle.js';

// A reader that stops early (`kb-lint | head`) closes the pipe: not a failure of the tool.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

// The bundle while it is current, else the compiled modules.
const module = bundleIsCurrent() ? path.join(ROOT, 'dist', 'cli', 'main.js') : path.join(ROOT, 'out', 'server', 'src', 'cli', 'main.js');
if (!existsSync(module)) {
  process.stderr.write('kb-lint: the tool is not built: run "npm run build" in its folder.\n');
  process.exit(2);
}
const { main, turnOffPretenuring } = await import(pathToFileURL(module).href);
turnOffPretenuring();
const bundledRoot = path.join(ROOT, 'kb');
process.exitCode = await main({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env, bundledRoot });
