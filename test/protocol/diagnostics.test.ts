import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, type CodeAction, type Diagnostic, DocumentDiagnosticRequest, FileChangeType, WorkspaceDiagnosticRequest, type FullDocumentDiagnosticReport } from 'vscode-languageserver/node.js';
import { codes, frontMatter, LspTestClient, PULL_CLIENT, PUSH_CLIENT, writeTempKb } from './lsp-client.js';

const ARTICLE = `${frontMatter('Prompt appears')}
# Prompt appears

## Symptoms

A prompt appears. See [the cause](#cause) and [the other article](other.md#resolution).

## Cause

The server asks for credentials.

## Resolution

Cache the credentials.
`;

const OTHER = `${frontMatter('Other article')}
# Other article

## Symptoms

Something else.

## Cause

Another reason.

## Resolution

Another fix.
`;

function kbFiles(): Record<string, string> {
  return {
    'kb.config.json': '{ "exclude": ["README.md"] }\n',
    'articles/prompt.md': ARTICLE,
    'articles/other.md': OTHER,
    'articles/media/.keep': '',
  };
}

describe('language server over stdio: pushed diagnostics', () => {
  const kb = writeTempKb(kbFiles());
  const client = new LspTestClient();
  const prompt = kb.uri('articles/prompt.md');
  const other = kb.uri('articles/other.md');

  before(async () => {
    const result = await client.initialize([kb.root], PUSH_CLIENT);
    assert.equal(result.capabilities.diagnosticProvider, undefined, 'a push client gets no pull provider');
    assert.equal(result.serverInfo?.name, 'kb-language-server');
  });
  after(async () => {
    await client.dispose();
    kb.remove();
  });

  it('reports a clean article with no diagnostics, then a broken anchor within a second of typing it', async () => {
    await client.open(prompt, ARTICLE);
    assert.deepEqual(await client.currentDiagnostics(prompt), []);
    const typed = ARTICLE.replace('(#cause)', '(#caus)');
    const started = Date.now();
    await client.change(prompt, typed);
    const diagnostics = await client.diagnostics(prompt, (items) => items.length > 0);
    assert.ok(Date.now() - started < 1000, `diagnostics took ${Date.now() - started} ms`);
    assert.deepEqual(codes(diagnostics), ['link-anchor']);
    const [diagnostic] = diagnostics;
    assert.equal(diagnostic?.source, 'kb-authoring');
    assert.match(diagnostic?.codeDescription?.href ?? '', /docs\/rules\/link-anchor\.md$/);
    assert.equal(diagnostic?.severity, 1);
    const line = typed.split('\n').findIndex((text) => text.includes('(#caus)'));
    assert.deepEqual(diagnostic?.range.start, { line, character: typed.split('\n')[line]!.indexOf('#caus') + 1 });
    assert.equal(diagnostic?.data, undefined, 'code actions are built from the current findings: a diagnostic carries no data');
  });

  it('offers the anchor suggestion as a quick fix whose edit makes the file clean', async () => {
    const current = ARTICLE.replace('(#cause)', '(#caus)');
    const diagnostics = await client.currentDiagnostics(prompt, (items) => items.length > 0);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: prompt },
      range: diagnostics[0]!.range,
      context: { diagnostics },
    }) as CodeAction[];
    const fix = actions.find((action) => action.title === 'Change the anchor to "#cause"');
    assert.ok(fix, `actions: ${actions.map((action) => action.title).join(', ')}`);
    assert.equal(fix.kind, 'quickfix');
    // The closest anchor is a guess: offered, never preferred (the fix policy).
    assert.equal(fix.isPreferred, undefined);
    const edits = fix.edit?.changes?.[prompt] ?? [];
    assert.equal(edits.length, 1);
    const lines = current.split('\n');
    const edit = edits[0]!;
    const line = lines[edit.range.start.line]!;
    lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
    await client.change(prompt, lines.join('\n'));
    assert.deepEqual(await client.diagnostics(prompt), []);
  });

  it('checks the buffer, not the file on disk', async () => {
    await client.change(prompt, ARTICLE.replace('# Prompt appears\n', '# Prompt appears\n\n# A second title\n'));
    assert.deepEqual(codes(await client.diagnostics(prompt, (items) => items.length > 0)), ['heading-single-h1']);
    await client.change(prompt, ARTICLE);
    assert.deepEqual(await client.diagnostics(prompt), []);
  });

  it('re-checks an open article when a heading it links to is renamed in another open article', async () => {
    await client.open(other, OTHER);
    await client.currentDiagnostics(other, (items) => items.length === 0);
    await client.change(other, OTHER.replace('## Resolution', '## Fix'));
    const diagnostics = await client.diagnostics(prompt, (items) => items.length > 0);
    assert.deepEqual(codes(diagnostics), ['link-anchor']);
    await client.change(other, OTHER);
    assert.deepEqual(await client.diagnostics(prompt), []);
    await client.close(other);
  });

  it('follows files created and deleted on disk (workspace/didChangeWatchedFiles)', async () => {
    const withImage = ARTICLE.replace('Cache the credentials.', 'Cache the credentials.\n\n![The prompt](media/prompt.png)');
    await client.change(prompt, withImage);
    assert.deepEqual(codes(await client.diagnostics(prompt, (items) => items.length > 0)), ['link-target']);
    kb.write('articles/media/prompt.png', 'not really a png');
    await client.filesChanged([{ uri: kb.uri('articles/media/prompt.png'), type: FileChangeType.Created }]);
    assert.deepEqual(await client.diagnostics(prompt), []);
    unlinkSync(kb.file('articles/media/prompt.png'));
    await client.filesChanged([{ uri: kb.uri('articles/media/prompt.png'), type: FileChangeType.Deleted }]);
    assert.deepEqual(codes(await client.diagnostics(prompt, (items) => items.length > 0)), ['link-target']);
    await client.change(prompt, ARTICLE);
    assert.deepEqual(await client.diagnostics(prompt), []);
  });

  it('re-checks open articles when a closed file they link to changes on disk', async () => {
    kb.write('articles/other.md', OTHER.replace('## Resolution', '## Fix'));
    await client.filesChanged([{ uri: other, type: FileChangeType.Changed }]);
    assert.deepEqual(codes(await client.diagnostics(prompt, (items) => items.length > 0)), ['link-anchor']);
    kb.write('articles/other.md', OTHER);
    await client.filesChanged([{ uri: other, type: FileChangeType.Changed }]);
    assert.deepEqual(await client.diagnostics(prompt), []);
  });

  it('reports a broken kb.config.json on the config file and keeps checking with the defaults', async () => {
    const config = kb.uri('kb.config.json');
    kb.write('kb.config.json', '{ "exclude": ["README.md"], "rules": { "link-anchor": "loud" } }\n');
    await client.filesChanged([{ uri: config, type: FileChangeType.Changed }]);
    const diagnostics = await client.diagnostics(config, (items) => items.length > 0);
    assert.deepEqual(codes(diagnostics), ['config-invalid']);
    kb.write('kb.config.json', '{ "exclude": ["README.md"] }\n');
    await client.filesChanged([{ uri: config, type: FileChangeType.Changed }]);
    assert.deepEqual(await client.diagnostics(config), []);
  });

  it('reports the KB-wide counts in kb/status', async () => {
    const status = await client.status((value) => value.busy === false && value.kbs === 1);
    assert.equal(typeof status.errors, 'number');
    assert.equal(typeof status.warnings, 'number');
    assert.ok((status.files as number) >= 2);
  });

  it('shows indexing progress as "Indexing KB: n / N files"', async () => {
    const begin = client.progress.find((value) => value.kind === 'begin');
    assert.equal(begin?.title, 'Indexing KB');
    assert.ok(client.progress.some((value) => value.kind === 'report' && /^\d+ \/ \d+ files$/.test(value.message ?? '')), JSON.stringify(client.progress));
    assert.ok(client.progress.some((value) => value.kind === 'end'));
  });
});

