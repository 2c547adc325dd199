import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node.js';
import { hoverText, languageServerPids, openKbFile, positionOf, runningClient, statesUntilRunning } from './support.js';

// Runs last (files run in name order): it kills the server the other tests use.
describe('a language server that crashes', () => {
  it('is started again by the client, and answers requests again', async function () {
    if (!existsSync('/proc/self/stat')) this.skip();
    const client = await runningClient();
    const [crashed, ...others] = languageServerPids();
    assert.ok(crashed !== undefined && others.length === 0, `one language server process (found ${[crashed, ...others].join(', ')})`);
    const runningAgain = statesUntilRunning(client);
    process.kill(crashed, 'SIGKILL');
    assert.deepEqual(await runningAgain, [State.Stopped, State.Starting, State.Running], 'the client saw the server stop, then started it again');
    const restarted = languageServerPids();
    assert.equal(restarted.length, 1, 'one language server again');
    assert.notEqual(restarted[0], crashed, 'a new process');

    const { document } = await openKbFile('articles/prompt-after-sign-in.md');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'ucmapi.exe', 3));
    assert.match(hoverText(hovers), /\*\*ucmapi\.exe\*\*/, 'the new server answers a hover');
  });
});
