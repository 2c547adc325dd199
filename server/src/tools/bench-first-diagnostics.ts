import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node.js';
import { answerServerRequests } from './bench-lsp.js';

/** When the first diagnostics of an article opened at start-up arrived, in milliseconds. */
export interface FirstDiagnostics {
  /** From sending `initialize` to the article's first diagnostics. */
  readonly sinceInitialize: number;
  /** From sending `didOpen` (right after `initialized`) to the article's first diagnostics. */
  readonly sinceOpen: number;
}

/**
 * A writer opens VS Code on a whole repository and an article is already
 * open: how long until that article has its diagnostics. Starts
 * `kb-language-server` as a fresh process on a copy of `corpus` made into a KB,
 * opens `article` (a path inside the corpus) right after `initialized`, while
 * the server is still indexing, and waits for that article's first
 * `publishDiagnostics`.
 */
export async function firstDiagnosticsAtStartUp(corpus: string, article: string, repositoryRoot: string): Promise<FirstDiagnostics> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'kb-bench-first-'));
  const kb = path.join(root, 'kb');
  try {
    await fs.cp(corpus, kb, { recursive: true });
    await fs.writeFile(path.join(kb, 'kb.config.json'), '{}\n');
    const file = path.join(kb, article);
    const uri = pathToFileURL(file).href;
    const text = await fs.readFile(file, 'utf8');
    const child = spawn(process.execPath, [path.join(repositoryRoot, 'bin', 'kb-language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published = new Promise<number>((resolve) => {
      client.onNotification(PublishDiagnosticsNotification.type, (params) => {
        if (params.uri === uri) resolve(performance.now());
      });
    });
    answerServerRequests(client);
    client.listen();
    const initializeSent = performance.now();
    await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: pathToFileURL(kb).href, workspaceFolders: [{ uri: pathToFileURL(kb).href, name: 'kb' }], capabilities: {} });
    await client.sendNotification(InitializedNotification.type, {});
    const openSent = performance.now();
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const arrived = await published;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await client.sendRequest(ShutdownRequest.type);
    await client.sendNotification(ExitNotification.type);
    await exited;
    client.dispose();
    return { sinceInitialize: arrived - initializeSent, sinceOpen: arrived - openSent };
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
