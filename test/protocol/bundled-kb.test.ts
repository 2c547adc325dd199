import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type CompletionItem, CompletionRequest, type Hover, HoverRequest, type MarkupContent } from 'vscode-languageserver/node.js';
import { main } from '../../server/src/cli/main.js';
import { REPOSITORY_ROOT } from '../support/rule-fixtures.js';
import { LspTestClient, PULL_CLIENT } from './lsp-client.js';

const KB_ROOT = path.join(REPOSITORY_ROOT, 'kb');
const SCENARIO = path.join(KB_ROOT, 'scenarios', 'cancel-prompt.scenario');

/** Runs `kb-lint --format json kb` in-process and returns its findings. */
async function lintBundledKb(): Promise<Array<{ severity: string }>> {
  let output = '';
  await main({ argv: ['--format', 'json', 'kb'], cwd: REPOSITORY_ROOT, stdout: { write: (text: string) => (output += text) }, stderr: { write: () => true }, env: {}, bundledRoot: KB_ROOT });
  return JSON.parse(output) as Array<{ severity: string }>;
}

describe('language server over stdio: the bundled KB', () => {
  const client = new LspTestClient();
  const scenarioUri = pathToFileURL(SCENARIO).href;
  const scenarioText = readFileSync(SCENARIO, 'utf8');

  before(async () => {
    await client.initialize([KB_ROOT], PULL_CLIENT);
  });
  after(async () => {
    await client.dispose();
  });

  it('finds the same errors and warnings as kb-lint', async () => {
    const status = await client.status((value) => value.busy === false && (value.files as number) > 0);
    const findings = await lintBundledKb();
    assert.equal(status.errors, findings.filter((finding) => finding.severity === 'error').length);
    assert.equal(status.warnings, findings.filter((finding) => finding.severity === 'warning').length);
  });

  it('hovers a scenario step with what the model derives', async () => {
    await client.open(scenarioUri, scenarioText, 'kb-scenario');
    const line = scenarioText.split('\n').findIndex((text) => text.includes('Then the "Lync MAPI COM Server" prompt appears'));
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: scenarioUri }, position: { line, character: 12 } }) as Hover | null;
    assert.ok(hover, 'a hover on a Then step');
    assert.ok((hover.contents as MarkupContent).value.length > 0);
  });

  it('completes steps after a step keyword', async () => {
    const text = scenarioText.replace('    When the user cancels the prompt\n', '    When the user cancels the prompt\n    And \n');
    await client.change(scenarioUri, text);
    const line = text.split('\n').indexOf('    And ');
    const items = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: scenarioUri }, position: { line, character: 8 } }) as CompletionItem[];
    assert.ok(items.length > 0, 'step proposals');
    assert.ok(items.every((item) => item.insertTextFormat === 2), 'steps are snippets');
    await client.change(scenarioUri, scenarioText);
  });

  it('answers kb/decisionTables with the page of each model, rendered from the model', async () => {
    const result = await client.connection.sendRequest('kb/decisionTables', { uri: scenarioUri }) as { tables: Array<{ modelId: string; title: string; markdown: string }> };
    assert.deepEqual(result.tables.map((table) => table.modelId), ['lync-mapi-prompt', 'office-fba-prompt']);
    // The same rows as the generated pages, whose coverage column links the scenario files relatively; here they are file URIs.
    const rows = (markdown: string): string[] => markdown.split('\n').filter((line) => line.startsWith('| ')).map((line) => line.replace(/\]\([^)]*\)/g, ']'));
    assert.deepEqual(rows(result.tables[0]?.markdown ?? ''), rows(readFileSync(path.join(KB_ROOT, 'decision-table.md'), 'utf8')));
    assert.deepEqual(rows(result.tables[1]?.markdown ?? ''), rows(readFileSync(path.join(KB_ROOT, 'decision-table-office-fba-prompt.md'), 'utf8')));
    assert.match(result.tables[1]?.markdown ?? '', /\(file:\/\/[^)]*office-fba-prompt\.scenario#L\d+\)/);
    // The page is not a file of the workspace: the server still knows one KB.
    const status = await client.status((value) => value.busy === false);
    assert.equal(status.kbs, 1);
  });
});
