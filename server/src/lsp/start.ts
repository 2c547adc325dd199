import { bundledKbArgument, runLanguageServer } from './main.js';

// Entry point of the bundled server (dist/server.cjs) that the VS Code client
// forks: the client passes the bundled KB's folder with --bundled-kb.
const bundledRoot = bundledKbArgument(process.argv);
runLanguageServer(bundledRoot === undefined ? {} : { bundledRoot });
