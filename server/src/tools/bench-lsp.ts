import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import {
  createConnection,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node.js';
import { startParseWorker } from '../lsp/parse-worker.js';
import { startServer } from '../lsp/server.js';
import { HEAP_GROWING_PERCENT } from '../node/heap-growth.js';
import { toKbPath } from '../node/node-file-system.js';
import { longArticle, middleOfProse } from './bench-reparse.js';
import { readPeakRss } from './bench-rss.js';

/**
 * The language server as a writer feels it: time from a keystroke to the new
 * diagnostics of a long article (debounce set to zero, so only the work
 * counts), hover time on a glossary term, and the server's peak memory after
 * indexing the corpus. A script helper for `npm run bench`, not a test.
 */

/** Timings of one measurement, in milliseconds. */
export interface LatencyRow {
  readonly name: string;
  readonly p50: number;
  readonly p95: number;
  readonly note?: string;
}

const EDITS = 50;
const WARM_UP = 5;

function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

/** Answers what the server asks of a client, as an editor with default settings would. */
export function answerServerRequests(client: ProtocolConnection): void {
  for (const method of ['client/registerCapability', 'window/workDoneProgress/create', 'workspace/diagnostic/refresh']) client.onRequest(method, () => null);
  client.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
}

/** The compiled parse worker, which `kb-language-server` starts for its time budget. */
const PARSE_WORKER_SCRIPT = fileURLToPath(new URL('../lsp/parse-worker.js', import.meta.url));

/**
 * A client and the real server in this process, over JSON-RPC on in-memory
 * streams; with `timed`, the server times texts in a parse worker, as
 * `kb-language-server` does.
 */
async function inProcessServer(root: string, bundledRoot: string, timed: boolean): Promise<{ client: ProtocolConnection; stop(): Promise<void> }> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConnection, { bundledRoot: toKbPath(bundledRoot), debounceMs: 0, ...(timed ? { startParseWorker: () => startParseWorker(PARSE_WORKER_SCRIPT) } : {}) });
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  answerServerRequests(client);
  client.listen();
  await client.sendRequest(InitializeRequest.type, {
    // No parent to watch: with a process id, the server library checks every 3 s that it lives, which kept the benchmark from exiting.
    processId: null,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await client.sendNotification(InitializedNotification.type, {});
  return {
    client,
    stop: async () => {
      await client.sendRequest(ShutdownRequest.type);
      client.dispose();
      serverConnection.dispose();
    },
  };
}

/** Keystroke-to-diagnostics and hover latency on an article of about `lines` lines; `timed` as in {@link inProcessServer}. */
async function keystrokes(corpus: string, bundledRoot: string, lines: number, timed = true): Promise<LatencyRow[]> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'kb-bench-lsp-'));
  try {
    // One character in the middle toggles a broken anchor, so every keystroke changes the diagnostics the server sends.
    const article = await longArticle(corpus, lines);
    const at = middleOfProse(article);
    const lineStart = article.lastIndexOf('\n', at) + 1;
    const link = 'See [the anchor](#benchmark-anchor).\n\n';
    const text = `${article.slice(0, lineStart)}${link}${article.slice(lineStart)}\n## Benchmark anchor\n\nThe Outlook Anywhere settings decide who prompts.\n`;
    await fs.writeFile(path.join(root, 'kb.config.json'), '{}\n');
    await fs.writeFile(path.join(root, 'article.md'), text);
    const uri = pathToFileURL(path.join(root, 'article.md')).href;
    const { client, stop } = await inProcessServer(root, bundledRoot, timed);
    let waiting: (() => void) | undefined;
    let unreadable: string | undefined;
    client.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.uri !== uri) return;
      unreadable = params.diagnostics.find((diagnostic) => diagnostic.code === 'file-unreadable')?.message;
      waiting?.();
    });
    const nextDiagnostics = (): Promise<void> => new Promise((resolve) => {
      waiting = resolve;
    });

    const opened = nextDiagnostics();
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await opened;
    // Not checked, the edits would change no diagnostic and the benchmark would wait forever.
    if (unreadable !== undefined) throw new Error(`the benchmark article was not checked: ${unreadable}`);

    const toggled = text.slice(0, lineStart).split('\n').length - 1;
    const column = link.indexOf(')') - 1;
    const range = { start: { line: toggled, character: column }, end: { line: toggled, character: column + 1 } };
    const latencies: number[] = [];
    for (let version = 2; version < 2 + WARM_UP + EDITS; version++) {
      const published = nextDiagnostics();
      const start = performance.now();
      await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: version % 2 === 0 ? 'x' : 'r' }] });
      await published;
      if (version >= 2 + WARM_UP) latencies.push(performance.now() - start);
    }

    const lastLines = text.trimEnd().split('\n');
    const hoverPosition = { line: lastLines.length - 1, character: 'The Outlook '.length };
    const hovers: number[] = [];
    for (let run = 0; run < WARM_UP + EDITS; run++) {
      const start = performance.now();
      const hover = await client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: hoverPosition });
      if (hover === null) throw new Error('the benchmark hover found no glossary term');
      if (run >= WARM_UP) hovers.push(performance.now() - start);
    }
    await stop();
    const label = `${lines.toLocaleString('en-US')}-line article${timed ? '' : ', no parse worker'}`;
    return [
      { name: `keystroke to diagnostics, ${label}`, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), note: `${lastLines.length} lines, debounce excluded` },
      { name: `hover on a glossary term, ${label}`, p50: percentile(hovers, 0.5), p95: percentile(hovers, 0.95) },
    ];
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

