import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { limitHeapGrowth } from '../node/heap-growth.js';
import { toKbPath } from '../node/node-file-system.js';
import { startServer } from './server.js';

/** Options of a server process. */
export interface LanguageServerProcessOptions {
  /** Folder of the KB shipped with the tool (glossary, remediations, causes). */
  readonly bundledRoot?: string;
  readonly version?: string;
}

/**
 * Starts `kb-language-server` in this process. The transport comes from the
 * command line (`--stdio`, `--node-ipc`, `--socket=N` or `--pipe=NAME`), as
 * every LSP client expects.
 */
export function runLanguageServer(options: LanguageServerProcessOptions = {}): void {
  limitHeapGrowth();
  const connection = createConnection(ProposedFeatures.all);
  // A stray error must not end the session: log it to the client's output and keep serving.
  const logUnexpected = (error: unknown): void => connection.console.error(`kb-language-server: unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.on('uncaughtException', logUnexpected);
  process.on('unhandledRejection', logUnexpected);
  startServer(connection, {
    ...(options.bundledRoot ? { bundledRoot: toKbPath(options.bundledRoot) } : {}),
    ...(options.version ? { version: options.version } : {}),
  });
}

/** The value of `--bundled-kb=PATH` (or `--bundled-kb PATH`) on a command line, if given. */
export function bundledKbArgument(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (argument.startsWith('--bundled-kb=')) return argument.slice('--bundled-kb='.length);
    if (argument === '--bundled-kb') return argv[index + 1];
  }
  return undefined;
}
