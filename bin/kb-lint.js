#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { main } from '../out/server/src/cli/main.js';

// A reader that stops early (`kb-lint | head`) closes the pipe: not a failure of the tool.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const bundledRoot = fileURLToPath(new URL('../kb', import.meta.url));
process.exitCode = await main({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env, bundledRoot });
