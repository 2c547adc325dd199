import {
  type CancellationToken,
  type ClientCapabilities,
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  type Disposable,
  DidChangeWatchedFilesNotification,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine, isInside, type KbFileSystem, type KnowledgeBase, parseMarkdown } from '../core/index.js';
import { basename, dirname } from '../core/paths.js';
import { NodeFileSystem } from '../node/node-file-system.js';
import { claimExplanationTargets, glossaryLinkFixes, scenarioRemediationFixes } from '../core/language/index.js';
import { cancellable } from './cancellation.js';
import { codeActions, FIX_ALL_KIND } from './code-actions.js';
import { FEATURE_CAPABILITIES, registerFeatures } from './features.js';
import { type CheckBatch, CheckScheduler } from './check-scheduler.js';
import { pathToUri, toDiagnostic, uriToPath } from './convert.js';
import { type FileEventKind, type KbChange, KbWorkspace } from './kb-workspace.js';
import { COMMANDS, type KbSettings, type KbStatus, STATUS_NOTIFICATION } from './protocol.js';
import { SettingsByFolder } from './settings.js';
import { verifiedFileEvents } from './watched-files.js';

/** What the server needs from its host; everything has a default for real use. */
export interface KbServerOptions {
  /** Folder of the KB bundled with the tool (its glossary, remediations, causes). */
  readonly bundledRoot?: string;
  readonly fs?: KbFileSystem;
  /** The current date, for stable tests. */
  readonly today?: () => Date;
  /** How long to wait after a keystroke before checking the buffer (ms). */
  readonly debounceMs?: number;
  readonly version?: string;
}

const DEFAULT_DEBOUNCE_MS = 150;

/**
 * The language server: wires LSP requests and notifications to the engine
 * through {@link KbWorkspace} (which KBs exist, what the buffers hold) and
 * {@link CheckScheduler} (which files need checking). It holds the session's
 * state, but no rule logic. Diagnostics are pulled (`textDocument/diagnostic`,
 * `workspace/diagnostic`) when the client supports it and pushed otherwise.
 */
