import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  createProtocolConnection,
  ErrorCodes,
  ExitNotification,
  InitializeRequest,
  type ProtocolConnection,
  ResponseError,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node.js';
import { REPOSITORY_ROOT } from './support.js';

const SERVER = path.join(REPOSITORY_ROOT, 'bin', 'kb-language-server.js');
/** How long the server may take to end; a deadline so a deaf server fails the test instead of hanging it. */
const EXIT_DEADLINE_MS = 20_000;

interface RunningServer {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly exited: Promise<{ code: number | null; stderr: string }>;
}

function startServer(): RunningServer {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill();
      reject(new Error(`the server did not end within ${EXIT_DEADLINE_MS} ms. Its stderr:\n${stderr}`));
    }, EXIT_DEADLINE_MS);
    child.once('exit', (code) => {
      clearTimeout(deadline);
      resolve({ code, stderr });
    });
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.listen();
  return { child, connection, exited };
}

const INITIALIZE = { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} };

async function rejectsWith(request: Promise<unknown>, code: number): Promise<void> {
  await assert.rejects(request, (error: unknown) => error instanceof ResponseError && error.code === code);
}

describe('language server lifecycle (LSP specification)', () => {
  it('answers a request before initialize with ServerNotInitialized, then initializes', async () => {
    const server = startServer();
    await rejectsWith(server.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///kb/a.md' }, position: { line: 0, character: 0 } }), ErrorCodes.ServerNotInitialized);
    await rejectsWith(server.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] }), ErrorCodes.ServerNotInitialized);
    const result = await server.connection.sendRequest(InitializeRequest.type, INITIALIZE);
    assert.equal(result.serverInfo?.name, 'kb-language-server');
    await server.connection.sendRequest(ShutdownRequest.type);
    await server.connection.sendNotification(ExitNotification.type);
    assert.equal((await server.exited).code, 0);
    server.connection.dispose();
  });

  it('refuses a second initialize, fails requests after shutdown, and ends on exit', async () => {
    const server = startServer();
    await server.connection.sendRequest(InitializeRequest.type, INITIALIZE);
    await rejectsWith(server.connection.sendRequest(InitializeRequest.type, INITIALIZE), ErrorCodes.InvalidRequest);
    await server.connection.sendRequest(ShutdownRequest.type);
    await rejectsWith(server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///kb/a.md' } }), ErrorCodes.InvalidRequest);
    await rejectsWith(server.connection.sendRequest(ShutdownRequest.type), ErrorCodes.InvalidRequest);
    await server.connection.sendNotification(ExitNotification.type);
    assert.equal((await server.exited).code, 0);
    server.connection.dispose();
  });

  it('exits with code 1 on exit without shutdown, so the client knows it ended abnormally', async () => {
    const server = startServer();
    await server.connection.sendRequest(InitializeRequest.type, INITIALIZE);
    await server.connection.sendNotification(ExitNotification.type);
    assert.equal((await server.exited).code, 1);
    server.connection.dispose();
  });

  for (const [name, header] of [
    ['without a Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n'],
    ['with a Content-Length that is not a number', 'Content-Length: many\r\n\r\n'],
  ] as const) {
    it(`logs a message header ${name} and exits, so the client restarts the server`, async () => {
      const server = startServer();
      await server.connection.sendRequest(InitializeRequest.type, INITIALIZE);
      server.child.stdin?.write(`${header}{"jsonrpc":"2.0","id":99,"method":"shutdown"}`);
      const { code, stderr } = await server.exited;
      assert.equal(code, 1);
      assert.match(stderr, /cannot be resynchronised; exiting/);
      server.connection.dispose();
    });
  }
});
