import {
  type CancellationToken,
  type Connection,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { cancellable } from './cancellation.js';
import type { CheckBatch } from './check-scheduler.js';
import { pathToUri, toDiagnostic, uriToPath } from './convert.js';
import { type KbStatus, STATUS_NOTIFICATION } from './protocol.js';
import { countFindings, describeCounts } from './status.js';
import type { ServerHost } from './server-host.js';

/**
 * Diagnostics and the status counts: pulled (`textDocument/diagnostic`, and
 * `workspace/diagnostic` held open until something changes) when the client
 * supports it, pushed otherwise, after each batch of checks.
 */
export class DiagnosticsProvider {
  private lastStatus = '';
  private refreshPending = false;
  /** Held `workspace/diagnostic` requests, woken when anything they report may have changed. */
  private readonly workspaceWaiters = new Set<() => void>();
  /** The version of each open document's text the workspace holds, and of the text each published result was checked from. */
  private readonly bufferVersions = new Map<string, number>();
  private readonly checkedVersions = new Map<string, number>();

  constructor(private readonly host: ServerHost) {}

  /** Installs the pull handlers on the connection. */
  register(connection: Connection): void {
    connection.languages.diagnostics.on(cancellable((params, token) => this.documentDiagnostics(params.textDocument.uri, params.previousResultId, token)));
    connection.languages.diagnostics.onWorkspace(cancellable((params, token) => this.workspaceDiagnostics(new Map(params.previousResultIds.map((item) => [item.uri, item.value])), token)));
  }

  /** Reports what a batch of checks changed: asks pull clients to pull again, or sends the diagnostics. */
  onBatch(batch: CheckBatch): void {
    const workspace = this.host.workspace();
    if (this.host.usePull()) {
      if (batch.changed.some((file) => workspace.isOpen(file.path)) || batch.removed.some((path) => workspace.isOpen(path))) this.requestRefresh();
    } else {
      // Removed first: a file whose KB was replaced in this batch is both removed (old KB) and changed (new KB).
      for (const path of batch.removed) void this.host.connection.sendDiagnostics({ uri: pathToUri(path), diagnostics: [] });
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

  /** Answers the held `workspace/diagnostic` requests. */
  wakeWorkspaceReport(): void {
    const waiters = [...this.workspaceWaiters];
    this.workspaceWaiters.clear();
    for (const wake of waiters) wake();
  }

  /** Sends the current diagnostics of one file (push clients). */
  publish(path: string): void {
    const result = this.host.scheduler().result(path);
    const diagnostics = this.host.settingsOf(path).enable && result !== undefined ? result.findings.map(toDiagnostic) : [];
    const version = this.checkedVersions.get(path);
    void this.host.connection.sendDiagnostics({ uri: pathToUri(path), diagnostics, ...(version === undefined ? {} : { version }) });
  }

  /** Records the version of the buffer the workspace now holds for `path` (`undefined` once it is closed). */
  setBufferVersion(path: string, version: number | undefined): void {
    if (version === undefined) this.bufferVersions.delete(path);
    else this.bufferVersions.set(path, version);
  }

  /** Asks a pull client to pull the open documents again (coalesced: at most one request in flight). */
  requestRefresh(): void {
    if (!this.host.capabilities().workspace?.diagnostics?.refreshSupport || this.refreshPending) return;
    this.refreshPending = true;
    void this.host.connection.languages.diagnostics.refresh();
    setImmediate(() => {
      this.refreshPending = false;
    });
  }

  /** Sends `kb/status` when the counts changed. */
  sendStatus(): void {
    const counts = this.counts();
    const serialized = JSON.stringify(counts);
    if (serialized === this.lastStatus) return;
    this.lastStatus = serialized;
    void this.host.connection.sendNotification(STATUS_NOTIFICATION, counts);
  }

  /** Once the checks under way are done, writes what they found to the output (the client's log) and, when `announce`, shows it too. */
  reportWhenChecked(what: string, started: number, announce: boolean): void {
    void this.host.scheduler().settled().then(() => {
      const summary = describeCounts(what, this.counts(), Date.now() - started);
      this.host.connection.console.info(summary);
      if (announce) void this.host.connection.window.showInformationMessage(summary);
    });
  }

  /** The KBs, files and findings the status bar shows, over the files whose folder has the tool enabled. */
  counts(): KbStatus {
    const scheduler = this.host.scheduler();
    return countFindings(this.host.workspace().all().length, scheduler.busy, scheduler.allResults(), (path) => this.host.settingsOf(path).enable);
  }

  private resultId(resultId: string): string {
    return `${this.host.settingsGeneration()}:${resultId}`;
  }

  private async documentDiagnostics(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const path = uriToPath(uri);
    if (path === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    await this.host.idle(path);
    const scheduler = this.host.scheduler();
    await scheduler.settled(path);
    const result = scheduler.result(path);
    if (token.isCancellationRequested || result === undefined || !this.host.settingsOf(path).enable) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
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
      await this.host.idle();
      const scheduler = this.host.scheduler();
      const workspace = this.host.workspace();
      await scheduler.settled();
      if (token.isCancellationRequested || this.host.isShutDown()) return { items: [] };
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      let changed = false;
      const reported = new Set<string>();
      for (const result of scheduler.allResults()) {
        if (workspace.isOpen(result.path)) continue;
        const uri = pathToUri(result.path);
        reported.add(uri);
        const resultId = this.resultId(result.resultId);
        if (previous.get(uri) === resultId) {
          items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null });
        } else {
          changed = true;
          items.push({ kind: DocumentDiagnosticReportKind.Full, uri, resultId, version: null, items: this.host.settingsOf(result.path).enable ? result.findings.map(toDiagnostic) : [] });
        }
      }
      for (const uri of previous.keys()) {
        const path = uriToPath(uri);
        if (reported.has(uri) || path === undefined || workspace.isOpen(path)) continue;
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
