import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { describe, it } from 'node:test';
import { BINARY_FILE } from '../../server/src/core/index.js';
import { PARSE_TIME_BUDGET_MS, PARSE_TIME_PER_KILOBYTE_MS, ParseGate, parseTimeBudgetMs } from '../../server/src/lsp/parse-gate.js';

/**
 * A stand-in for the parse worker, speaking its protocol: it counts the texts
 * it is sent, never finishes a text holding `HANG` (as a parse that cannot be
 * interrupted), and dies on one holding `CRASH` (as a parse that exhausts
 * its heap).
 */
const FAKE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', (request) => {
  Atomics.add(workerData.parses, 0, 1);
  if (request.text.includes('HANG')) for (;;);
  if (request.text.includes('CRASH')) process.exit(3);
  // A parse that takes a while, then ends.
  if (request.text.includes('SLOW')) for (const until = Date.now() + 200; Date.now() < until;);
  parentPort.postMessage({ done: request.id });
});
parentPort.postMessage({ ready: true });
`;

/**
 * A gate over fake workers, with counts of workers started and texts sent.
 * The budget only has to be longer than a fake worker's answer on a busy
 * machine: the texts that run past it never end.
 */
function gate(budgetMs = 3000, perKilobyteMs = 0): { gate: ParseGate; starts: () => number; parses: () => number; stopped: string[] } {
  const parses = new Int32Array(new SharedArrayBuffer(4));
  let starts = 0;
  const stopped: string[] = [];
  const parseGate = new ParseGate({
    budgetMs,
    perKilobyteMs,
    startWorker: () => {
      starts++;
      return new Worker(FAKE_WORKER, { eval: true, workerData: { parses } });
    },
    onOverBudget: (path) => stopped.push(path),
  });
  return { gate: parseGate, starts: () => starts, parses: () => Atomics.load(parses, 0), stopped };
}

describe('parse gate', () => {
  it('lets a text through once parsed, and times the same text of a file only once', async () => {
    const { gate: parseGate, parses } = gate();
    try {
      assert.equal(await parseGate.admit('/kb/a.md', '# A\n'), '# A\n');
      assert.equal(await parseGate.admit('/kb/a.md', '# A\n'), '# A\n');
      assert.equal(parses(), 1);
      // Two events with one text, before either is timed: one parse.
      const [first, second] = await Promise.all([parseGate.admit('/kb/b.scenario', 'Feature: B\n'), parseGate.admit('/kb/b.scenario', 'Feature: B\n')]);
      assert.deepEqual([first, second], ['Feature: B\n', 'Feature: B\n']);
      assert.equal(parses(), 2);
      // What no parser reads, and what is not text, passes as it is.
      assert.equal(await parseGate.admit('/kb/kb.config.json', '{}'), '{}');
      assert.equal(await parseGate.admit('/kb/c.md', BINARY_FILE), BINARY_FILE);
      assert.equal(parses(), 2);
    } finally {
      parseGate.dispose();
    }
  });

  it('stops a parse at the budget, replaces the worker, and does not try the same text again', async () => {
    const { gate: parseGate, starts, parses, stopped } = gate(1500);
    try {
      // Queued behind the hanging text: each gets its own verdict, in order.
      const [hanging, after] = await Promise.all([parseGate.admit('/kb/slow.md', 'HANG'), parseGate.admit('/kb/next.md', '# Next\n')]);
      assert.deepEqual(hanging, { overTimeBudgetMs: 1500 });
      assert.equal(after, '# Next\n');
      assert.deepEqual(stopped, ['/kb/slow.md']);
      assert.equal(starts(), 2, 'the stopped worker was replaced');
      assert.deepEqual(await parseGate.admit('/kb/slow.md', 'HANG'), { overTimeBudgetMs: 1500 });
      assert.equal(parses(), 2, 'the text that ran past the budget was not sent again');
      assert.equal(starts(), 2);
      // A new text of the same file is timed again.
      assert.equal(await parseGate.admit('/kb/slow.md', '# Fixed\n'), '# Fixed\n');
    } finally {
      parseGate.dispose();
    }
  });

  it('reports a text whose worker dies on it like one past the budget, and goes on with a new worker', async () => {
    const { gate: parseGate, starts, stopped } = gate();
    try {
      assert.deepEqual(await parseGate.admit('/kb/heavy.md', 'CRASH'), { overTimeBudgetMs: 3000 });
      assert.deepEqual(stopped, ['/kb/heavy.md']);
      assert.equal(await parseGate.admit('/kb/light.md', '# Light\n'), '# Light\n');
      assert.equal(starts(), 2);
    } finally {
      parseGate.dispose();
    }
  });

  it('lets texts through untimed, and says so, when no worker can be started', async () => {
    const reasons: unknown[] = [];
    const parseGate = new ParseGate({
      budgetMs: 1000,
      startWorker: () => new Worker('throw new Error("no parsers here")', { eval: true }),
      onUnavailable: (error) => reasons.push(error),
    });
    try {
      assert.equal(await parseGate.admit('/kb/a.md', '# A\n'), '# A\n');
      assert.equal(await parseGate.admit('/kb/b.md', '# B\n'), '# B\n');
      assert.equal(reasons.length, 1);
    } finally {
      parseGate.dispose();
    }
  });

  it('gives a long text a budget in proportion to its length, and reports the budget it had', async () => {
    // 100 ms for any text, 50 ms per KB: a 40 KB text gets 2 s, far more than the 200 ms its parse takes, which a fixed budget would stop.
    const { gate: parseGate, stopped } = gate(100, 50);
    try {
      const long = `SLOW ${'a'.repeat(40 * 1024)}`;
      assert.equal(await parseGate.admit('/kb/long.md', long), long);
      assert.deepEqual(await parseGate.admit('/kb/short.md', 'HANG'), { overTimeBudgetMs: 100 });
      assert.deepEqual(stopped, ['/kb/short.md']);
    } finally {
      parseGate.dispose();
    }
  });

  it('keeps the base budget up to 100 KB and grows it in proportion beyond', () => {
    assert.equal(parseTimeBudgetMs(0), PARSE_TIME_BUDGET_MS);
    assert.equal(parseTimeBudgetMs(100 * 1024), PARSE_TIME_BUDGET_MS);
    assert.equal(parseTimeBudgetMs(600 * 1024), 600 * PARSE_TIME_PER_KILOBYTE_MS);
    assert.equal(parseTimeBudgetMs(600 * 1024 + 1), 601 * PARSE_TIME_PER_KILOBYTE_MS);
    assert.equal(parseTimeBudgetMs(10 * 1024, 50, 0), 50);
  });
});
