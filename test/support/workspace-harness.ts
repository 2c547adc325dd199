import * as path from 'node:path';
import { CONFIG_FILE_NAME, Engine, type Finding, InMemoryFileSystem } from '../../server/src/core/index.js';
import { CheckScheduler } from '../../server/src/lsp/check-scheduler.js';
import { type FileEventKind, type KbChange, KbWorkspace } from '../../server/src/lsp/kb-workspace.js';
import { FIXTURE_TODAY, loadFixtureKb, REPOSITORY_ROOT } from './rule-fixtures.js';

/** The repository's own KB on an in-memory file system rooted at `/kb`. */
export function bundledKbFiles(): InMemoryFileSystem {
  return loadFixtureKb(path.join(REPOSITORY_ROOT, 'kb'));
}

/**
 * The language server's workspace and check scheduler, driven in-process
 * over an in-memory file system as the server drives them: file events
 * become changes, changes are scheduled, and {@link findings} are the
 * findings the editor shows once the scheduler is idle.
 */
export class WorkspaceUnderTest {
  readonly workspace: KbWorkspace;
  readonly scheduler: CheckScheduler;
  private readonly bufferText = new Map<string, string>();

  private constructor(readonly fs: InMemoryFileSystem, readonly root: string) {
    this.workspace = new KbWorkspace(new Engine({ fs, today: () => FIXTURE_TODAY }), fs);
    this.scheduler = new CheckScheduler(new Engine({ fs, today: () => FIXTURE_TODAY }), this.workspace, () => undefined);
  }

  static async open(fs: InMemoryFileSystem, root = '/kb'): Promise<WorkspaceUnderTest> {
    const harness = new WorkspaceUnderTest(fs, root);
    for (const kb of await harness.workspace.addFolder(root)) harness.scheduler.scheduleKb(kb);
    await harness.scheduler.settled();
    return harness;
  }

  /** A file was written, created or deleted on disk (the file system already holds the change). */
  async fileEvent(file: string, kind: FileEventKind): Promise<void> {
    for (const change of await this.workspace.fileChanged(file, kind)) this.apply(change);
    await this.scheduler.settled();
  }

  /** The editor opened or edited a buffer. */
  async edit(file: string, text: string): Promise<void> {
    this.bufferText.set(file, text);
    for (const change of await this.workspace.setBuffer(file, text)) this.apply(change);
    await this.scheduler.settled();
  }

  /** The editor closed a buffer. */
  async close(file: string): Promise<void> {
    this.bufferText.delete(file);
    for (const change of await this.workspace.closeBuffer(file)) this.apply(change);
    await this.scheduler.settled();
  }

  /** Every checked file's findings, as the editor shows them, by path. */
  findings(): Map<string, readonly Finding[]> {
    return new Map(this.scheduler.allResults().map((result) => [result.path, result.findings] as const).sort(([a], [b]) => a.localeCompare(b)));
  }

  /** The findings of a fresh full check of what the editor sees (disk with open buffers laid over it), by path. */
  async freshFindings(): Promise<Map<string, readonly Finding[]>> {
    const seen = new InMemoryFileSystem();
    for (const file of await this.fs.listFiles(this.root, [])) {
      const text = this.bufferText.get(file) ?? await this.fs.readText(file);
      if (text !== undefined) seen.write(file, text);
    }
    for (const [file, text] of this.bufferText) seen.write(file, text);
    // In an editor, a folder is a KB only while it holds a kb.config.json.
    if ((await seen.readText(`${this.root}/${CONFIG_FILE_NAME}`)) === undefined) return new Map();
    const engine = new Engine({ fs: seen, today: () => FIXTURE_TODAY });
    const kb = await engine.openKb(this.root);
    return new Map(kb.checkedPaths().map((file) => [file, engine.check(kb, file)] as const));
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  private apply(change: KbChange): void {
    if (!this.workspace.all().includes(change.kb)) this.scheduler.forgetKb(change.kb);
    else this.scheduler.schedule(change);
  }
}

/** Findings as comparable text: one line per finding, by file. */
export function describeFindings(findings: ReadonlyMap<string, readonly Finding[]>): string[] {
  return [...findings].sort(([a], [b]) => a.localeCompare(b)).flatMap(([file, list]) => [
    `${file}:`,
    ...list.map((finding) => `  ${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.ruleId} ${finding.message}${(finding.related ?? []).map((related) => ` [${related.path}:${related.range.start.line + 1}]`).join('')}`),
  ]);
}
