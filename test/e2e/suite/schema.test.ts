import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhen, kbUri, positionOf, revert, runningClient } from './support.js';

function labelOf(item: vscode.CompletionItem): string {
  return (typeof item.label === 'string' ? item.label : item.label.label).replace(/^"|"$/g, '');
}

// VS Code's JSON language features check a kb.config.json against the schema the
// extension contributes (`jsonValidation`), also when the file names no `$schema`.
describe('kb.config.json in the editor', () => {
  it('is validated and completed against the configuration schema the extension contributes', async () => {
    await runningClient();
    const { document } = await vscode.window.showTextDocument(kbUri('kb.config.json'));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor?.document === document);
    const schemaLine = document.lineAt(positionOf(document, '"$schema"').line);
    try {
      assert.ok(await editor.edit((edit) => edit.replace(schemaLine.range, '  "rules": { "link-anchor": "loud", "": "off" },')));
      // The schema's findings have no source; the KB language server reports the same value as `kb-authoring`.
      const isSeverity = (diagnostic: vscode.Diagnostic): boolean => diagnostic.source !== 'kb-authoring' && document.getText(diagnostic.range) === '"loud"';
      const diagnostics = await diagnosticsWhen(document.uri, (all) => all.some(isSeverity));
      const severity = diagnostics.find(isSeverity);
      assert.ok(severity);
      assert.equal(severity.range.start.line, schemaLine.lineNumber);
      assert.match(severity.message, /"off", "info", "warning", "error"/);

      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, positionOf(document, '"loud", "', '"loud", "'.length));
      const labels = list.items.map(labelOf);
      for (const rule of ['scenario-contradiction', 'remediation-link']) assert.ok(labels.includes(rule), labels.join(', '));
    } finally {
      await revert(document);
    }
  });
});
