import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, kbUri, openKbFile, positionOf, revert, runningClient } from './support.js';

/** The value of a one-line `key:` of a KB file's front matter. */
async function frontMatterValue(path: string, key: string): Promise<string> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(kbUri(path)));
  const value = new RegExp(`^${key}: (.+)$`, 'm').exec(text)?.[1];
  assert.ok(value, `${path} has a ${key}`);
  return value;
}

async function hoverAt(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position));
}

describe('editor features', () => {
  before(async () => {
    await runningClient();
  });

  it('hovers ucmapi.exe with its glossary definition', async () => {
    const { document } = await openKbFile('articles/prompt-after-sign-in.md');
    const text = await hoverAt(document, positionOf(document, 'ucmapi.exe', 3));
    assert.match(text, /\*\*ucmapi\.exe\*\*/);
    assert.ok(text.includes(await frontMatterValue('glossary/ucmapi.md', 'summary')), text);
  });

  it('hovers a remediation link with its rank and trade-offs', async () => {
    const { document } = await openKbFile('articles/lync-mapi-com-server-prompt-outlook-closed.md');
    const text = await hoverAt(document, positionOf(document, '[Switch Outlook Anywhere to NTLM', 3));
    assert.match(text, /\*\*Switch Outlook Anywhere to NTLM authentication\*\* \(remediation, rank 1\)/, text);
    assert.ok(text.includes(`Trade-offs: ${await frontMatterValue('remediations/switch-outlook-anywhere-to-ntlm.md', 'tradeoffs')}`), text);
  });

  it('hovers a front matter key with what it means and its allowed values', async () => {
    const { document } = await openKbFile('articles/prompt-after-sign-in.md');
    const text = await hoverAt(document, positionOf(document, 'ms.topic', 2));
    assert.match(text, /`ms\.topic`/, text);
    assert.match(text, /^Values: .*`troubleshooting`.*`how-to`/m, text);
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
