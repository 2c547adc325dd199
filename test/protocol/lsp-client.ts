import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ClientCapabilities,
  createProtocolConnection,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type FileEvent,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  type Range,
  WorkDoneProgress,
  ShutdownRequest,
  ExitNotification,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node.js';
import { REPOSITORY_ROOT } from '../support/rule-fixtures.js';

/**
 * The server under test: `bin/kb-language-server.js`, or the module named by
 * `KB_LANGUAGE_SERVER` (e.g. `dist/server.cjs`, the bundle the extension ships).
 */
const SERVER_COMMAND: readonly string[] = process.env.KB_LANGUAGE_SERVER
  ? [path.resolve(REPOSITORY_ROOT, process.env.KB_LANGUAGE_SERVER), `--bundled-kb=${path.join(REPOSITORY_ROOT, 'kb')}`]
  : [path.join(REPOSITORY_ROOT, 'bin', 'kb-language-server.js')];

/** Capabilities of a client that wants diagnostics pushed (like Neovim's built-in client). */
export const PUSH_CLIENT: ClientCapabilities = {
  workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
};

/** Capabilities of a client that pulls diagnostics (like VS Code's). */
export const PULL_CLIENT: ClientCapabilities = {
  ...PUSH_CLIENT,
  workspace: { ...PUSH_CLIENT.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...PUSH_CLIENT.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

/** A KB written to a fresh temporary folder; files map relative paths to text. */
export function writeTempKb(files: Readonly<Record<string, string>>): { root: string; uri(relative: string): string; file(relative: string): string; write(relative: string, text: string): void; remove(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'kb-lsp-'));
  const file = (relative: string): string => path.join(root, ...relative.split('/'));
  const write = (relative: string, text: string): void => {
    mkdirSync(path.dirname(file(relative)), { recursive: true });
    writeFileSync(file(relative), text);
  };
  for (const [relative, text] of Object.entries(files)) write(relative, text);
  return { root, uri: (relative) => pathToFileURL(file(relative)).href, file, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Today as `ms.date` wants it (MM/DD/YYYY), so fixtures are never stale. */
export function today(): string {
  const now = new Date();
  return `${String(now.getMonth() + 1).padStart(2, '0')}/${String(now.getDate()).padStart(2, '0')}/${now.getFullYear()}`;
}

/** Front matter that satisfies the required-keys rules. */
export function frontMatter(title: string, topic = 'troubleshooting'): string {
  return `---\ntitle: ${title}\ndescription: ${title} for tests.\nms.topic: ${topic}\nms.date: ${today()}\nappliesto:\n  - Lync 2010\n---\n`;
}

/** How long a wait may take before the test fails instead of hanging (a deadline, not a sleep). */
const DEADLINE_MS = 20_000;

interface Waiter<T> {
  readonly predicate: (value: T) => boolean;
  readonly resolve: (value: T) => void;
}

/**
 * The real `kb-language-server` in a child process, spoken to over stdio as an
 * editor would. Every wait is on an event (a notification or a response);
 * each has a deadline only so a broken server fails the test instead of
 * hanging it.
 */
export class LspTestClient {
  readonly connection: ProtocolConnection;
  /** Latest diagnostics pushed per URI. */
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** Every `kb/status` notification, in order. */
  readonly statuses: Array<Record<string, unknown>> = [];
  /** Every `$/progress` value, in order. */
  readonly progress: Array<{ kind: string; title?: string; message?: string }> = [];
  /** Server-to-client requests, by method. */
  readonly requests: Array<{ method: string; params: unknown }> = [];
  /** What `workspace/configuration` answers for the `kb` section (of the window, and of folders not in {@link folderSettings}). */
  settings: Record<string, unknown> = { enable: true };
  /** What `workspace/configuration` answers for the `kb` section of a workspace folder, by the folder's URI (`scopeUri`). */
  readonly folderSettings = new Map<string, Record<string, unknown>>();
  /** Every `window/showMessage` notification, in order. */
  readonly messages: Array<{ type: number; message: string }> = [];
  /** Every `window/logMessage` notification (what an editor writes to its output channel), in order. */
  readonly logs: Array<{ type: number; message: string }> = [];
  private readonly process: ChildProcess;
  private readonly diagnosticWaiters = new Set<Waiter<PublishDiagnosticsParams>>();
  private readonly statusWaiters = new Set<Waiter<Record<string, unknown>>>();
  private readonly requestWaiters = new Set<Waiter<{ method: string; params: unknown }>>();
  private readonly messageWaiters = new Set<Waiter<{ type: number; message: string }>>();
  private readonly versions = new Map<string, number>();
  private stderr = '';

  constructor() {
    this.process = spawn(process.execPath, [...SERVER_COMMAND, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.set(params.uri, params);
      for (const waiter of this.diagnosticWaiters) {
        if (waiter.predicate(params)) {
          this.diagnosticWaiters.delete(waiter);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification('kb/status', (status: Record<string, unknown>) => {
      this.statuses.push(status);
      for (const waiter of this.statusWaiters) {
        if (waiter.predicate(status)) {
          this.statusWaiters.delete(waiter);
          waiter.resolve(status);
        }
      }
    });
    const answer = (method: string, result: (params: unknown) => unknown) => this.connection.onRequest(method, (params: unknown) => {
      const request = { method, params };
      this.requests.push(request);
      for (const waiter of this.requestWaiters) {
        if (waiter.predicate(request)) {
          this.requestWaiters.delete(waiter);
          waiter.resolve(request);
        }
      }
      return result(params);
    });
    answer('client/registerCapability', () => null);
    answer('window/workDoneProgress/create', (params) => {
      this.connection.onProgress(WorkDoneProgress.type, (params as { token: string | number }).token, (value) => {
        this.progress.push(value);
      });
      return null;
    });
    answer('workspace/diagnostic/refresh', () => null);
    answer('window/showDocument', () => ({ success: true }));
    answer('workspace/configuration', (params) => (params as { items: Array<{ scopeUri?: string }> }).items.map((item) => (item.scopeUri === undefined ? undefined : this.folderSettings.get(item.scopeUri)) ?? this.settings));
    const message = (list: Array<{ type: number; message: string }>) => (params: { type: number; message: string }) => {
      list.push(params);
      for (const waiter of this.messageWaiters) {
        if (waiter.predicate(params)) {
          this.messageWaiters.delete(waiter);
          waiter.resolve(params);
        }
      }
    };
    this.connection.onNotification('window/logMessage', message(this.logs));
    this.connection.onNotification('window/showMessage', message(this.messages));
    this.connection.listen();
  }

  /** Sends `initialize` and `initialized` for the given workspace folders. */
  async initialize(folders: readonly string[], capabilities: ClientCapabilities = PUSH_CLIENT, initializationOptions?: unknown): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] === undefined ? null : pathToFileURL(folders[0]).href,
      workspaceFolders: folders.map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) })),
      capabilities,
      ...(initializationOptions === undefined ? {} : { initializationOptions }),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text of an open document. */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Replaces one range of an open document (an incremental edit, as editors send while typing). */
  async edit(uri: string, range: Range, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Resolves with the first diagnostics published for `uri` (from now on) that satisfy `predicate`. */
  diagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return this.waitFor(this.diagnosticWaiters, (params) => params.uri === uri && predicate(params.diagnostics), `diagnostics for ${uri}`).then((params) => params.diagnostics);
  }

  /** Like {@link diagnostics}, but also accepts what was already published. */
  currentDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const known = this.published.get(uri);
    if (known !== undefined && predicate(known.diagnostics)) return Promise.resolve(known.diagnostics);
    return this.diagnostics(uri, predicate);
  }

  /** Resolves with the first `kb/status` (already received or to come) that satisfies `predicate`. */
  status(predicate: (status: Record<string, unknown>) => boolean, deadlineMs = DEADLINE_MS): Promise<Record<string, unknown>> {
    const known = this.statuses.find(predicate);
    if (known !== undefined) return Promise.resolve(known);
    return this.waitFor(this.statusWaiters, predicate, 'a kb/status notification', deadlineMs);
  }

  /** Resolves with the first `window/showMessage` or `window/logMessage` from now on that `predicate` accepts. */
  message(predicate: (message: { type: number; message: string }) => boolean): Promise<{ type: number; message: string }> {
    return this.waitFor(this.messageWaiters, predicate, 'a window message');
  }

  /** How many server requests of `method` came so far. */
  requestCount(method: string): number {
    return this.requests.filter((request) => request.method === method).length;
  }

  /** Resolves once more than `count` server requests of `method` have come (at once if they already have). */
  async requestsBeyond(method: string, count: number): Promise<void> {
    if (this.requestCount(method) > count) return;
    await this.waitFor(this.requestWaiters, (request) => request.method === method, `a ${method} request`);
  }

  /** Shuts the server down politely and waits for the process to end. */
  async dispose(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.process.kill();
    }
    await exited;
    this.connection.dispose();
  }

  private waitFor<T>(waiters: Set<Waiter<T>>, predicate: (value: T) => boolean, what: string, deadlineMs = DEADLINE_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const deadline = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`Timed out waiting for ${what}. Server stderr:\n${this.stderr}`));
      }, deadlineMs);
      const waiter: Waiter<T> = {
        predicate,
        resolve: (value) => {
          clearTimeout(deadline);
          resolve(value);
        },
      };
      waiters.add(waiter);
    });
  }
}

/** The rule ids of some diagnostics, sorted. */
export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code)).sort();
}
