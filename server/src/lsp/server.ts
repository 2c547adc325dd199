import {
  type ClientCapabilities,
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  type Disposable,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Worker } from 'node:worker_threads';
import { Engine, isInside, type KbFileSystem, type KnowledgeBase } from '../core/index.js';
import { basename, dirname } from '../core/paths.js';
import { NodeFileSystem } from '../node/node-file-system.js';
import { registerCodeActions } from './code-action-provider.js';
import { FIX_ALL_KIND } from './code-actions.js';
import { registerCommands } from './commands.js';
import { FEATURE_CAPABILITIES, registerFeatures } from './features.js';
import { IndexingProgress } from './indexing-progress.js';
import { type CheckBatch, CheckScheduler } from './check-scheduler.js';
import { pathToUri, uriToPath } from './convert.js';
import { DiagnosticsProvider } from './diagnostics-provider.js';
import { registerDocumentSync } from './document-sync.js';
import { type KbChange, KbWorkspace } from './kb-workspace.js';
import { COMMANDS, type KbSettings } from './protocol.js';
import type { ServerHost } from './server-host.js';
import { SettingsByFolder } from './settings.js';
import { TextAdmission } from './text-admission.js';
import { TimedReads } from './timed-reads.js';

/** What the server needs from its host; everything has a default for real use. */
export interface KbServerOptions {
  /** Folder of the KB bundled with the tool (its glossary, remediations, causes). */
  readonly bundledRoot?: string;
  readonly fs?: KbFileSystem;
  /** The clock the engine takes the current date from (default: the system clock); tests fix it. */
  readonly today?: () => Date;
  /** How long to wait after a keystroke before checking the buffer (ms). */
  readonly debounceMs?: number;
  readonly version?: string;
  /** Starts a parse worker (`parse-worker.ts`), which times every text before the engine parses it; without it texts are untimed. */
  readonly startParseWorker?: () => Worker;
}

const DEFAULT_DEBOUNCE_MS = 150;

