import { Engine, type Finding, type KnowledgeBase } from '../core/index.js';
import { turnOffPretenuring } from '../node/heap-growth.js';
import { NodeFileSystem } from '../node/node-file-system.js';
import { boundHeapForLargeKbs } from './large-kb.js';

/** How the parent asks a worker to open a KB: the same one it checks itself. */
export interface OpenKbRequest {
  readonly kind: 'open';
  readonly root: string;
  /** The file the KB's configuration is read from (`--config`), when not its `kb.config.json`. */
  readonly configPath?: string | undefined;
  readonly bundledRoot: string | undefined;
  /** Today's date as the parent sees it (ISO string), so every process judges dates alike. */
  readonly today: string;
}

/**
 * What the parent sends a worker: open the KB (first), check a batch of its
 * files (answered with their findings), or stop (once no files are left).
 */
export type CheckWorkerRequest = OpenKbRequest | { readonly kind: 'check'; readonly paths: readonly string[] } | { readonly kind: 'stop' };

/** What a worker sends back: that the KB is open, then the findings of each batch it was given. */
export type CheckWorkerMessage = { readonly kind: 'ready' } | { readonly kind: 'checked'; readonly count: number; readonly findings: readonly Finding[] };

// The parent gone (killed, or failed), nothing is left to report to.
process.on('disconnect', () => process.exit(0));
turnOffPretenuring();
const report = (message: CheckWorkerMessage): void => {
  process.send?.(message, (error: Error | null) => {
    if (error !== null) process.exit(0);
  });
};
let opened: { readonly engine: Engine; readonly kb: KnowledgeBase } | undefined;
let work: Promise<void> = Promise.resolve();

/**
 * A child process of `kb-lint` that checks files of a large KB, batch by
 * batch as the parent deals them out. It opens the whole KB itself
 * (reading is cheap; parsing is lazy), so cross-file checks see every file,
 * but it parses only the files it is given and the files those link to.
 */
process.on('message', (request: CheckWorkerRequest) => {
  // One request at a time, in the order they came (a batch may arrive while the KB is still being opened).
  work = work.then(async () => {
    if (request.kind === 'open') {
      const today = new Date(request.today);
      const engine = new Engine({ fs: new NodeFileSystem({ blocking: true }), today: () => today, ...(request.bundledRoot === undefined ? {} : { bundledRoot: request.bundledRoot }) });
      opened = { engine, kb: await engine.openKb(request.root, request.configPath === undefined ? {} : { configPath: request.configPath }) };
      // The same KB as the parent's, so the same heap policy.
      boundHeapForLargeKbs([opened.kb]);
      report({ kind: 'ready' });
    } else if (request.kind === 'check' && opened !== undefined) {
      const findings: Finding[] = [];
      for (const path of request.paths) {
        findings.push(...opened.engine.check(opened.kb, path));
        opened.kb.releaseSyntaxTree(path);
      }
      report({ kind: 'checked', count: request.paths.length, findings });
    } else {
      process.disconnect();
    }
  });
});
