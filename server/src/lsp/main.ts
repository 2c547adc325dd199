import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { limitHeapGrowth, turnOffPretenuring } from '../node/heap-growth.js';
import { toKbPath } from '../node/node-file-system.js';
import { LifecycleGuard } from './lifecycle.js';
import { isParseWorker, runParseWorker, startParseWorker } from './parse-worker.js';
import { startServer } from './server.js';
import { transportFromArguments } from './transport.js';

/** Options of a server process. */
export interface LanguageServerProcessOptions {
  /** Folder of the KB shipped with the tool (glossary, remediations, causes). */
  readonly bundledRoot?: string;
  readonly version?: string;
  /**
   * The script parse workers run: `parse-worker.js` of the compiled server,
   * which loads only the parsers. By default the process's own script (the
   * single-file bundle, which starts a parse worker when run as one).
   */
  readonly parseWorkerScript?: string;
}

/**
 * Starts `kb-language-server` in this process. The transport comes from the
 * command line (`--stdio`, `--node-ipc`, `--socket=N` or `--pipe=NAME`), as
 * every LSP client expects.
 */
export function runLanguageServer(options: LanguageServerProcessOptions = {}): void {
  // In the single-file bundle, the parse worker runs the server's own script, in a worker thread.
  if (isParseWorker()) {
    runParseWorker();
    return;
  }
  limitHeapGrowth();
  turnOffPretenuring();
  const transport = transportFromArguments(process.argv.slice(2));
  // Standard output may carry the protocol: nothing else is ever printed there.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[method] = (...args: unknown[]): void => void process.stderr.write(`${args.map(String).join(' ')}\n`);
  }
  const lifecycle = new LifecycleGuard();
  const connection = createConnection(ProposedFeatures.all, transport.reader, transport.writer, { messageStrategy: lifecycle.messageStrategy });
  lifecycle.install(connection);
  transport.reader.onError((error) => {
    // A header without a valid Content-Length loses the message boundaries: what follows cannot be trusted to be
    // a message. Exiting lets the client see the server stop and restart it, instead of talking to a deaf server.
    const framingLost = transport.framed && /content-length|header/i.test(error.message);
    process.stderr.write(`kb-language-server: unreadable message from the client: ${error.message}\n${framingLost ? 'kb-language-server: the message stream cannot be resynchronised; exiting so that the client restarts the server.\n' : ''}`);
    if (framingLost) process.exit(1);
  });
  // The client closed the connection: end, as after `exit` (with code 1 unless `shutdown` came first).
  transport.reader.onClose(() => process.exit(lifecycle.shutDown ? 0 : 1));
  // A stray error must not end the session: log it to the client's output and keep serving.
  const logUnexpected = (error: unknown): void => connection.console.error(`kb-language-server: unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.on('uncaughtException', logUnexpected);
  process.on('unhandledRejection', logUnexpected);
  const workerScript = options.parseWorkerScript ?? process.argv[1];
  startServer(connection, {
    ...(options.bundledRoot ? { bundledRoot: toKbPath(options.bundledRoot) } : {}),
    ...(options.version ? { version: options.version } : {}),
    ...(workerScript === undefined ? {} : { startParseWorker: () => startParseWorker(workerScript) }),
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
