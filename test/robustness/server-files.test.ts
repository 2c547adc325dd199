import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DocumentSymbolRequest, FileChangeType } from 'vscode-languageserver/node.js';
import { codes, frontMatter, LspTestClient, writeTempKb } from '../protocol/lsp-client.js';

const ARTICLE = `${frontMatter('Links to a folder')}
# Links to a folder

## Symptoms

See [the target](new/target.md).

## Cause

Text.

## Resolution

Text.
`;

const TARGET = `${frontMatter('Target')}
# Target

## Symptoms

Text.

## Cause

Text.

## Resolution

Text.
`;

const fifos = { skip: process.platform === 'win32' ? 'FIFOs are a POSIX file system feature' : false };

/** `promise`, or a failure once `ms` have passed: a server that stopped answering fails the test instead of hanging it. */
function withinDeadline<T>(promise: Promise<T>, what: string, ms = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

describe('language server and the file system', () => {
  const cleanups: Array<() => void> = [];
  after(() => {
    for (const cleanup of cleanups) cleanup();
  });

  async function serverOn(files: Readonly<Record<string, string>>, workspaceFolder = ''): Promise<{ client: LspTestClient; kb: ReturnType<typeof writeTempKb> }> {
    const kb = writeTempKb(files);
    const client = new LspTestClient();
    cleanups.push(() => kb.remove());
    await client.initialize([path.join(kb.root, workspaceFolder)]);
    return { client, kb };
  }

  it('answers with a FIFO named kb.config.json in a folder above the workspace folder', fifos, async () => {
    const kb = writeTempKb({ 'workspace/articles/a.md': ARTICLE });
    cleanups.push(() => kb.remove());
    mkfifo(kb.file('kb.config.json'));
    const client = new LspTestClient();
    await client.initialize([kb.file('workspace')]);
    // Opening a file outside every known KB makes the server look for a kb.config.json in the folders above it.
    await client.open(kb.uri('workspace/articles/a.md'), ARTICLE);
    const symbols = await withinDeadline(client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: kb.uri('workspace/articles/a.md') } }), 'a documentSymbol request');
    // The file is in no KB (the FIFO is no configuration): nothing to outline, but an answer.
    assert.equal(symbols, null);
    await client.dispose();
  });

  it('keeps serving when a FIFO appears inside a KB while it runs', fifos, async () => {
    const { client, kb } = await serverOn({ 'kb.config.json': '{}\n', 'articles/a.md': ARTICLE, 'articles/new/target.md': TARGET });
    const uri = kb.uri('articles/a.md');
    await client.open(uri, ARTICLE);
    await client.currentDiagnostics(uri, (items) => items.length === 0);
    mkfifo(kb.file('articles/pipe.md'));
    mkfifo(kb.file('articles/new/target.md.fifo'));
    await client.filesChanged([{ uri: kb.uri('articles/pipe.md'), type: FileChangeType.Created }, { uri: kb.uri('articles/new/target.md.fifo'), type: FileChangeType.Changed }]);
    // The edit is handled after the events: its diagnostics prove the server went past them.
    await client.change(uri, `${ARTICLE}\n# A second title\n`);
    assert.deepEqual(codes(await client.diagnostics(uri, (items) => items.length > 0)), ['heading-single-h1']);
    await client.dispose();
  });

  it('walks a folder that arrives as one Created event', async () => {
    const { client, kb } = await serverOn({ 'kb.config.json': '{}\n', 'articles/a.md': ARTICLE });
    const uri = kb.uri('articles/a.md');
    await client.open(uri, ARTICLE);
    assert.deepEqual(codes(await client.currentDiagnostics(uri, (items) => items.length > 0)), ['link-target']);
    mkdirSync(kb.file('articles/new'));
    writeFileSync(kb.file('articles/new/target.md'), TARGET);
    await client.filesChanged([{ uri: kb.uri('articles/new'), type: FileChangeType.Created }]);
    assert.deepEqual(await client.diagnostics(uri, (items) => items.length === 0), []);
    await client.dispose();
  });

  it('reads again a file reported deleted that still exists', async () => {
    const { client, kb } = await serverOn({ 'kb.config.json': '{}\n', 'articles/a.md': ARTICLE, 'articles/new/target.md': TARGET });
    const uri = kb.uri('articles/a.md');
    await client.open(uri, ARTICLE);
    await client.currentDiagnostics(uri, (items) => items.length === 0);
    await client.filesChanged([{ uri: kb.uri('articles/new/target.md'), type: FileChangeType.Deleted }]);
    await client.change(uri, `${ARTICLE}\n# A second title\n`);
    // Believing the event would add a link-target error for new/target.md.
    assert.deepEqual(codes(await client.diagnostics(uri, (items) => items.length > 0)), ['heading-single-h1']);
    rmSync(kb.file('articles/new'), { recursive: true });
    await client.filesChanged([{ uri: kb.uri('articles/new'), type: FileChangeType.Deleted }]);
    assert.deepEqual(codes(await client.diagnostics(uri, (items) => items.includes(items.find((item) => item.code === 'link-target')!))), ['heading-single-h1', 'link-target']);
    await client.dispose();
  });

  it('publishes diagnostics with the version of the document they were computed from', async () => {
    const { client, kb } = await serverOn({ 'kb.config.json': '{}\n', 'articles/a.md': ARTICLE, 'articles/new/target.md': TARGET });
    const uri = kb.uri('articles/a.md');
    await client.open(uri, ARTICLE);
    await client.currentDiagnostics(uri, (items) => items.length === 0);
    assert.equal(client.published.get(uri)?.version, 1);
    await client.change(uri, `${ARTICLE}\n# A second title\n`);
    await client.diagnostics(uri, (items) => items.length > 0);
    assert.equal(client.published.get(uri)?.version, 2);
    await client.dispose();
  });
});

