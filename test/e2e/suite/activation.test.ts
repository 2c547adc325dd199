import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node.js';
import { EXTENSION_ID, diagnosticOf, kbUri, runningClient } from './support.js';

describe('activation on a KB', () => {
  it('activates in a workspace with a kb.config.json and starts the language server', async () => {
    const client = await runningClient();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(client.state, State.Running);
    assert.equal(client.initializeResult?.serverInfo?.name, 'kb-language-server');
  });

  it('contributes the KB commands', async () => {
    await runningClient();
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const command of ['kb.validateWorkspace', 'kb.restartServer', 'kb.showOutput', 'kb.newArticle']) {
      assert.ok(commands.has(command), `${command} is registered`);
    }
  });

  it('checks the files of the KB that are not open (workspace diagnostics)', async () => {
    await runningClient();
    const diagnostic = await diagnosticOf(kbUri('articles/prompt-without-remediations.md'), 'remediation-link');
    assert.equal(diagnostic.source, 'kb-authoring');
  });
});
