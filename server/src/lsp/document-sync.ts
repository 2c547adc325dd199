import { FileChangeType } from 'vscode-languageserver';
import { uriToPath } from './convert.js';
import type { FileEventKind, KbChange } from './kb-workspace.js';
import type { ServerHost } from './server-host.js';
import { verifiedFileEvents } from './watched-files.js';

/** What document sync does with the changes it learns of, besides laying buffers over the disk. */
export interface DocumentSyncTarget {
  /** How long to wait after a keystroke before checking the buffer (ms). */
  readonly debounceMs: number;
  /** Records the version of the buffer the workspace holds for `path` (`undefined` once closed): published diagnostics name it. */
  setBufferVersion(path: string, version: number | undefined): void;
  /** Schedules the checks a change of buffers calls for. */
  scheduleChanges(changes: readonly KbChange[], delayMs: number): void;
  /** Schedules the checks a change on disk calls for (or forgets a KB that is gone). */
  applyKbChange(change: KbChange): void;
  /** Answers the held `workspace/diagnostic` requests. */
  wakeWorkspaceReport(): void;
}

/**
 * Keeps the workspace's buffers in step with the editor (open, change, close)
 * and its files with the disk (watched file events). Every change goes through
 * the server's queue, so changes apply in the order they came.
 */
export function registerDocumentSync(host: ServerHost, target: DocumentSyncTarget): void {
  const { connection, documents } = host;
  // Each buffer's text is timed before it is applied (`TextAdmission`): events of one document keep their order.
  documents.onDidOpen(({ document }) => {
    const path = uriToPath(document.uri);
    if (path === undefined) return;
    const { version } = document;
    host.texts().forDocument(path, document.getText(), (text) => host.enqueue(async () => {
      await host.workspace().ensureKbFor(path);
      target.setBufferVersion(path, version);
      target.scheduleChanges(await host.workspace().setBuffer(path, text ?? ''), 0);
    }));
  });
  documents.onDidChangeContent(({ document }) => {
    const path = uriToPath(document.uri);
    if (path === undefined) return;
    const { version } = document;
    host.texts().forDocument(path, document.getText(), (text) => host.enqueue(async () => {
      if (!host.workspace().isOpen(path)) return;
      target.setBufferVersion(path, version);
      target.scheduleChanges(await host.workspace().setBuffer(path, text ?? ''), target.debounceMs);
    }));
  });
  documents.onDidClose(({ document }) => {
    const path = uriToPath(document.uri);
    if (path === undefined) return;
    host.texts().forDocument(path, undefined, () => host.enqueue(async () => {
      target.setBufferVersion(path, undefined);
      target.scheduleChanges(await host.workspace().closeBuffer(path), 0);
      // A pull client drops a closed document's diagnostics; a new result id makes the workspace report resend them.
      host.scheduler().touch(path);
      target.wakeWorkspaceReport();
      if (!host.usePull() && host.workspace().kbFor(path) === undefined) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    }));
  });
  documents.listen(connection);

  connection.onDidChangeWatchedFiles(({ changes }) => host.enqueue(async () => {
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (path === undefined) continue;
      const kind: FileEventKind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      // A watcher's word is checked against the disk: a created folder is walked, a "deleted" file that exists is read again.
      for (const event of await verifiedFileEvents(host.fs, path, kind)) {
        for (const kbChange of await host.workspace().fileChanged(event.path, event.kind)) target.applyKbChange(kbChange);
      }
    }
  }));
}
