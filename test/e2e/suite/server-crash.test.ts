import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node.js';
import { hoverText, openKbFile, positionOf, runningClient } from './support.js';

/**
 * Process ids of the language servers this extension host started: its
 * children running the bundled `server.cjs`. Read from `/proc`, so only on
 * Linux; elsewhere the test is skipped.
 */
function languageServerPids(): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((pid) => {
    try {
      const parent = /^\d+ \(.*\) \S (\d+)/s.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
      return Number(parent) === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server.cjs');
    } catch {
      return false; // The process ended while it was looked at.
    }
  }).map(Number);
}

// Runs last (files run in name order): it kills the server the other tests use.
describe('a language server that crashes', () => {
  it('is started again by the client, and answers requests again', async function () {
    if (!existsSync('/proc/self/stat')) this.skip();
    const client = await runningClient();
    const [crashed, ...others] = languageServerPids();
    assert.ok(crashed !== undefined && others.length === 0, `one language server process (found ${[crashed, ...others].join(', ')})`);
    const states: State[] = [];
    const runningAgain = new Promise<void>((resolve) => {
      const listener = client.onDidChangeState((event) => {
        states.push(event.newState);
        if (event.newState === State.Running) {
          listener.dispose();
          resolve();
        }
      });
    });
    process.kill(crashed, 'SIGKILL');
    await runningAgain;
    assert.deepEqual(states, [State.Stopped, State.Starting, State.Running], 'the client saw the server stop, then started it again');
    const restarted = languageServerPids();
    assert.equal(restarted.length, 1, 'one language server again');
    assert.notEqual(restarted[0], crashed, 'a new process');

    const { document } = await openKbFile('articles/prompt-after-sign-in.md');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'ucmapi.exe', 3));
    assert.match(hoverText(hovers), /\*\*ucmapi\.exe\*\*/, 'the new server answers a hover');
  });
});
