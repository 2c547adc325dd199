import type { ClientCapabilities, Connection } from 'vscode-languageserver';

/** The "Indexing KB" work-done progress the client shows while a KB is being checked. */
export class IndexingProgress {
  private current: { report(done: number, total: number): void; done(): void } | undefined;

  constructor(private readonly connection: Connection) {}

  /** Begins a progress report, when the client shows them. */
  async start(capabilities: ClientCapabilities): Promise<void> {
    if (!capabilities.window?.workDoneProgress) return;
    const reporter = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    if (reporter === undefined) return;
    reporter.begin('Indexing KB', 0, undefined, false);
    this.current = {
      report: (done, total) => reporter.report(Math.floor((done / Math.max(total, 1)) * 100), `${done} / ${total} files`),
      done: () => {
        reporter.done();
        this.current = undefined;
      },
    };
  }

  /** Reports how many of the files to check are done; ends the report when all are. */
  report(done: number, total: number): void {
    if (this.current === undefined) return;
    this.current.report(done, total);
    if (done >= total) this.current.done();
  }

  /** Ends the report (nothing was left to check). */
  done(): void {
    this.current?.done();
  }
}
