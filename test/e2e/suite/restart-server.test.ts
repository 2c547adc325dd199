import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node.js';
import { diagnosticOf, diagnosticsWhen, kbUri, languageServerPids, runningClient, statesUntilRunning } from './support.js';

// Runs after the feature tests and before the crash test (files run in name order).
describe('"KB: Restart server"', () => {
  it('replaces the language server process, whose diagnostics come back', async function () {
    if (!existsSync('/proc/self/stat')) this.skip();
    const client = await runningClient();
    const article = kbUri('articles/prompt-without-remediations.md');
    await diagnosticOf(article, 'remediation-link');
    const [previous, ...others] = languageServerPids();
    assert.ok(previous !== undefined && others.length === 0, `one language server process (found ${[previous, ...others].join(', ')})`);

    const running = statesUntilRunning(client);
    // The stopped server's diagnostics go with it: seeing them cleared proves the ones after come from the new process.
    const cleared = diagnosticsWhen(article, (diagnostics) => diagnostics.length === 0);
    await vscode.commands.executeCommand('kb.restartServer');
    assert.deepEqual(await running, [State.Stopped, State.Starting, State.Running], 'the client stopped the server, then started one again');
    await cleared;
    const restarted = languageServerPids();
    assert.equal(restarted.length, 1, `one language server again (found ${restarted.join(', ')})`);
    assert.notEqual(restarted[0], previous, 'a new process');

    const diagnostic = await diagnosticOf(article, 'remediation-link');
    assert.equal(diagnostic.source, 'kb-authoring');
  });
});
