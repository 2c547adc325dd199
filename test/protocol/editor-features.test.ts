import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type CodeAction,
  CodeActionRequest,
  type CompletionItem,
  CompletionRequest,
  DefinitionRequest,
  type DocumentLink,
  DocumentLinkRequest,
  type DocumentSymbol,
  DocumentSymbolRequest,
  type FoldingRange,
  FoldingRangeRequest,
  type Hover,
  HoverRequest,
  type Location,
  type MarkupContent,
  type Position,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type WorkspaceEdit,
  type WorkspaceSymbol,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver/node.js';
import { frontMatter, LspTestClient, PUSH_CLIENT, writeTempKb } from './lsp-client.js';

const GLOSSARY = `---
term: Widget Server
aliases:
  - WSV
avoid:
  - widget server
see:
  - widget
summary: The server that hands out widgets.
---

The Widget Server hands out widgets to every client that asks.
`;

const WIDGET = `---
term: Widget
summary: A small thing.
---

A widget is a small thing.
`;

const CAUSE = `---
id: widget-down
title: The Widget Server is down
signals:
  - widget server is down
---

# The Widget Server is down

It stopped.
`;

const REMEDIATION = `---
id: restart-widget
title: Restart the Widget Server
resolves:
  - widget-down
rank: 1
changes: {}
tradeoffs: Users lose their widgets for a minute.
---

# Restart the Widget Server

## Procedure

1. Open the console.
2. Restart the service.
`;

const ARTICLE = `${frontMatter('Widgets are missing')}
# Widgets are missing

## Symptoms

The Widget Server gives no widgets. See [the cause](#cause) and [Details](other.md#details).

## Cause

The Widget Server is down.

## Resolution

1. [Restart the Widget Server](../remediations/restart-widget.md): Users lose their widgets for a minute.
`;

const OTHER = `${frontMatter('Other article')}
# Other article

## Symptoms

Nothing.

## Cause

Nothing.

## Resolution

Nothing.

## Details

Read [the symptoms](article.md#symptoms) and [details](#details).
`;

const SCENARIO = `Feature: Widgets

  Scenario: The server is down
    Given the Widget Server is down
    Then no widget is handed out
`;

