import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { describe, it } from 'node:test';
import type { FileContent } from '../../server/src/core/index.js';
import { type MarkdownFile, parseMarkdown } from '../../server/src/core/markdown/parse-markdown.js';
import { TextAdmission, UNTIMED_REPARSE_MAX_LENGTH } from '../../server/src/lsp/text-admission.js';

/**
 * A stand-in for the parse worker, speaking its protocol: it counts the texts
 * it is sent and never finishes one holding `HANG` (a parse that cannot be
 * interrupted).
 */
const FAKE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', (request) => {
  Atomics.add(workerData.parses, 0, 1);
  if (request.text.includes('HANG')) for (;;);
  parentPort.postMessage({ done: request.id });
});
parentPort.postMessage({ ready: true });
`;

const PATH = '/kb/articles/long.md';

/** An article of `sections` sections, each a heading and two paragraphs of about 200 characters. */
function article(sections: number): string {
  const body = Array.from({ length: sections }, (_, index) =>
    `## Section ${index}\n\nOutlook prompts for credentials when the profile ${index} is broken, and the MAPI client retries the connection to the server.\n\nRestart Outlook after the cache ${index} is cleared, then sign in again with the account that owns the mailbox.\n`,
  ).join('\n');
  return `---\ntitle: Long article\nms.date: 11/20/2026\n---\n\n# Long article\n\n${body}`;
}

/**
 * A text admission over a fake worker, with an engine stand-in: the parse of
 * each document's last applied text is its edit base, as the language
 * server's KB keeps it.
 */
function admission(budgetMs = 3000): {
  texts: TextAdmission;
  parses: () => number;
  applied: FileContent[];
  event(content: FileContent): Promise<FileContent>;
} {
  const parses = new Int32Array(new SharedArrayBuffer(4));
  const engine = new Map<string, MarkdownFile>();
  const applied: FileContent[] = [];
  const texts = new TextAdmission({
    // No inherited `--input-type=module` (the unit suite runs in one `node --eval` process): the fake is CommonJS.
    startWorker: () => new Worker(FAKE_WORKER, { eval: true, execArgv: [], workerData: { parses } }),
    requestedBudgetMs: budgetMs,
    editBase: (path) => engine.get(path),
    log: () => undefined,
  });
  return {
    texts,
    parses: () => Atomics.load(parses, 0),
    applied,
    event: (content) => new Promise((resolve) => {
      texts.forDocument(PATH, content, (admitted) => {
        applied.push(admitted);
        if (typeof admitted === 'string') engine.set(PATH, parseMarkdown(PATH, admitted));
        else engine.delete(PATH);
        resolve(admitted);
        return Promise.resolve();
      });
    }),
  };
}

/** `text` with `insert` put in before the first occurrence of `before`. */
function insertBefore(text: string, before: string, insert: string): string {
  const at = text.indexOf(before);
  assert.ok(at >= 0, `"${before}" is in the text`);
  return `${text.slice(0, at)}${insert}${text.slice(at)}`;
}

describe('TextAdmission of edits', () => {
  it('lets a small edit of a document the engine holds through without the worker', async () => {
    const { texts, parses, event } = admission();
    try {
      const opened = article(60);
      assert.equal(await event(opened), opened);
      assert.equal(parses(), 1, 'a text the engine has no parse of is timed');
      const edited = insertBefore(opened, 'is broken, and the MAPI client retries the connection to the server.\n\nRestart Outlook after the cache 30', 'really ');
      assert.equal(await event(edited), edited);
      const again = insertBefore(edited, 'Restart Outlook after the cache 31', 'First, ');
      assert.equal(await event(again), again);
      assert.equal(parses(), 1, 'edits within the bound are not sent to the worker');
    } finally {
      texts.dispose();
    }
  });

  it('times an edit whose re-parse would go past the bound', async () => {
    const { texts, parses, event } = admission();
    try {
      const opened = article(60);
      await event(opened);
      const paragraph = `${'The account that owns the mailbox signs in again. '.repeat(Math.ceil(UNTIMED_REPARSE_MAX_LENGTH / 50))}\n\n`;
      const long = insertBefore(opened, '## Section 30', paragraph);
      assert.equal(await event(long), long);
      assert.equal(parses(), 2, 'a paragraph longer than the bound is timed');
      // Three characters, but the unclosed fence swallows every block after it: the re-parse goes to the end.
      const fenced = insertBefore(long, '## Section 10', '```\n');
      assert.equal(await event(fenced), fenced);
      assert.equal(parses(), 3, 'an edit that makes the re-parse grow past the bound is timed');
    } finally {
      texts.dispose();
    }
  });

  it('still reports a text that runs past the budget, and times the next edit of a document the engine has no parse of', async () => {
    const { texts, parses, event } = admission(300);
    try {
      const opened = article(60);
      await event(opened);
      const hanging = `HANG ${'x'.repeat(UNTIMED_REPARSE_MAX_LENGTH)}\n\n${opened}`;
      assert.deepEqual(await event(hanging), { overTimeBudgetMs: 300 });
      // The engine holds no parse of the document now: even a small edit is timed.
      const fixed = hanging.replace('HANG', 'Fine');
      assert.equal(await event(fixed), fixed);
      assert.equal(parses(), 3);
    } finally {
      texts.dispose();
    }
  });

  it('applies a document\'s events in the order they came, timed or not', async () => {
    const { texts, applied, event } = admission();
    try {
      const opened = article(60);
      const long = insertBefore(opened, '## Section 30', `${'Long. '.repeat(UNTIMED_REPARSE_MAX_LENGTH)}\n\n`);
      const small = insertBefore(long, 'Restart Outlook after the cache 40', 'Then ');
      // Sent without waiting: the small edit is judged once the long one, which the worker times, is applied.
      await Promise.all([event(opened), event(long), event(small)]);
      assert.deepEqual(applied, [opened, long, small]);
    } finally {
      texts.dispose();
    }
  });
});
