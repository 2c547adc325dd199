#!/usr/bin/env node
// The language server for any LSP editor: `kb-language-server --stdio`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundledKbArgument, runLanguageServer } from '../out/server/src/lsp/main.js';

const bundledRoot = bundledKbArgument(process.argv) ?? fileURLToPath(new URL('../kb', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Parse workers run the compiled parse worker, which loads only the parsers.
const parseWorkerScript = fileURLToPath(new URL('../out/server/src/lsp/parse-worker.js', import.meta.url));
runLanguageServer({ bundledRoot, version, parseWorkerScript });
