import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { codes, frontMatter, LspTestClient, writeTempKb } from '../protocol/lsp-client.js';

const ARTICLE = `${frontMatter('Prompt')}
# Prompt

## Symptoms

Outlook asks for credentials after Autodiscover finds the server.

## Cause

The profile caches an old password.

## Resolution

Sign in again.
`;

/** About 1 MB of ordinary prose: within every parse limit, and far longer to parse than the test's budget. */
function slowText(): string {
  const paragraph = 'The client asks for **credentials** when the [profile](https://example.com/profile) is *broken*, and `Outlook` retries.\n\n';
  return `${frontMatter('Long')}\n# Long\n\n${paragraph.repeat(Math.ceil((1024 * 1024) / paragraph.length))}`;
}

/** Far below what the slow text takes, far above what the small article takes on a busy machine (see server-time-budget.test.ts). */
const TEST_BUDGET_MS = 1000;

const OVER_BUDGET = /took longer than 1000 ms/;

function overBudget(diagnostics: ReadonlyArray<{ code?: unknown; message: string }>): boolean {
  return diagnostics.some((diagnostic) => diagnostic.code === 'file-unreadable' && OVER_BUDGET.test(diagnostic.message));
}

/** ARTICLE with `insert` put in at the start of the Cause section's paragraph. */
function withCause(insert: string): string {
  return ARTICLE.replace('The profile caches', `${insert}The profile caches`);
}

describe('language server edits and the parse worker', () => {
  const cleanups: Array<() => void> = [];
  after(() => {
    for (const cleanup of cleanups) cleanup();
  });

  it('checks a small edit while the worker is busy, times a large one, and still reports a text past the budget', async () => {
    const kb = writeTempKb({ 'kb.config.json': '{}', 'a.md': ARTICLE });
    cleanups.push(() => kb.remove());
    const client = new LspTestClient();
    try {
      await client.initialize([kb.root], undefined, { parseTimeBudgetMs: TEST_BUDGET_MS });
      await client.status((status) => status.busy === false && Number(status.files) > 0, 120_000);
      const article = kb.uri('a.md');
      await client.open(article, ARTICLE);
      assert.deepEqual(codes(await client.currentDiagnostics(article)), []);

      // The worker is busy with a slow text until the budget stops it; a small edit of the article does not wait for it.
      const [first, second] = [kb.uri('slow-1.md'), kb.uri('slow-2.md')];
      await client.open(first, slowText());
      const broken = client.diagnostics(article, (items) => codes(items).includes('link-anchor'));
      await client.change(article, withCause('See [the steps](#missing-section). '));
      await broken;
      assert.equal(client.published.has(first), false, 'the small edit was checked while the worker was still parsing the slow text');
      assert.ok(overBudget(await client.currentDiagnostics(first)));

      // A pasted paragraph longer than the bound goes through the worker, behind the slow text it is parsing.
      await client.open(second, slowText());
      const pasted = client.diagnostics(article, (items) => !codes(items).includes('link-anchor'));
      await client.change(article, withCause(`${'Outlook retries the connection with the cached password. '.repeat(60)}\n\n`));
      await pasted;
      assert.equal(client.published.has(second), true, 'the large edit waited for the worker, which had the slow text first');
      assert.ok(overBudget(await client.currentDiagnostics(second)));

      // A text past the budget is reported whichever way it comes.
      const stopped = client.diagnostics(article, overBudget);
      await client.change(article, slowText());
      await stopped;
    } finally {
      await client.dispose();
    }
  });
});
