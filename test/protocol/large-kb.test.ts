import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Hover, HoverRequest, type MarkupContent, WorkspaceDiagnosticRequest } from 'vscode-languageserver/node.js';
import { frontMatter, LspTestClient, PULL_CLIENT, writeTempKb } from './lsp-client.js';

const ARTICLES = 3000;

function article(index: number): string {
  const next = (index + 1) % ARTICLES;
  return `${frontMatter(`Article ${index}`)}
# Article ${index}

## Symptoms

The Widget Server stops. See [the next article](article-${next}.md#cause).

## Cause

It stopped.

## Resolution

Start it.
`;
}

describe('language server over stdio: a KB of 3,000 articles', () => {
  const files: Record<string, string> = {
    'kb.config.json': '{}\n',
    'glossary/widget-server.md': '---\nterm: Widget Server\nsummary: Hands out widgets.\n---\n\nThe Widget Server hands out widgets.\n',
  };
  for (let index = 0; index < ARTICLES; index++) files[`articles/article-${index}.md`] = article(index);
  const kb = writeTempKb(files);
  const client = new LspTestClient();
  const open = kb.uri('articles/article-2999.md');

  before(async () => {
    await client.initialize([kb.root], PULL_CLIENT);
  });
  after(async () => {
    await client.dispose();
    kb.remove();
  });

  it('answers hovers on the open document while the KB is still being indexed', async () => {
    const text = article(2999);
    await client.open(open, text);
    const line = text.split('\n').findIndex((candidate) => candidate.startsWith('The Widget Server'));
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: open }, position: { line, character: 8 } }) as Hover | null;
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /\*\*Widget Server\*\*/);
    assert.equal(client.statuses.some((status) => status.busy === false && (status.files as number) >= ARTICLES), false, 'the hover came before indexing ended');
  });

  it('indexes every file with visible progress, then reports them all', async () => {
    const status = await client.status((value) => value.busy === false && (value.files as number) > ARTICLES, 120_000);
    assert.equal(status.errors, 0);
    const reports = client.progress.filter((value) => value.kind === 'report').map((value) => value.message ?? '');
    assert.ok(reports.length >= 3, `progress reports: ${reports.join(' | ')}`);
    assert.ok(reports.every((message) => /^\d+ \/ \d+ files$/.test(message)));
    // The articles, the glossary entry and kb.config.json.
    assert.equal(reports.at(-1), `${ARTICLES + 2} / ${ARTICLES + 2} files`);
    const workspace = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    assert.equal(workspace.items.length, ARTICLES + 1, 'every file but the open one');
  });
});
