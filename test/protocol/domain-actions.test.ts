import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type CodeAction, CodeActionRequest, type Hover, HoverRequest, type MarkupContent, type Position } from 'vscode-languageserver/node.js';
import { frontMatter, LspTestClient, PUSH_CLIENT, writeTempKb } from './lsp-client.js';

// The bundled KB (claims, step catalog, remediations) serves a KB that has none of its own.
const ARTICLE = `${frontMatter('Lync asks for credentials')}
# Lync asks for credentials

## Symptoms

Lync shows a credential prompt.

## Cause

The Lync MAPI COM Server prompt comes from EWS.

## Resolution

Change the authentication method.
`;

const SCENARIO = `Feature: Remote user, Basic authentication

  Scenario: Lync starts first
    Given the user is remote
    And Outlook Anywhere uses Basic authentication
    When Lync starts
    Then the "Lync MAPI COM Server" prompt appears
`;

function positionOf(text: string, needle: string, delta = 0): Position {
  const index = text.indexOf(needle);
  assert.notEqual(index, -1, `"${needle}" is in the text`);
  const before = text.slice(0, index + delta);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('language server over stdio: domain claims and remediation steps', () => {
  const kb = writeTempKb({ 'kb.config.json': '{}\n', 'articles/article.md': ARTICLE, 'scenarios/remote.scenario': SCENARIO });
  const client = new LspTestClient();
  const article = kb.uri('articles/article.md');
  const scenario = kb.uri('scenarios/remote.scenario');
  const request = <R>(method: string, params: object): Promise<R> => client.connection.sendRequest(method, params) as Promise<R>;

  before(async () => {
    await client.initialize([kb.root], PUSH_CLIENT);
    await client.open(article, ARTICLE);
    await client.open(scenario, SCENARIO, 'kb-scenario');
  });
  after(async () => {
    await client.dispose();
    kb.remove();
  });

  it('flags a sentence that contradicts the model and explains it on hover', async () => {
    const diagnostics = await client.currentDiagnostics(article, (list) => list.some((diagnostic) => diagnostic.code === 'domain-claim'));
    const claim = diagnostics.find((diagnostic) => diagnostic.code === 'domain-claim');
    assert.ok(claim);
    assert.equal(claim.range.start.line, positionOf(ARTICLE, 'The Lync MAPI COM Server prompt comes').line);

    const hover = await request<Hover>(HoverRequest.method, { textDocument: { uri: article }, position: positionOf(ARTICLE, 'comes from EWS', 3) });
    const value = (hover.contents as MarkupContent).value;
    assert.ok(value.startsWith(`**${claim.message}**`), value);
    assert.match(value, /\[Read the explanation\]\(file:\/\/.*ews-status-ok-but-mapi-needed\.md#cause\)/);
  });

  it('offers "Open the explanation", which asks the editor to show the explaining section', async () => {
    const range = { start: positionOf(ARTICLE, 'The Lync MAPI'), end: positionOf(ARTICLE, 'The Lync MAPI') };
    const actions = await request<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri: article }, range, context: { diagnostics: [] } });
    const open = actions[0];
    assert.ok(open?.command && open.title.startsWith('Open the explanation'), `the first action opens the explanation: ${actions.map((action) => action.title).join(' | ')}`);
    assert.ok(actions.some((action) => action.title === 'Disable domain-claim for this sentence'));

    const before = client.requestCount('window/showDocument');
    await request('workspace/executeCommand', { command: open.command.command, arguments: open.command.arguments });
    await client.requestsBeyond('window/showDocument', before);
    const shown = client.requests.filter((entry) => entry.method === 'window/showDocument').at(-1)?.params as { uri: string; selection?: { start: Position } };
    assert.match(shown.uri, /ews-status-ok-but-mapi-needed\.md$/);
    assert.ok(shown.selection, 'the explanation opens at its heading');
  });

  it('offers "Link remediation steps" on a scenario in which the prompt appears', async () => {
    const range = { start: positionOf(SCENARIO, 'Scenario: Lync'), end: positionOf(SCENARIO, 'Scenario: Lync') };
    const actions = await request<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri: scenario }, range, context: { diagnostics: [] } });
    const link = actions.find((action) => action.title === 'Link remediation steps');
    assert.ok(link?.edit?.changes, actions.map((action) => action.title).join(' | '));
    const inserted = (link.edit.changes[scenario] ?? []).map((edit) => edit.newText).join('');
    assert.match(inserted, /switching Outlook Anywhere to NTLM authentication prevents the prompt/);
    assert.match(inserted, /caching the credentials in Windows Credential Manager prevents the prompt/);
    assert.match(inserted, /remediations\/switch-outlook-anywhere-to-ntlm\.md/);
  });
});

describe('language server over stdio: a scenario file outside every KB', () => {
  const folder = writeTempKb({ 'notes/loose.scenario': SCENARIO.replace('the "Lync MAPI COM Server" prompt appears', 'no credential prompt appears'), 'notes/README.md': '# Not an article\n\n[broken](missing.md)\n' });
  const client = new LspTestClient();
  const loose = folder.uri('notes/loose.scenario');
  const readme = folder.uri('notes/README.md');

  before(async () => {
    await client.initialize([folder.root], PUSH_CLIENT);
  });
  after(async () => {
    await client.dispose();
    folder.remove();
  });

  it('is checked against the bundled step catalog and model, while Markdown beside it is left alone', async () => {
    await client.open(readme, '# Not an article\n\n[broken](missing.md)\n');
    await client.open(loose, SCENARIO.replace('the "Lync MAPI COM Server" prompt appears', 'no credential prompt appears'), 'kb-scenario');
    const diagnostics = await client.currentDiagnostics(loose, (list) => list.length > 0);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['scenario-contradiction']);
    assert.deepEqual(client.published.get(readme)?.diagnostics ?? [], []);
  });
});