/**
 * Keystroke and hover latency on a 2,000-line and a 10,000-line article, the
 * server timing texts in a parse worker as `kb-language-server` does; and on
 * the 2,000-line article without the worker, to show what the time budget costs.
 */
export async function benchLanguageServer(corpus: string, bundledRoot: string): Promise<LatencyRow[]> {
  // The server runs in this process here: give it the heap policy of a real server process for the time.
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  try {
    return [
      ...(await keystrokes(corpus, bundledRoot, 2_000)),
      ...(await keystrokes(corpus, bundledRoot, 10_000)),
      ...(await keystrokes(corpus, bundledRoot, 2_000, false)),
    ];
  } finally {
    setFlagsFromString('--heap-growing-percent=0');
  }
}

/**
 * Peak resident memory (bytes) of the language server process after it has
 * indexed and checked a copy of the corpus made into a KB.
 */
export async function languageServerPeakRss(corpus: string, repositoryRoot: string): Promise<number> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'kb-bench-lsp-rss-'));
  const rssFile = path.join(root, 'max-rss');
  const kb = path.join(root, 'kb');
  try {
    await fs.cp(corpus, kb, { recursive: true });
    await fs.writeFile(path.join(kb, 'kb.config.json'), '{}\n');
    const child = spawn(process.execPath, ['--require', path.join(repositoryRoot, 'bench', 'max-rss.cjs'), path.join(repositoryRoot, 'bin', 'kb-language-server.js'), '--stdio'], {
      env: { ...process.env, KB_BENCH_RSS_FILE: rssFile },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const indexed = new Promise<void>((resolve) => {
      client.onNotification('kb/status', (status: { busy: boolean; files: number }) => {
        if (!status.busy && status.files > 0) resolve();
      });
    });
    answerServerRequests(client);
    client.listen();
    await client.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(kb).href, workspaceFolders: [{ uri: pathToFileURL(kb).href, name: 'kb' }], capabilities: {} });
    await client.sendNotification(InitializedNotification.type, {});
    await indexed;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await client.sendRequest(ShutdownRequest.type);
    await client.sendNotification(ExitNotification.type);
    await exited;
    client.dispose();
    // The server forks no process: its own peak is the figure.
    return (await readPeakRss(rssFile, child.pid)).main;
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
