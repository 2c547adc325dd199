import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { describe, it } from 'node:test';
import { AWAITING_TIMING, type FileContent, InMemoryFileSystem } from '../../server/src/core/index.js';
import { ParseGate } from '../../server/src/lsp/parse-gate.js';
import { TimedReads } from '../../server/src/lsp/timed-reads.js';

/** A stand-in for the parse worker, speaking its protocol: every text is done at once. */
const FAKE_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (request) => parentPort.postMessage({ done: request.id }));
parentPort.postMessage({ ready: true });
`;

function timedReads(files: Record<string, string>): { fs: InMemoryFileSystem; reads: TimedReads; timed: Array<[string, FileContent]>; gate: ParseGate; next(): Promise<[string, FileContent]> } {
  const fs = new InMemoryFileSystem(files);
  // No inherited `--input-type=module` (the unit suite runs in one `node --eval` process): the fake is CommonJS.
  const gate = new ParseGate({ startWorker: () => new Worker(FAKE_WORKER, { eval: true, execArgv: [] }), budgetMs: 3000 });
  const reads = new TimedReads(fs, gate, '/bundled');
  const timed: Array<[string, FileContent]> = [];
  let waiting: ((verdict: [string, FileContent]) => void) | undefined;
  reads.onTimed((path, content) => {
    timed.push([path, content]);
    waiting?.([path, content]);
  });
  return { fs, reads, timed, gate, next: () => new Promise((resolve) => (waiting = resolve)) };
}

describe('TimedReads', () => {
  it('reads a text as awaiting timing, hands on its verdict, and reads it at once once timed', async () => {
    const { reads, gate, next } = timedReads({ '/kb/a.md': '# A\n' });
    try {
      const verdict = next();
      assert.equal(await reads.readText('/kb/a.md'), AWAITING_TIMING);
      assert.equal(reads.isTiming('/kb/a.md'), true);
      assert.deepEqual(await verdict, ['/kb/a.md', '# A\n']);
      assert.equal(reads.isTiming('/kb/a.md'), false);
      assert.equal(await reads.readText('/kb/a.md'), '# A\n', 'the same text is not timed twice');
    } finally {
      gate.dispose();
    }
  });

  it('hands on only the verdict of the latest read of a file', async () => {
    const { fs, reads, timed, gate, next } = timedReads({ '/kb/a.md': '# First\n' });
    try {
      assert.equal(await reads.readText('/kb/a.md'), AWAITING_TIMING);
      fs.write('/kb/a.md', '# Second\n');
      const verdict = next();
      assert.equal(await reads.readText('/kb/a.md'), AWAITING_TIMING);
      const timeFirst = reads.timeFirst('/kb/a.md');
      assert.deepEqual(await verdict, ['/kb/a.md', '# Second\n']);
      assert.equal(await timeFirst, '# Second\n');
      assert.deepEqual(timed, [['/kb/a.md', '# Second\n']], 'the verdict of the first read came too late to count');
    } finally {
      gate.dispose();
    }
  });

  it('returns at once what needs no timing: the bundled KB, files of other kinds, missing files', async () => {
    const { reads, timed, gate } = timedReads({ '/bundled/glossary/a.md': '# A\n', '/kb/kb.config.json': '{}' });
    try {
      assert.equal(await reads.readText('/bundled/glossary/a.md'), '# A\n');
      assert.equal(await reads.readText('/kb/kb.config.json'), '{}');
      assert.equal(await reads.readText('/kb/missing.md'), undefined);
      assert.equal(reads.timeFirst('/kb/missing.md'), undefined);
      assert.deepEqual(timed, []);
    } finally {
      gate.dispose();
    }
  });
});