/** The host's clock: the core reads none of its own. */
const systemClock = (): Date => new Date();

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
  private texts!: TextAdmission;
  readonly debounceMs: number;
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
  private shutDown = false;
  private readonly progress: IndexingProgress;
  /** Diagnostics (pulled or pushed) and the `kb/status` counts. */
  private readonly diagnostics: DiagnosticsProvider;

  constructor(
    private readonly connection: Connection,
    private readonly options: KbServerOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.diagnostics = new DiagnosticsProvider(this.host());
    this.progress = new IndexingProgress(connection);
  }

  /** Installs the handlers and starts listening on the connection. */
  listen(): void {
    const { connection } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onShutdown(() => {
      this.shutDown = true;
      this.scheduler?.dispose();
      this.texts?.dispose();
      this.wakeWorkspaceReport();
    });

    const host = this.host();
    registerDocumentSync(host, this);
    connection.onDidChangeConfiguration((params) => this.enqueue(async () => {
      const pushed = (params.settings as { kb?: Partial<KbSettings> } | undefined)?.kb;
      await this.loadSettings(pushed);
    }));
    registerCodeActions(host);
    registerFeatures(connection, {
      kbOf: async (uri) => {
        const path = uriToPath(uri);
        if (path === undefined || !this.settingsOf(path).enable) return undefined;
        await host.idle(path);
        const kb = this.workspace.kbFor(path);
        return kb === undefined ? undefined : { kb, path };
      },
      allKbs: async () => {
        await this.queue;
        return this.workspace.all().filter((kb) => this.settings.of(kb.root).enable);
      },
      termCompletion: (path) => this.settingsOf(path).completion.terms,
      today: () => (this.options.today ?? systemClock)(),
      findings: (path) => this.scheduler.result(path)?.findings ?? [],
    });
    registerCommands(host, () => this.reindex());
    this.diagnostics.register(connection);
    connection.listen();
  }

  private get usePull(): boolean {
    return this.capabilities.textDocument?.diagnostic !== undefined;
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const { bundledRoot, today, startParseWorker } = this.options;
    const initializationOptions = params.initializationOptions as { trusted?: unknown; parseTimeBudgetMs?: unknown } | undefined;
    this.texts = new TextAdmission({
      ...(startParseWorker ? { startWorker: startParseWorker } : {}),
      requestedBudgetMs: initializationOptions?.parseTimeBudgetMs,
      editBase: (path) => this.workspace.kbFor(path)?.markdown(path),
      log: (message) => this.connection.console.info(message),
    });
    // Every text read from a workspace is timed before the engine parses it.
    const fs = this.texts.fileSystem(this.options.fs ?? new NodeFileSystem(), bundledRoot);
    // An untrusted workspace (VS Code tells through initializationOptions) gets the bundled knowledge only.
    const trusted = initializationOptions?.trusted !== false;
    const engine = new Engine({ fs, trusted, ...(bundledRoot ? { bundledRoot } : {}), today: today ?? systemClock });
    this.workspace = new KbWorkspace(engine, fs, fs instanceof TimedReads ? fs : undefined);
    this.workspace.onTextTimed((apply) => void this.enqueue(async () => apply().forEach((change) => this.applyKbChange(change))));
    this.scheduler = new CheckScheduler(engine, this.workspace, (batch) => this.onBatch(batch), (done, total) => this.progress.report(done, total), (error) => this.logError(error));
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
      const started = Date.now();
      await this.loadSettings(undefined);
      await this.progress.start(this.capabilities);
      for (const folder of this.folders) {
        const kbs = await this.workspace.addFolder(folder);
        for (const kb of kbs) this.scheduler.scheduleKb(kb);
        this.warnUnreadableConfig(folder, kbs);
      }
      if (!this.scheduler.busy) this.progress.done();
      this.sendStatus();
      this.diagnostics.reportWhenChecked('Checked', started, false);
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
    const started = Date.now();
    this.connection.console.info('Validate workspace: reading every KB again from disk and checking all its files.');
    for (const folder of this.folders) {
      for (const kb of this.workspace.removeFolder(folder)) this.scheduler.forgetKb(kb);
    }
    await this.progress.start(this.capabilities);
    for (const folder of this.folders) {
      for (const kb of await this.workspace.addFolder(folder)) this.scheduler.scheduleKb(kb);
    }
    for (const path of this.workspace.openPaths()) {
      const kb = await this.workspace.ensureKbFor(path);
      if (kb !== undefined) this.scheduler.scheduleKb(kb);
    }
    if (!this.scheduler.busy) this.progress.done();
    this.diagnostics.reportWhenChecked('Validated', started, true);
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

  /** What the feature modules need from the session. */
  private host(): ServerHost {
    return {
      connection: this.connection,
      documents: this.documents,
      fs: this.options.fs ?? new NodeFileSystem(),
      workspace: () => this.workspace,
      scheduler: () => this.scheduler,
      texts: () => this.texts,
      capabilities: () => this.capabilities,
      usePull: () => this.usePull,
      isShutDown: () => this.shutDown,
      settingsOf: (path) => this.settingsOf(path),
      settingsGeneration: () => this.settingsGeneration,
      idle: async (path) => {
        await (path === undefined ? this.texts.allSettled() : this.texts.documentSettled(path));
        await this.queue;
      },
      enqueue: (task) => this.enqueue(task),
    };
  }

  setBufferVersion(path: string, version: number | undefined): void {
    this.diagnostics.setBufferVersion(path, version);
  }

  scheduleChanges(changes: readonly KbChange[], delayMs: number): void {
    for (const change of changes) this.scheduler.schedule(change, delayMs);
  }

  applyKbChange(change: KbChange): void {
    if (!this.workspace.all().includes(change.kb)) {
      this.scheduler.forgetKb(change.kb);
      return;
    }
    this.scheduler.schedule(change);
  }

  private onBatch(batch: CheckBatch): void {
    this.diagnostics.onBatch(batch);
  }

  wakeWorkspaceReport(): void {
    this.diagnostics.wakeWorkspaceReport();
  }

  private publish(path: string): void {
    this.diagnostics.publish(path);
  }

  private requestRefresh(): void {
    this.diagnostics.requestRefresh();
  }

  private sendStatus(): void {
    this.diagnostics.sendStatus();
  }
}

/** Creates the server on a connection and starts it. */
export function startServer(connection: Connection, options: KbServerOptions = {}): KbLanguageServer {
  const server = new KbLanguageServer(connection, options);
  server.listen();
  return server;
}