describe('language server over stdio: outside a KB', () => {
  const folder = writeTempKb({ 'README.md': '# Readme\n\n[broken](#nowhere)\n', 'docs/guide.md': '# Guide\n\n# Two titles\n' });
  const kb = writeTempKb(kbFiles());
  const client = new LspTestClient();

  before(async () => {
    await client.initialize([folder.root, kb.root], PUSH_CLIENT);
  });
  after(async () => {
    await client.dispose();
    folder.remove();
    kb.remove();
  });

  it('stays silent on Markdown in a folder without kb.config.json', async () => {
    await client.open(folder.uri('README.md'), '# Readme\n\n[broken](#nowhere)\n');
    await client.open(folder.uri('docs/guide.md'), '# Guide\n\n# Two titles\n');
    // The KB article is opened last; once its diagnostics arrive, the earlier opens have been handled.
    await client.open(kb.uri('articles/prompt.md'), ARTICLE.replace('(#cause)', '(#nowhere)'));
    await client.currentDiagnostics(kb.uri('articles/prompt.md'), (items) => items.length > 0);
    assert.equal(client.published.has(folder.uri('README.md')), false);
    assert.equal(client.published.has(folder.uri('docs/guide.md')), false);
    const status = await client.status((value) => value.busy === false);
    assert.equal(status.kbs, 1);
  });

  it('starts checking a folder when a kb.config.json appears in it, and stops when it goes', async () => {
    const guide = folder.uri('docs/guide.md');
    folder.write('kb.config.json', '{}\n');
    await client.filesChanged([{ uri: folder.uri('kb.config.json'), type: FileChangeType.Created }]);
    assert.ok(codes(await client.diagnostics(guide, (items) => items.length > 0)).includes('heading-single-h1'));
    unlinkSync(folder.file('kb.config.json'));
    await client.filesChanged([{ uri: folder.uri('kb.config.json'), type: FileChangeType.Deleted }]);
    assert.deepEqual(await client.diagnostics(guide), []);
    assert.equal(client.published.has(folder.uri('README.md')), false, 'README.md is excluded by default');
  });
});

