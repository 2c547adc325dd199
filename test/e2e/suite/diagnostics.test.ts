import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticOf, openKbFile, rangeOf, runningClient } from './support.js';

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
});
