import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, kbUri, openKbFile, positionOf, revert, runningClient } from './support.js';

/** The `summary:` line of a glossary entry's front matter. */
async function glossarySummary(path: string): Promise<string> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(kbUri(path)));
  const summary = /^summary: (.+)$/m.exec(text)?.[1];
  assert.ok(summary, `${path} has a summary`);
  return summary;
}

describe('editor features', () => {
  before(async () => {
    await runningClient();
  });

  it('hovers ucmapi.exe with its glossary definition', async () => {
    const { document } = await openKbFile('articles/prompt-after-sign-in.md');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'ucmapi.exe', 3));
    const text = hoverText(hovers);
    assert.match(text, /\*\*ucmapi\.exe\*\*/);
    assert.ok(text.includes(await glossarySummary('glossary/ucmapi.md')), text);
  });

  it('goes from a glossary term to its glossary file', async () => {
    const { document } = await openKbFile('articles/prompt-after-sign-in.md');
    const targets = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, positionOf(document, 'ucmapi.exe', 3));
    const uris = targets.map((target) => ('targetUri' in target ? target.targetUri : target.uri).toString());
    assert.deepEqual(uris, [kbUri('glossary/ucmapi.md').toString()]);
  });

  it('completes a scenario step from the step catalog', async () => {
    const editor = await openKbFile('scenarios/internal-user-prompted.scenario');
    const { document } = editor;
    const after = positionOf(document, '    When Lync starts\n');
    const typed = '    And the user canc';
    assert.ok(await editor.edit((edit) => edit.insert(after.translate(1, 0), `${typed}\n`)));
    try {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, after.translate(1, typed.length));
      const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      assert.ok(labels.includes('the user cancels the prompt'), labels.join(', '));
      const step = list.items.find((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'the user cancels the prompt');
      assert.equal(step?.kind, vscode.CompletionItemKind.Snippet);
    } finally {
      await revert(document);
    }
  });
});
