#!/usr/bin/env node
// The language server for any LSP editor: `kb-language-server --stdio`.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleIsCurrent, ROOT } from './current-bundle.js';

// The bundle while it is current, else the compiled modules; parse workers run
// the matching parse worker, which loads only the parsers.
const [server, parseWorkerScript] = bundleIsCurrent()
  ? [path.join(ROOT, 'dist', 'cli', 'language-server.js'), path.join(ROOT, 'dist', 'cli', 'parse-worker.js')]
  : [path.join(ROOT, 'out', 'server', 'src', 'lsp', 'main.js'), path.join(ROOT, 'out', 'server', 'src', 'lsp', 'parse-worker.js')];
const { bundledKbArgument, runLanguageServer } = await import(pathToFileURL(server).href);
const bundledRoot = bundledKbArgument(process.argv) ?? path.join(ROOT, 'kb');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
runLanguageServer({ bundledRoot, version, parseWorkerScript });
