import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticOf, diagnosticsWhen, kbUri, noDiagnosticOf, openKbFile, revert, ruleOf, runningClient } from './support.js';

const SCENARIO = 'scenarios/office-fba-prompt.scenario';

async function readKbFile(path: string): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(kbUri(path));
}

// Files changed behind the editor's back (on disk, as git or another tool would) re-check
// the files that depend on them, closed or open, as kb-lint would report them.
describe('changes on disk', () => {
  before(async () => {
    await runningClient();
  });

  it('reports the @article tag of a scenario when its article is deleted, and clears it when the article is back', async () => {
    const article = 'articles/office-prompts-again-after-fba-sign-in.md';
    const scenario = kbUri(SCENARIO);
    assert.ok(new TextDecoder().decode(await readKbFile(SCENARIO)).includes(`@article:${article}`));
    const text = await readKbFile(article);
    await vscode.workspace.fs.delete(kbUri(article));
    try {
      const diagnostic = await diagnosticOf(scenario, 'scenario-article-link');
      assert.match(diagnostic.message, /office-prompts-again-after-fba-sign-in\.md/);
    } finally {
      await vscode.workspace.fs.writeFile(kbUri(article), text);
    }
    await noDiagnosticOf(scenario, 'scenario-article-link');
  });

  it('reads a step catalog edited on disk: a new synonym makes a step known', async () => {
    const catalog = 'steps/office-fba-prompt.yaml';
    const phrasing = 'Office asks for the FBA password once more';
    const editor = await openKbFile(SCENARIO);
    const { document } = editor;
    const original = await readKbFile(catalog);
    const text = new TextDecoder().decode(original);
    const synonyms = '    synonyms:\n      - Office asks for the credentials again\n';
    assert.ok(text.includes(synonyms), `${catalog} lists the synonyms of the prompt outcome`);
    const outcome = document.lineAt(document.positionAt(document.getText().indexOf('    Then Office prompts for the FBA credentials again')).line);
    try {
      assert.ok(await editor.edit((edit) => edit.replace(outcome.range, `    Then ${phrasing}`)));
      const unknown = await diagnosticOf(document.uri, 'scenario-step-unknown');
      assert.equal(unknown.range.start.line, outcome.lineNumber);
      await vscode.workspace.fs.writeFile(kbUri(catalog), new TextEncoder().encode(text.replace(synonyms, `${synonyms}      - ${phrasing}\n`)));
      // Known now, and it holds: the scenario has no finding on that line any more.
      await diagnosticsWhen(document.uri, (diagnostics) => diagnostics.every((diagnostic) => diagnostic.range.start.line !== outcome.lineNumber));
      const onCatalog = vscode.languages.getDiagnostics(kbUri(catalog)).map(ruleOf);
      assert.ok(!onCatalog.includes('file-unreadable'), `the catalog is read as text: ${onCatalog.join(', ')}`);
    } finally {
      await vscode.workspace.fs.writeFile(kbUri(catalog), original);
      await revert(document);
    }
  });
});