export class KbLanguageServer {
  private readonly documents = new TextDocuments(TextDocument);
  // Created in `initialize`, which tells whether the workspace is trusted.
  private workspace!: KbWorkspace;
  private scheduler!: CheckScheduler;
  private readonly debounceMs: number;
  private capabilities: ClientCapabilities = {};
  private folders: string[] = [];
  /** The `kb` settings of the window and of each workspace folder. */
  private settings = new SettingsByFolder();
  /** The configuration files outside every folder that the client watches for the server, and that registration. */
  private watchedConfigs: { key: string; registration: Promise<Disposable | undefined> | undefined } = { key: '', registration: undefined };
  /** Part of every result id, so toggling settings makes pull clients fetch everything again. */
  private settingsGeneration = 0;
  /** Serializes changes to the workspace, so events apply in the order they came. */
  private queue: Promise<unknown> = Promise.resolve();
  private lastStatus = '';
  private shutDown = false;
  private refreshPending = false;
  /** Held `workspace/diagnostic` requests, woken when anything they report may have changed. */
  private readonly workspaceWaiters = new Set<() => void>();
  private progress: { report(done: number, total: number): void; done(): void } | undefined;
  private fileSystem!: KbFileSystem;
  /** The version of each open document's text the workspace holds, and of the text each published result was checked from. */
  private readonly bufferVersions = new Map<string, number>();
  private readonly checkedVersions = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly options: KbServerOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  }

  /** Installs the handlers and starts listening on the connection. */
  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onShutdown(() => {
      this.shutDown = true;
      this.scheduler?.dispose();
      this.wakeWorkspaceReport();
    });

    documents.onDidOpen(({ document }) => this.enqueue(async () => {
      const path = uriToPath(document.uri);
      if (path === undefined) return;
      await this.workspace.ensureKbFor(path);
      this.bufferVersions.set(path, document.version);
      this.scheduleChanges(this.workspace.setBuffer(path, document.getText()), 0);
    }));
    documents.onDidChangeContent(({ document }) => this.enqueue(async () => {
      const path = uriToPath(document.uri);
      if (path === undefined || !this.workspace.isOpen(path)) return;
      this.bufferVersions.set(path, document.version);
      this.scheduleChanges(this.workspace.setBuffer(path, document.getText()), this.debounceMs);
    }));
    documents.onDidClose(({ document }) => this.enqueue(async () => {
      const path = uriToPath(document.uri);
      if (path === undefined) return;
      this.bufferVersions.delete(path);
      this.scheduleChanges(await this.workspace.closeBuffer(path), 0);
      // A pull client drops a closed document's diagnostics; a new result id makes the workspace report resend them.
      this.scheduler.touch(path);
      this.wakeWorkspaceReport();
      if (!this.usePull && this.workspace.kbFor(path) === undefined) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    }));
    documents.listen(connection);

    connection.onDidChangeWatchedFiles(({ changes }) => this.enqueue(async () => {
      for (const change of changes) {
        const path = uriToPath(change.uri);
        if (path === undefined) continue;
        const kind: FileEventKind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
        for (const event of await verifiedFileEvents(this.fileSystem, path, kind)) {
          for (const kbChange of await this.workspace.fileChanged(event.path, event.kind)) this.applyKbChange(kbChange);
        }
      }
    }));
    connection.onDidChangeConfiguration((params) => this.enqueue(async () => {
      const pushed = (params.settings as { kb?: Partial<KbSettings> } | undefined)?.kb;
      await this.loadSettings(pushed);
    }));
    connection.onCodeAction(cancellable(async (params) => {
      const path = uriToPath(params.textDocument.uri);
      if (path === undefined || !this.settingsOf(path).enable) return [];
      await this.queue;
      await this.scheduler.settled(path);
      const kb = this.workspace.kbFor(path);
      const findings = this.scheduler.result(path)?.findings;
      const refactorings = kb === undefined ? [] : [...glossaryLinkFixes(kb, path, params.range), ...scenarioRemediationFixes(kb, path, params.range)];
      const explanations = kb === undefined || findings === undefined ? [] : claimExplanationTargets(kb, findings, params.range)
        .map((target) => ({ title: target.title, command: COMMANDS.openExplanation, arguments: [target.path, target.fragment] }));
      return codeActions(params, this.documents.get(params.textDocument.uri), findings, refactorings, explanations);
    }));
    registerFeatures(connection, {
      kbOf: async (uri) => {
        const path = uriToPath(uri);
        if (path === undefined || !this.settingsOf(path).enable) return undefined;
        await this.queue;
        const kb = this.workspace.kbFor(path);
        return kb === undefined ? undefined : { kb, path };
      },
      allKbs: async () => {
        await this.queue;
        return this.workspace.all().filter((kb) => this.settings.of(kb.root).enable);
      },
      termCompletion: (path) => this.settingsOf(path).completion.terms,
      findings: (path) => this.scheduler.result(path)?.findings ?? [],
    });
    connection.onExecuteCommand((params) => {
      if (params.command === COMMANDS.validateWorkspace) return this.enqueue(async () => this.reindex());
      if (params.command === COMMANDS.openExplanation) return this.openExplanation(params.arguments ?? []);
      return undefined;
    });
    connection.languages.diagnostics.on(cancellable((params, token) => this.documentDiagnostics(params.textDocument.uri, params.previousResultId, token)));
    connection.languages.diagnostics.onWorkspace(cancellable((params, token) => this.workspaceDiagnostics(new Map(params.previousResultIds.map((item) => [item.uri, item.value])), token)));
    connection.listen();
  }

  /** Shows the explanation page of a domain claim, at its heading when the link names one. */
  private async openExplanation(args: readonly unknown[]): Promise<void> {
    const [path, fragment] = args;
    if (typeof path !== 'string') return;
    // The page may be in the bundled KB, outside every workspace KB: read it as a plain Markdown file then.
    const text = this.workspace.kbFor(path)?.textOf(path) ?? await (this.options.fs ?? new NodeFileSystem()).readText(path);
    const headings = typeof text === 'string' ? parseMarkdown(path, text).headings : [];
    const heading = typeof fragment === 'string' ? headings.find((candidate) => candidate.slug === fragment.toLowerCase()) : undefined;
    await this.connection.window.showDocument({ uri: pathToUri(path), takeFocus: true, ...(heading ? { selection: heading.range } : {}) });
  }

  private get usePull(): boolean {
    return this.capabilities.textDocument?.diagnostic !== undefined;
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const { fs = new NodeFileSystem(), bundledRoot, today } = this.options;
    // An untrusted workspace (VS Code tells through initializationOptions) gets the bundled knowledge only.
    const trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
    this.fileSystem = fs;
    const engine = new Engine({ fs, trusted, ...(bundledRoot ? { bundledRoot } : {}), ...(today ? { today } : {}) });
    this.workspace = new KbWorkspace(engine, fs);
    this.scheduler = new CheckScheduler(engine, this.workspace, (batch) => this.onBatch(batch), (done, total) => this.onProgress(done, total), (error) => this.logError(error));
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    this.folders = folders.flatMap((folder) => uriToPath(folder.uri) ?? []);
    const initial = (params.initializationOptions as { settings?: { kb?: Partial<KbSettings> } } | undefined)?.settings?.kb;
    if (initial !== undefined) this.settings = SettingsByFolder.fromClient(initial);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...FEATURE_CAPABILITIES,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(this.usePull ? { diagnosticProvider: { identifier: 'kb', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
      },
      serverInfo: { name: 'kb-language-server', ...(this.options.version ? { version: this.options.version } : {}) },
    };
  }

  private async initialized(): Promise<void> {
    const { connection, capabilities } = this;
    const indexed = this.enqueue(async () => {
      await this.loadSettings(undefined);
      await this.startProgress();
      for (const folder of this.folders) {
        const kbs = await this.workspace.addFolder(folder);
        for (const kb of kbs) this.scheduler.scheduleKb(kb);
        this.warnUnreadableConfig(folder, kbs);
      }
      if (!this.scheduler.busy) this.progress?.done();
      this.sendStatus();
    });
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }).catch(() => undefined);
    }
    if (capabilities.workspace?.configuration && capabilities.workspace.didChangeConfiguration?.dynamicRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'kb' }).catch(() => undefined);
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => this.enqueue(async () => {
        for (const folder of event.removed) {
          const path = uriToPath(folder.uri);
          if (path === undefined) continue;
          this.folders = this.folders.filter((known) => known !== path);
          for (const kb of this.workspace.removeFolder(path)) this.scheduler.forgetKb(kb);
          this.workspace.setConfigPath(path, undefined);
        }
        const added = event.added.flatMap((folder) => uriToPath(folder.uri) ?? []);
        this.folders.push(...added);
        // The new folders' own settings (their kb.configPath) decide how they are loaded.
        await this.loadSettings(undefined);
        for (const path of added) {
          const kbs = await this.workspace.addFolder(path);
          for (const kb of kbs) this.scheduler.scheduleKb(kb);
          this.warnUnreadableConfig(path, kbs);
        }
        this.sendStatus();
      }));
    }
    await indexed;
  }

  /** Reads every KB again from disk and checks everything (the "Validate workspace" command). */
  private async reindex(): Promise<void> {
    for (const folder of this.folders) {
      for (const kb of this.workspace.removeFolder(folder)) this.scheduler.forgetKb(kb);
    }
    await this.startProgress();
    for (const folder of this.folders) {
      for (const kb of await this.workspace.addFolder(folder)) this.scheduler.scheduleKb(kb);
    }
    for (const path of this.workspace.openPaths()) {
      const kb = await this.workspace.ensureKbFor(path);
      if (kb !== undefined) this.scheduler.scheduleKb(kb);
    }
    if (!this.scheduler.busy) this.progress?.done();
  }

  /**
   * Reads the `kb` settings again: the window's and each workspace folder's
   * (`workspace/configuration` with the folder as `scopeUri`) when the
   * client answers it, else the `pushed` ones for everything. A loaded folder
   * whose `configPath` changed is loaded again with it; a change of `enable`
   * anywhere makes the client fetch (or the server push) every report again.
   */
  private async loadSettings(pushed: Partial<KbSettings> | undefined): Promise<void> {
    const previous = this.settings;
    if (this.capabilities.workspace?.configuration) {
      const items = [{ section: 'kb' }, ...this.folders.map((folder) => ({ scopeUri: pathToUri(folder), section: 'kb' }))];
      const values = (await this.connection.workspace.getConfiguration(items).catch(() => undefined)) as unknown[] | undefined;
      if (values !== undefined) this.settings = SettingsByFolder.fromClient(values[0], new Map(this.folders.map((folder, index) => [folder, values[index + 1]])));
    } else if (pushed !== undefined) {
      this.settings = SettingsByFolder.fromClient(pushed);
    }
    for (const folder of this.folders) {
      const configPath = this.settings.configPathOf(folder);
      if (configPath === this.workspace.configPathOf(folder)) continue;
      this.workspace.setConfigPath(folder, configPath);
      if (!this.workspace.hasFolder(folder)) continue;
      const { removed, added } = await this.workspace.reloadFolder(folder);
      for (const kb of removed) this.scheduler.forgetKb(kb);
      for (const kb of added) this.scheduler.scheduleKb(kb);
      this.warnUnreadableConfig(folder, added);
    }
    await this.watchConfigFiles();
    if (this.settings.sameEnablement(previous, this.folders)) return;
    this.settingsGeneration++;
    if (this.usePull) {
      this.requestRefresh();
      this.wakeWorkspaceReport();
    } else {
      for (const result of this.scheduler.allResults()) this.publish(result.path);
    }
    this.sendStatus();
  }

  /**
   * The settings of the file at `path`: its workspace folder's, or the
   * window's outside every folder. A KB's configuration file outside its
   * folder goes with the KB.
   */
  private settingsOf(path: string): KbSettings {
    const kb = this.workspace.kbFor(path);
    return this.settings.of(kb !== undefined && kb.configOverride === path ? kb.root : path);
  }

  /**
   * Asks the client to watch the configuration files set outside every
   * workspace folder (the `**\/*` watcher covers the folders), so that saving
   * one re-checks its KB. Needs relative pattern support, as VS Code watches
   * plain globs inside the workspace only.
   */
  private async watchConfigFiles(): Promise<void> {
    const watching = this.capabilities.workspace?.didChangeWatchedFiles;
    if (!watching?.dynamicRegistration || !watching.relativePatternSupport) return;
    const outside = [...new Set(this.folders.flatMap((folder) => this.workspace.configPathOf(folder) ?? []))]
      .filter((file) => !this.folders.some((folder) => isInside(file, folder)))
      .sort();
    const key = outside.join('\n');
    if (key === this.watchedConfigs.key) return;
    const previous = this.watchedConfigs.registration;
    const watchers = outside.map((file) => ({ globPattern: { baseUri: pathToUri(dirname(file)), pattern: basename(file) } }));
    this.watchedConfigs = {
      key,
      registration: watchers.length === 0 ? undefined : this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined),
    };
    (await previous)?.dispose();
  }

  /**
   * Tells the writer when a folder's configuration file cannot be read: the
   * folder is checked with the defaults, and the `config-invalid` finding on
   * the missing file may not be in sight.
   */
  private warnUnreadableConfig(folder: string, kbs: readonly KnowledgeBase[]): void {
    for (const kb of kbs) {
      const configPath = kb.configOverride;
      if (configPath === undefined || kb.textOf(configPath) !== undefined) continue;
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `KB: cannot read the configuration file ${configPath} (kb.configPath of the folder ${folder}); the folder is checked with the default configuration until the file can be read.` });
    }
  }

  private async startProgress(): Promise<void> {
    if (!this.capabilities.window?.workDoneProgress) return;
    const reporter = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    if (reporter === undefined) return;
    reporter.begin('Indexing KB', 0, undefined, false);
    this.progress = {
      report: (done, total) => reporter.report(Math.floor((done / Math.max(total, 1)) * 100), `${done} / ${total} files`),
      done: () => {
        reporter.done();
        this.progress = undefined;
      },
    };
  }

  private onProgress(done: number, total: number): void {
    if (this.progress === undefined) return;
    this.progress.report(done, total);
    if (done >= total) this.progress.done();
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T | undefined> {
    const run = this.queue.then(task).catch((error: unknown) => {
      this.logError(error);
      return undefined;
    });
    this.queue = run;
    return run;
  }

  private logError(error: unknown): void {
    this.connection.console.error(`kb-language-server: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }

  private scheduleChanges(changes: readonly KbChange[], delayMs: number): void {
    for (const change of changes) this.scheduler.schedule(change, delayMs);
  }

  private applyKbChange(change: KbChange): void {
    if (!this.workspace.all().includes(change.kb)) {
      this.scheduler.forgetKb(change.kb);
      return;
    }
    this.scheduler.schedule(change);
  }

  private onBatch(batch: CheckBatch): void {
    if (this.usePull) {
      if (batch.changed.some((file) => this.workspace.isOpen(file.path)) || batch.removed.some((path) => this.workspace.isOpen(path))) this.requestRefresh();
    } else {
      // Removed first: a file whose KB was replaced in this batch is both removed (old KB) and changed (new KB).
      for (const path of batch.removed) void this.connection.sendDiagnostics({ uri: pathToUri(path), diagnostics: [] });
      for (const file of batch.changed) {
        // Checked from the buffer's current text: the diagnostics are of that version.
        const version = this.bufferVersions.get(file.path);
        if (version === undefined) this.checkedVersions.delete(file.path);
        else this.checkedVersions.set(file.path, version);
        this.publish(file.path);
      }
    }
    this.sendStatus();
    this.wakeWorkspaceReport();
  }

  private wakeWorkspaceReport(): void {
    const waiters = [...this.workspaceWaiters];
    this.workspaceWaiters.clear();
    for (const wake of waiters) wake();
  }

  private publish(path: string): void {
    const result = this.scheduler.result(path);
    const diagnostics = this.settingsOf(path).enable && result !== undefined ? result.findings.map(toDiagnostic) : [];
    const version = this.checkedVersions.get(path);
    void this.connection.sendDiagnostics({ uri: pathToUri(path), diagnostics, ...(version === undefined ? {} : { version }) });
  }

  /** Asks a pull client to pull the open documents again (coalesced: at most one request in flight). */
  private requestRefresh(): void {
    if (!this.capabilities.workspace?.diagnostics?.refreshSupport || this.refreshPending) return;
    this.refreshPending = true;
    void this.connection.languages.diagnostics.refresh();
    setImmediate(() => {
      this.refreshPending = false;
    });
  }

  private sendStatus(): void {
    const status: KbStatus = { kbs: this.workspace.all().length, files: 0, errors: 0, warnings: 0, infos: 0, busy: this.scheduler.busy };
    const counts = { ...status };
    for (const result of this.scheduler.allResults()) {
      if (this.settingsOf(result.path).enable) {
        counts.files++;
        for (const finding of result.findings) {
          if (finding.severity === 'error') counts.errors++;
          else if (finding.severity === 'warning') counts.warnings++;
          else counts.infos++;
        }
      }
    }
    const serialized = JSON.stringify(counts);
    if (serialized === this.lastStatus) return;
    this.lastStatus = serialized;
    void this.connection.sendNotification(STATUS_NOTIFICATION, counts);
  }

  private resultId(resultId: string): string {
    return `${this.settingsGeneration}:${resultId}`;
  }

  private async documentDiagnostics(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const path = uriToPath(uri);
    if (path === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    await this.queue;
    await this.scheduler.settled(path);
    const result = this.scheduler.result(path);
    if (token.isCancellationRequested || result === undefined || !this.settingsOf(path).enable) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = this.resultId(result.resultId);
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: result.findings.map(toDiagnostic) };
  }

  /**
   * Reports every checked file that is not open (open ones are pulled one by
   * one). When nothing changed since the client's last report, the request is
   * held until something does, so the client's polling costs nothing.
   */
  private async workspaceDiagnostics(previous: ReadonlyMap<string, string>, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    for (;;) {
      await this.queue;
      await this.scheduler.settled();
      if (token.isCancellationRequested || this.shutDown) return { items: [] };
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      let changed = false;
      const reported = new Set<string>();
      for (const result of this.scheduler.allResults()) {
        if (this.workspace.isOpen(result.path)) continue;
        const uri = pathToUri(result.path);
        reported.add(uri);
        const resultId = this.resultId(result.resultId);
        if (previous.get(uri) === resultId) {
          items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null });
        } else {
          changed = true;
          items.push({ kind: DocumentDiagnosticReportKind.Full, uri, resultId, version: null, items: this.settingsOf(result.path).enable ? result.findings.map(toDiagnostic) : [] });
        }
      }
      for (const uri of previous.keys()) {
        const path = uriToPath(uri);
        if (reported.has(uri) || path === undefined || this.workspace.isOpen(path)) continue;
        changed = true;
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
      }
      if (changed) return { items };
      await new Promise<void>((resolve) => {
        this.workspaceWaiters.add(resolve);
        token.onCancellationRequested(() => resolve());
      });
    }
  }
}

/** Creates the server on a connection and starts it. */
export function startServer(connection: Connection, options: KbServerOptions = {}): KbLanguageServer {
  const server = new KbLanguageServer(connection, options);
  server.listen();
  return server;
}