/** Pulls `uri` until `predicate` holds, waiting for the server's refresh request between pulls (as VS Code does). */
async function pullUntil(client: LspTestClient, uri: string, predicate: (report: FullDocumentDiagnosticReport) => boolean): Promise<FullDocumentDiagnosticReport> {
  for (;;) {
    const refreshes = client.requestCount('workspace/diagnostic/refresh');
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }) as FullDocumentDiagnosticReport;
    if (predicate(report)) return report;
    await client.requestsBeyond('workspace/diagnostic/refresh', refreshes);
  }
}

describe('language server over stdio: pulled diagnostics', () => {
  const kb = writeTempKb({ ...kbFiles(), 'articles/closed.md': OTHER.replace('## Cause\n', '## Cause\n\nSee [nothing](#missing).\n') });
  const client = new LspTestClient();
  const prompt = kb.uri('articles/prompt.md');

  before(async () => {
    const result = await client.initialize([kb.root], PULL_CLIENT);
    assert.deepEqual(result.capabilities.diagnosticProvider, { identifier: 'kb', interFileDependencies: true, workspaceDiagnostics: true });
  });
  after(async () => {
    await client.dispose();
    kb.remove();
  });

  it('answers textDocument/diagnostic from the buffer, with unchanged reports when nothing changed', async () => {
    await client.open(prompt, ARTICLE.replace('(#cause)', '(#caus)'));
    const first = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: prompt } }) as FullDocumentDiagnosticReport;
    assert.equal(first.kind, 'full');
    assert.deepEqual(codes(first.items), ['link-anchor']);
    assert.ok(first.resultId);
    const second = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: prompt }, previousResultId: first.resultId });
    assert.deepEqual(second, { kind: 'unchanged', resultId: first.resultId });
    await client.change(prompt, ARTICLE);
    const third = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: prompt }, previousResultId: first.resultId }) as FullDocumentDiagnosticReport;
    assert.equal(third.kind, 'full');
    assert.deepEqual(third.items, []);
    assert.equal(client.published.size, 0, 'a pull client gets nothing pushed');
  });

  it('asks the client to pull again when another file changes what an open file reports', async () => {
    const refreshes = client.requestCount('workspace/diagnostic/refresh');
    kb.write('articles/other.md', OTHER.replace('## Resolution', '## Fix'));
    await client.filesChanged([{ uri: kb.uri('articles/other.md'), type: FileChangeType.Changed }]);
    const report = await pullUntil(client, prompt, (candidate) => candidate.items.length > 0);
    assert.deepEqual(codes(report.items), ['link-anchor']);
    assert.ok(client.requestCount('workspace/diagnostic/refresh') > refreshes);
    kb.write('articles/other.md', OTHER);
    await client.filesChanged([{ uri: kb.uri('articles/other.md'), type: FileChangeType.Changed }]);
  });

  it('reports closed files in workspace/diagnostic', async () => {
    const report = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    const closed = report.items.find((item) => item.uri === kb.uri('articles/closed.md'));
    assert.equal(closed?.kind, 'full');
    assert.deepEqual(codes((closed as FullDocumentDiagnosticReport).items), ['link-anchor']);
    assert.equal(report.items.some((item) => item.uri === prompt), false, 'open documents are pulled one by one');
  });

  it('reports nothing when kb.enable is false, and everything again when it is set back', async () => {
    client.settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { kb: { enable: false } } });
    await client.change(prompt, ARTICLE.replace('(#cause)', '(#caus)'));
    await pullUntil(client, prompt, (report) => report.items.length === 0);
    client.settings = { enable: true };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { kb: { enable: true } } });
    const report = await pullUntil(client, prompt, (candidate) => candidate.items.length > 0);
    assert.deepEqual(codes(report.items), ['link-anchor']);
  });
});

