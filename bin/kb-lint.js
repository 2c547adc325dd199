#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { main } from '../out/server/src/cli/main.js';

const bundledRoot = fileURLToPath(new URL('../kb', import.meta.url));
process.exitCode = await main({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env, bundledRoot });