/** The position of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let index = -1;
  for (let count = 0; count <= nth; count++) index = text.indexOf(needle, index + 1);
  assert.notEqual(index, -1, `"${needle}" is in the text`);
  const before = text.slice(0, index + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('language server over stdio: editor features', () => {
  const kb = writeTempKb({
    'kb.config.json': '{}\n',
    'glossary/widget-server.md': GLOSSARY,
    'glossary/widget.md': WIDGET,
    'causes/widget-down.md': CAUSE,
    'remediations/restart-widget.md': REMEDIATION,
    'articles/article.md': ARTICLE,
    'articles/other.md': OTHER,
    'articles/media/diagram.png': 'png',
    'scenarios/widgets.scenario': SCENARIO,
  });
  const client = new LspTestClient();
  const article = kb.uri('articles/article.md');
  const other = kb.uri('articles/other.md');
  const request = <R>(type: { method: string }, params: object): Promise<R> => client.connection.sendRequest(type.method, params) as Promise<R>;

  before(async () => {
    const result = await client.initialize([kb.root], PUSH_CLIENT);
    for (const capability of ['hoverProvider', 'completionProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'documentLinkProvider', 'foldingRangeProvider'] as const) {
      assert.ok(result.capabilities[capability], capability);
    }
    await client.open(article, ARTICLE);
    await client.open(other, OTHER);
    await client.status((status) => status.busy === false && (status.files as number) >= 5);
  });
  after(async () => {
    await client.dispose();
    kb.remove();
  });

  describe('hover', () => {
    it('shows a glossary term with its definition, related terms and glossary file, longest match first', async () => {
      const hover = await request<Hover>(HoverRequest.type, { textDocument: { uri: article }, position: positionOf(ARTICLE, 'Widget Server gives', 8) });
      const value = (hover.contents as MarkupContent).value;
      assert.match(value, /\*\*Widget Server\*\* \(also: WSV\)/);
      assert.match(value, /The server that hands out widgets/);
      // Absolute URIs: a hover has no base against which an editor could resolve a relative link.
      assert.ok(value.includes(`Related: [Widget](${kb.uri('glossary/widget.md')})`), value);
      assert.ok(value.includes(`[Glossary entry](${kb.uri('glossary/widget-server.md')})`), value);
      assert.deepEqual(hover.range, { start: positionOf(ARTICLE, 'Widget Server gives'), end: positionOf(ARTICLE, 'Widget Server gives', 'Widget Server'.length) });
    });

    it('describes front matter keys and their allowed values', async () => {
      const hover = await request<Hover>(HoverRequest.type, { textDocument: { uri: article }, position: positionOf(ARTICLE, 'ms.topic', 2) });
      const value = (hover.contents as MarkupContent).value;
      assert.match(value, /`ms\.topic`/);
      assert.match(value, /`troubleshooting`/);
    });

    it('shows a remediation link with its rank, trade-offs and the start of its procedure', async () => {
      const hover = await request<Hover>(HoverRequest.type, { textDocument: { uri: article }, position: positionOf(ARTICLE, '[Restart the Widget', 3) });
      const value = (hover.contents as MarkupContent).value;
      assert.match(value, /\*\*Restart the Widget Server\*\* \(remediation, rank 1\)/);
      assert.match(value, /Trade-offs: Users lose their widgets for a minute\./);
      assert.match(value, /1\. Open the console\./);
    });

    it('shows nothing on plain prose', async () => {
      const hover = await request<Hover | null>(HoverRequest.type, { textDocument: { uri: article }, position: positionOf(ARTICLE, 'gives no', 2) });
      assert.equal(hover, null);
    });
  });

  describe('completion', () => {
    it('proposes KB files after "](" and heading slugs after "#"', async () => {
      const text = `${ARTICLE}\nSee [more](`;
      await client.change(article, text);
      const files = await request<CompletionItem[]>(CompletionRequest.type, { textDocument: { uri: article }, position: positionOf(text, 'See [more](', 'See [more]('.length) });
      const labels = files.map((item) => item.label);
      assert.ok(labels.includes('other.md'), labels.join(', '));
      assert.ok(labels.includes('media/'), labels.join(', '));
      assert.ok(labels.includes('../'), labels.join(', '));
      assert.equal(files.find((item) => item.label === 'other.md')?.detail, 'Other article');

      const withFragment = `${ARTICLE}\nSee [more](other.md#de`;
      await client.change(article, withFragment);
      const slugs = await request<CompletionItem[]>(CompletionRequest.type, { textDocument: { uri: article }, position: positionOf(withFragment, 'other.md#de', 'other.md#de'.length) });
      assert.deepEqual(slugs.map((item) => item.label), ['other-article', 'symptoms', 'cause', 'resolution', 'details']);
      await client.change(article, ARTICLE);
    });

    it('proposes missing front matter keys and the values of ms.topic and causes', async () => {
      const text = ARTICLE.replace('ms.topic: troubleshooting\n', 'ms.topic: troubleshooting\nca\n');
      await client.change(article, text);
      const keys = await request<CompletionItem[]>(CompletionRequest.type, { textDocument: { uri: article }, position: positionOf(text, '\nca\n', 3) });
      const labels = keys.map((item) => item.label);
      assert.ok(labels.includes('causes'));
      assert.ok(!labels.includes('title'), 'keys already present are not proposed');

      const withCauses = ARTICLE.replace('ms.topic: troubleshooting\n', 'ms.topic: troubleshooting\ncauses:\n  - \n');
      await client.change(article, withCauses);
      const causes = await request<CompletionItem[]>(CompletionRequest.type, { textDocument: { uri: article }, position: positionOf(withCauses, 'causes:\n  - ', 'causes:\n  - '.length) });
      assert.ok(causes.some((item) => item.label === 'widget-down'), causes.map((item) => item.label).join(', '));
      await client.change(article, ARTICLE);
    });

    it('proposes glossary terms in prose, with their summary, unless turned off', async () => {
      const text = ARTICLE.replace('It stopped.', 'It stopped.').replace('The Widget Server is down.', 'The Widget Server is down. Wid');
      await client.change(article, text);
      const position = positionOf(text, 'down. Wid', 'down. Wid'.length);
      const terms = await request<CompletionItem[]>(CompletionRequest.type, { textDocument: { uri: article }, position });
      const term = terms.find((item) => item.label === 'Widget Server');
      assert.equal(term?.kind, 1, 'kind Text');
      assert.equal(term?.detail, 'The server that hands out widgets.');

      client.settings = { enable: true, completion: { terms: false } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      for (;;) {
        const off = await request<CompletionItem[] | null>(CompletionRequest.type, { textDocument: { uri: article }, position });
        if ((off ?? []).length === 0) break;
      }
      client.settings = { enable: true };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await client.change(article, ARTICLE);
    });
  });

  describe('navigation', () => {
    it('goes from a link to the heading it names, and from a term to its glossary file', async () => {
      const toHeading = await request<Location[]>(DefinitionRequest.type, { textDocument: { uri: article }, position: positionOf(ARTICLE, 'other.md#details', 3) });
      assert.deepEqual(toHeading.map((location) => [location.uri, location.range.start.line]), [[other, positionOf(OTHER, '## Details').line]]);
      const toGlossary = await request<Location[]>(DefinitionRequest.type, { textDocument: { uri: article }, position: positionOf(ARTICLE, 'Widget Server is down', 2) });
      assert.deepEqual(toGlossary.map((location) => location.uri), [kb.uri('glossary/widget-server.md')]);
    });

    it('finds every link to a heading across the KB', async () => {
      const references = await request<Location[]>(ReferencesRequest.type, { textDocument: { uri: other }, position: positionOf(OTHER, '## Details', 4), context: { includeDeclaration: false } });
      assert.deepEqual(references.map((location) => location.uri).sort(), [article, other].sort());
    });

    it('finds every mention of a glossary term, in any spelling, across the KB', async () => {
      const references = await request<Location[]>(ReferencesRequest.type, { textDocument: { uri: article }, position: positionOf(ARTICLE, 'Widget Server is down', 2), context: { includeDeclaration: false } });
      const uris = new Set(references.map((location) => location.uri));
      assert.ok(uris.has(article));
      assert.ok(uris.has(kb.uri('scenarios/widgets.scenario')), [...uris].join(', '));
      assert.ok(references.filter((location) => location.uri === article).length >= 3);
    });

    it('renames a heading and every link to its anchor; refuses elsewhere', async () => {
      const refused = await request<unknown>(PrepareRenameRequest.type, { textDocument: { uri: other }, position: positionOf(OTHER, 'Nothing.', 2) });
      assert.equal(refused, null);
      const prepared = await request<{ placeholder: string }>(PrepareRenameRequest.type, { textDocument: { uri: other }, position: positionOf(OTHER, '## Details', 4) });
      assert.equal(prepared.placeholder, 'Details');
      const edit = await request<WorkspaceEdit>(RenameRequest.type, { textDocument: { uri: other }, position: positionOf(OTHER, '## Details', 4), newName: 'More details' });
      const changes = edit.changes ?? {};
      assert.deepEqual(changes[article]?.map((change) => change.newText), ['more-details']);
      assert.deepEqual(changes[other]?.map((change) => change.newText).sort(), ['More details', 'more-details']);
      assert.deepEqual(changes[article]?.[0]?.range.start, positionOf(ARTICLE, 'other.md#details', 'other.md#'.length));
    });

    it('outlines headings as a tree and scenario files as feature and scenarios', async () => {
      const symbols = await request<DocumentSymbol[]>(DocumentSymbolRequest.type, { textDocument: { uri: article } });
      assert.deepEqual(symbols.map((symbol) => symbol.name), ['Widgets are missing']);
      assert.deepEqual(symbols[0]?.children?.map((symbol) => symbol.name), ['Symptoms', 'Cause', 'Resolution']);
      const scenario = await request<DocumentSymbol[]>(DocumentSymbolRequest.type, { textDocument: { uri: kb.uri('scenarios/widgets.scenario') } });
      assert.deepEqual(scenario.map((symbol) => symbol.name), ['Widgets']);
      assert.deepEqual(scenario[0]?.children?.map((symbol) => symbol.name), ['The server is down']);
    });

    it('finds article titles, glossary terms and scenario names as workspace symbols', async () => {
      const symbols = await request<WorkspaceSymbol[]>(WorkspaceSymbolRequest.type, { query: 'wid' });
      const names = symbols.map((symbol) => symbol.name);
      for (const name of ['Widgets are missing', 'Widget Server', 'Widget']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
      const alias = await request<WorkspaceSymbol[]>(WorkspaceSymbolRequest.type, { query: 'wsv' });
      assert.ok(alias.some((symbol) => symbol.name === 'WSV' && symbol.containerName === 'glossary/widget-server.md'));
      const scenario = await request<WorkspaceSymbol[]>(WorkspaceSymbolRequest.type, { query: 'server is down' });
      assert.ok(scenario.some((symbol) => symbol.name === 'The server is down'));
    });

    it('links relative destinations to their files, at the heading a fragment names', async () => {
      const links = await request<DocumentLink[]>(DocumentLinkRequest.type, { textDocument: { uri: article } });
      const targets = links.map((link) => link.target);
      assert.ok(targets.includes(`${other}#L${positionOf(OTHER, '## Details').line + 1}`), targets.join(', '));
      assert.ok(targets.includes(kb.uri('remediations/restart-widget.md')));
    });

    it('folds the front matter and each section', async () => {
      const ranges = await request<FoldingRange[]>(FoldingRangeRequest.type, { textDocument: { uri: article } });
      assert.deepEqual(ranges[0], { startLine: 0, endLine: positionOf(ARTICLE, '---\n', 0, 1).line, kind: 'comment' });
      const symptoms = positionOf(ARTICLE, '## Symptoms').line;
      assert.ok(ranges.some((range) => range.startLine === symptoms && range.endLine === symptoms + 2), JSON.stringify(ranges));
    });
  });

  describe('commands', () => {
    it('re-reads and re-checks the whole KB on "kb.validateWorkspace"', async () => {
      kb.write('articles/late.md', '# Written behind the editor\'s back\n');
      const shown = client.message((message) => message.message.startsWith('Validated'));
      const logged = client.message((message) => message.message.startsWith('Validate workspace:'));
      await client.connection.sendRequest('workspace/executeCommand', { command: 'kb.validateWorkspace', arguments: [] });
      const diagnostics = await client.currentDiagnostics(kb.uri('articles/late.md'), (items) => items.length > 0);
      assert.ok(diagnostics.some((item) => item.code === 'frontmatter-invalid'));
      // Feedback: the output says it started, and a message says what the check found.
      assert.match((await logged).message, /reading every KB again/);
      const summary = await shown;
      assert.match(summary.message, /^Validated 1 KB: \d+ files, \d+ errors?, \d+ warnings?, \d+ infos? \(\d+ ms\)\.$/);
      assert.ok(client.logs.some((log) => log.message === summary.message), 'the summary is in the output too');
    });
  });

  describe('code actions', () => {
    it('offers "Link to glossary" on the first unlinked mention of a term', async () => {
      const position = positionOf(ARTICLE, 'Widget Server gives', 2);
      const actions = await request<CodeAction[]>(CodeActionRequest.type, { textDocument: { uri: article }, range: { start: position, end: position }, context: { diagnostics: [] } });
      const link = actions.find((action) => action.title === 'Link "Widget Server" to the glossary');
      assert.ok(link, actions.map((action) => action.title).join(', '));
      assert.equal(link.kind, 'refactor.rewrite');
      assert.deepEqual(link.edit?.changes?.[article]?.map((edit) => edit.newText), ['[Widget Server](../glossary/widget-server.md)']);
      const later = positionOf(ARTICLE, 'Widget Server is down', 2);
      const none = await request<CodeAction[]>(CodeActionRequest.type, { textDocument: { uri: article }, range: { start: later, end: later }, context: { diagnostics: [] } });
      assert.equal(none.some((action) => action.title.startsWith('Link "Widget Server"')), false, 'only the first mention');
    });

    it('offers "Fix all <rule> problems in this file" for several safe fixes, never for guesses', async () => {
      const text = ARTICLE.replace('(#cause)', '(#caus)').replace('The Widget Server is down.', 'The widget server is down. See [why](#cuase). The widget server is slow.');
      await client.change(article, text);
      const diagnostics = await client.diagnostics(article, (items) => items.filter((item) => item.code === 'link-anchor').length === 2 && items.filter((item) => item.code === 'term-spelling').length === 2);
      const actionsAt = async (code: string): Promise<CodeAction[]> => {
        const first = diagnostics.find((item) => item.code === code)!;
        return request<CodeAction[]>(CodeActionRequest.type, { textDocument: { uri: article }, range: first.range, context: { diagnostics: [first] } });
      };
      const anchors = await actionsAt('link-anchor');
      assert.equal(anchors.some((action) => action.title.startsWith('Fix all')), false, 'the closest anchor is a guess: no fix-all');
      const spellings = await actionsAt('term-spelling');
      const fixAll = spellings.find((action) => action.title === 'Fix all term-spelling problems in this file');
      assert.ok(fixAll, spellings.map((action) => action.title).join(', '));
      assert.deepEqual(fixAll.edit?.changes?.[article]?.map((edit) => edit.newText), ['Widget Server', 'Widget Server']);
      await client.change(article, ARTICLE);
    });

    it('applies only safe fixes for source.fixAll.kb, as minimal edits', async () => {
      const text = ARTICLE.replace('(#cause)', '(#caus)').replace('The Widget Server is down.', 'The widget server is down.');
      await client.change(article, text);
      await client.diagnostics(article, (items) => items.length >= 2);
      const start = { line: 0, character: 0 };
      const actions = await request<CodeAction[]>(CodeActionRequest.type, { textDocument: { uri: article }, range: { start, end: start }, context: { diagnostics: [], only: ['source.fixAll.kb'] } });
      assert.equal(actions.length, 1);
      const edits = actions[0]?.edit?.changes?.[article] ?? [];
      // The spelling fix is safe; the anchor suggestion needs a human and is left out.
      assert.deepEqual(edits.map((edit) => edit.newText), ['Widget Server']);
      await client.change(article, ARTICLE);
    });
  });
});
