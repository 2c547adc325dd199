import {
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  type MessageReader,
  type MessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node.js';

/** The two ends of the server's connection. */
export interface Transport {
  readonly reader: MessageReader;
  readonly writer: MessageWriter;
  /** Whether the client's messages come as a byte stream with `Content-Length` headers (stdio, socket, pipe). */
  readonly framed: boolean;
}

/**
 * The transport named on the command line, as every LSP client passes it:
 * `--stdio`, `--node-ipc`, `--socket=N` (or `--socket N`) or `--pipe=NAME`
 * (or `--pipe NAME`). Created here rather than by `createConnection`, so the
 * server sees the reader's errors (a header without a valid
 * `Content-Length`). Throws when none is named.
 */
export function transportFromArguments(argv: readonly string[]): Transport {
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    const [flag, inline] = argument.split('=', 2);
    const value = inline ?? argv[index + 1];
    if (flag === '--stdio') return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), framed: true };
    if (flag === '--node-ipc') return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), framed: false };
    if (flag === '--socket' && value !== undefined && Number.isInteger(Number(value))) {
      const [reader, writer] = createServerSocketTransport(Number(value));
      return { reader, writer, framed: true };
    }
    if (flag === '--pipe' && value !== undefined) {
      const [reader, writer] = createServerPipeTransport(value);
      return { reader, writer, framed: true };
    }
  }
  throw new Error('kb-language-server needs a transport: --stdio, --node-ipc, --socket=<port> or --pipe=<name>.');
}
