import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DocumentSymbolRequest, type Hover, HoverRequest, type MarkupContent } from 'vscode-languageserver/node.js';
import { codes, frontMatter, LspTestClient, writeTempKb } from '../protocol/lsp-client.js';

const ARTICLE = `${frontMatter('Prompt')}
# Prompt

## Symptoms

Outlook asks for credentials after Autodiscover finds the server.

## Cause

Text.

## Resolution

Text.
`;

/**
 * Legal Markdown within every parse limit that still takes the parser
 * seconds: about 1 MB of prose with emphasis, code and links (the parser's
 * time per byte is that of ordinary articles; there is just a lot of it).
 */
function slowText(): string {
  const paragraph = 'The client asks for **credentials** when the [profile](https://example.com/profile) is *broken*, and `Outlook` retries.\n\n';
  return `${frontMatter('Long')}\n# Long\n\n${paragraph.repeat(Math.ceil((1024 * 1024) / paragraph.length))}`;
}

/**
 * The budget the tests ask for (`parseTimeBudgetMs`, an initialization option
 * that exists for tests and can only lower the budget): far below what the
 * slow text takes (the worker is stopped at the budget, so the test costs
 * little however slow the text), far above what a small article takes on a
 * busy machine.
 */
const TEST_BUDGET_MS = 1000;

const OVER_BUDGET = /took longer than 1000 ms/;

/** Where the article names a glossary term, for a hover. */
const TERM = (() => {
  const lines = ARTICLE.split('\n');
  const line = lines.findIndex((text) => text.includes('Autodiscover'));
  return { line, character: (lines[line] ?? '').indexOf('Autodiscover') + 3 };
})();

function overBudget(diagnostics: ReadonlyArray<{ code?: unknown; message: string }>): boolean {
  return diagnostics.some((diagnostic) => diagnostic.code === 'file-unreadable' && OVER_BUDGET.test(diagnostic.message));
}

describe('language server time budget per file', () => {
  const cleanups: Array<() => void> = [];
  after(() => {
    for (const cleanup of cleanups) cleanup();
  });

  async function start(files: Readonly<Record<string, string>>, indexed = true): Promise<{ client: LspTestClient; kb: ReturnType<typeof writeTempKb> }> {
    const kb = writeTempKb({ 'kb.config.json': '{}', ...files });
    const client = new LspTestClient();
    cleanups.push(() => kb.remove());
    await client.initialize([kb.root], undefined, { parseTimeBudgetMs: TEST_BUDGET_MS });
    // Indexed: a deadline long enough for a busy machine, since the test asserts an order of events, not a time.
    if (indexed) await client.status((status) => status.busy === false && Number(status.files) > 0, 120_000);
    return { client, kb };
  }

  it('checks a document opened at start-up while the texts read from disk are still being timed', async () => {
    // Each slow file takes the worker the whole budget and a restart: timing the four takes seconds.
    const slowFiles = ['slow-1.md', 'slow-2.md', 'slow-3.md', 'slow-4.md'];
    const { client, kb } = await start({ 'a.md': ARTICLE, ...Object.fromEntries(slowFiles.map((file) => [file, slowText()])) }, false);
    try {
      const stopped = (): number => client.logs.filter((log) => / took longer than /.test(log.message)).length;
      const opened = client.diagnostics(kb.uri('a.md'));
      await client.open(kb.uri('a.md'), ARTICLE);
      assert.deepEqual(codes(await opened), []);
      assert.ok(stopped() < slowFiles.length, 'the open document was checked before every text read from disk was timed');
      // Then every file is checked, the slow ones reported.
      await client.status((status) => status.busy === false && Number(status.files) > slowFiles.length, 120_000);
      for (const file of slowFiles) assert.ok(overBudget(await client.currentDiagnostics(kb.uri(file))), file);
      assert.equal(stopped(), slowFiles.length);
    } finally {
      await client.dispose();
    }
  });

  it('answers a hover on one document while another document is still being parsed', async () => {
    const { client, kb } = await start({ 'a.md': ARTICLE });
    try {
      const [first, second] = [kb.uri('slow-1.md'), kb.uri('slow-2.md')];
      const text = slowText();
      // Two slow buffers, parsed one after the other: once the first one's diagnostics arrive, the second is being parsed.
      const firstChecked = client.diagnostics(first);
      await client.open(first, text);
      await client.open(second, text);
      await firstChecked;
      assert.equal(client.published.has(second), false, 'the second slow document is still being parsed');
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: kb.uri('a.md') }, position: TERM }) as Hover | null;
      assert.equal(client.published.has(second), false, 'the hover was answered before the second slow document was checked');
      assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /Autodiscover/i);
      assert.ok(overBudget(await client.currentDiagnostics(second)));
    } finally {
      await client.dispose();
    }
  });

  it('reports a file whose parse runs past the budget, keeps answering, and parses it again only when its text changes', async () => {
    const { client, kb } = await start({ 'a.md': ARTICLE, 'slow.md': slowText() });
    try {
      const slow = kb.uri('slow.md');
      const diagnostics = client.published.get(slow)?.diagnostics ?? [];
      assert.deepEqual(codes(diagnostics), ['file-unreadable']);
      assert.match(diagnostics[0]?.message ?? '', /parsed again when its text changes/);
      const stopped = (): number => client.logs.filter((log) => log.message.includes('slow.md took longer than')).length;
      assert.equal(stopped(), 1);

      // The server keeps answering, and its replaced worker times the next texts.
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: kb.uri('a.md') }, position: TERM }) as Hover | null;
      assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /Autodiscover/i);

      // The same text, now from the editor: the verdict stands, and the parse is not tried again. A request on the
      // document is answered once its text is applied, so the answer comes after the verdict on it.
      await client.open(slow, slowText());
      const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: slow } });
      assert.deepEqual(symbols, []);
      assert.ok(overBudget(await client.currentDiagnostics(slow)));
      assert.equal(stopped(), 1, 'a text that ran past the budget is not parsed again');

      // A new text is parsed again (by a new worker) and checked.
      const fixed = client.diagnostics(slow, (items) => !overBudget(items));
      await client.change(slow, ARTICLE);
      assert.deepEqual(codes(await fixed), []);
      assert.equal(stopped(), 1);
    } finally {
      await client.dispose();
    }
  });
});
