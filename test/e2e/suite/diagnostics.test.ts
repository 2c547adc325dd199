import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, diagnosticOf, kbUri, openKbFile, rangeOf, runningClient } from './support.js';

describe('diagnostics', () => {
  before(async () => {
    await runningClient();
  });

  it('reports a link to a missing anchor, at the fragment, with the closest heading', async () => {
    const { document } = await openKbFile('articles/prompt-after-sign-in.md');
    const diagnostic = await diagnosticOf(document.uri, 'link-anchor');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /"#caus"/);
    assert.match(diagnostic.message, /did you mean "#cause"/);
    assert.ok(diagnostic.range.intersection(rangeOf(document, '#caus')), `range ${JSON.stringify(diagnostic.range)} covers "#caus"`);
  });

  it('reports a scenario outcome that the prompt model contradicts', async () => {
    const { document } = await openKbFile('scenarios/internal-user-prompted.scenario');
    assert.equal(document.languageId, 'kb-scenario');
    const diagnostic = await diagnosticOf(document.uri, 'scenario-contradiction');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.range.start.line, rangeOf(document, 'Then the "Lync MAPI COM Server" prompt appears').start.line);
    assert.match(diagnostic.message, /prompt does not appear/);
    assert.match(diagnostic.message, /internal user/);
  });

  it("links each diagnostic to its rule's page", async () => {
    await diagnosticOf(kbUri('articles/prompt-after-sign-in.md'), 'link-anchor');
    await diagnosticOf(kbUri('articles/prompt-without-remediations.md'), 'remediation-link');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const rules = new Set<string>();
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const diagnostic of diagnostics.filter((candidate) => candidate.source === 'kb-authoring')) {
        const code = diagnostic.code;
        assert.ok(typeof code === 'object', `${uri.toString()}: "${diagnostic.message}" has a code with a link`);
        const rule = String(code.value);
        assert.ok(code.target.toString().endsWith(`/docs/rules/${rule}.md`), `${rule} links to ${code.target.toString()}`);
        rules.add(rule);
      }
    }
    assert.ok(rules.has('link-anchor') && rules.has('remediation-link'), [...rules].join(', '));
    // The pages the links name are the extension's own rule pages.
    for (const rule of rules) await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, 'docs', 'rules', `${rule}.md`));
  });
});