describe('language server over stdio: trust and multi-root workspaces', () => {
  const glossary = '---\nterm: Widget Server\navoid:\n  - widget server\nsummary: Hands out widgets.\n---\n\nThe Widget Server hands out widgets.\n';
  // The link to other.md is broken in these KBs (link-target), which also proves each file was checked.
  const article = ARTICLE.replace('The server asks for credentials.', 'The widget server asks for credentials.');
  const spelling = (items: Diagnostic[]): string[] => codes(items).filter((code) => code === 'term-spelling');
  const strict = writeTempKb({ 'kb.config.json': '{}\n', 'glossary/widget-server.md': glossary, 'articles/prompt.md': article });
  const relaxed = writeTempKb({ 'kb.config.json': '{ "rules": { "term-spelling": "off" } }\n', 'glossary/widget-server.md': glossary, 'articles/prompt.md': article });

  after(() => {
    strict.remove();
    relaxed.remove();
  });

  it('gives each workspace folder its own KB and configuration', async () => {
    const client = new LspTestClient();
    try {
      await client.initialize([strict.root, relaxed.root], PUSH_CLIENT);
      await client.open(strict.uri('articles/prompt.md'), article);
      await client.open(relaxed.uri('articles/prompt.md'), article);
      assert.deepEqual(spelling(await client.currentDiagnostics(strict.uri('articles/prompt.md'), (items) => items.length > 0)), ['term-spelling']);
      assert.deepEqual(spelling(await client.currentDiagnostics(relaxed.uri('articles/prompt.md'), (items) => items.length > 0)), []);
    } finally {
      await client.dispose();
    }
  });

  it('re-checks the articles when a glossary file changes', async () => {
    const client = new LspTestClient();
    try {
      await client.initialize([strict.root], PUSH_CLIENT);
      await client.open(strict.uri('articles/prompt.md'), article);
      assert.deepEqual(spelling(await client.currentDiagnostics(strict.uri('articles/prompt.md'), (items) => items.length > 0)), ['term-spelling']);
      strict.write('glossary/widget-server.md', glossary.replace('avoid:\n  - widget server\n', ''));
      await client.filesChanged([{ uri: strict.uri('glossary/widget-server.md'), type: FileChangeType.Changed }]);
      assert.deepEqual(spelling(await client.diagnostics(strict.uri('articles/prompt.md'), (items) => spelling(items).length === 0)), []);
    } finally {
      strict.write('glossary/widget-server.md', glossary);
      await client.dispose();
    }
  });

  it('uses only the bundled glossary in an untrusted workspace', async () => {
    const client = new LspTestClient();
    try {
      await client.initialize([strict.root], PUSH_CLIENT, { trusted: false });
      await client.open(strict.uri('articles/prompt.md'), article);
      assert.deepEqual(spelling(await client.currentDiagnostics(strict.uri('articles/prompt.md'), (items) => items.length > 0)), []);
    } finally {
      await client.dispose();
    }
  });
});
