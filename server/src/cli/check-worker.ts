import { Engine, type Finding } from '../core/index.js';
import { NodeFileSystem } from '../node/node-file-system.js';

/** What the parent sends a worker: one KB and the files of it this worker checks. */
export interface CheckWorkerRequest {
  readonly root: string;
  readonly bundledRoot: string | undefined;
  /** Today's date as the parent sees it (ISO string), so every process judges dates alike. */
  readonly today: string;
  readonly paths: readonly string[];
}

/** What a worker sends back: a progress tick per file, then the findings. */
export type CheckWorkerMessage = { readonly kind: 'progress'; readonly done: number } | { readonly kind: 'findings'; readonly findings: readonly Finding[] };

/**
 * A child process of `kb-lint` that checks a share of a large KB's files.
 * It opens the whole KB itself (reading is cheap; parsing is lazy), so
 * cross-file checks see every file, but it parses only its share and the
 * files those link to.
 */
process.once('message', (request: CheckWorkerRequest) => {
  void (async () => {
    const today = new Date(request.today);
    const engine = new Engine({ fs: new NodeFileSystem(), today: () => today, ...(request.bundledRoot === undefined ? {} : { bundledRoot: request.bundledRoot }) });
    const kb = await engine.openKb(request.root);
    const findings: Finding[] = [];
    let done = 0;
    for (const path of request.paths) {
      findings.push(...engine.check(kb, path));
      kb.releaseSyntaxTree(path);
      if (++done % 25 === 0) process.send?.({ kind: 'progress', done } satisfies CheckWorkerMessage);
    }
    process.send?.({ kind: 'findings', findings } satisfies CheckWorkerMessage, () => process.disconnect());
  })();
});
