import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { kbUri, openKbFile, positionOf, revert, runningClient } from './support.js';

// VS Code's own Markdown extension offers outlines, links, completion and references too:
// each test looks for what only the KB language server provides (scenario files, glossary
// terms, article titles, the KB's line-precise links).

const ARTICLE = 'articles/prompt-after-sign-in.md';
const SCENARIO = 'scenarios/office-fba-prompt.scenario';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** The completion items at the end of `typed`, appended as a new last line of the editor's document. */
async function completionsAfter(editor: vscode.TextEditor, typed: string): Promise<vscode.CompletionItem[]> {
  const { document } = editor;
  const end = document.lineAt(document.lineCount - 1).range.end;
  assert.ok(await editor.edit((edit) => edit.insert(end, `\n${typed}`)));
  const position = document.lineAt(document.lineCount - 1).range.end;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items;
}

describe('navigation and completion', () => {
  before(async () => {
    await runningClient();
  });

  it('completes link targets with their titles, and the headings of the file a link names', async () => {
    const editor = await openKbFile(ARTICLE);
    try {
      const files = await completionsAfter(editor, 'See [the other article](');
      const article = files.find((item) => labelOf(item) === 'prompt-without-remediations.md' && item.detail === 'Remote Lync 2010 users are asked for their Outlook password');
      assert.ok(article, files.map((item) => `${labelOf(item)} (${item.detail ?? ''})`).join(', '));
      await revert(editor.document);
      const slugs = await completionsAfter(await openKbFile(ARTICLE), 'See [the cause](lync-mapi-com-server-prompt-outlook-closed.md#');
      const headings = slugs.filter((item) => item.detail?.startsWith('#')).map((item) => `${labelOf(item)} ${item.detail ?? ''}`);
      for (const heading of ['symptoms ## Symptoms', 'cause ## Cause', 'resolution ## Resolution']) assert.ok(headings.includes(heading), headings.join(', '));
    } finally {
      await revert(editor.document);
    }
  });

  it('offers Link "ucmapi.exe" to the glossary on an unlinked mention and links it', async () => {
    const { document } = await openKbFile(ARTICLE);
    const mention = positionOf(document, 'ucmapi.exe', 3);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(mention, mention), vscode.CodeActionKind.RefactorRewrite.value);
    const link = actions.find((action) => action.title === 'Link "ucmapi.exe" to the glossary');
    assert.ok(link?.edit, actions.map((action) => action.title).join(' | '));
    try {
      assert.ok(await vscode.workspace.applyEdit(link.edit));
      assert.ok(document.getText().includes('helper process [ucmapi.exe](../glossary/ucmapi.md), which'), document.getText());
    } finally {
      await revert(document);
    }
  });

  it('outlines a scenario file as its feature and scenarios', async () => {
    const { document } = await openKbFile(SCENARIO);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const feature = /^Feature: (.+)$/m.exec(document.getText())?.[1];
    const scenarios = [...document.getText().matchAll(/^ {2}Scenario(?: Outline)?: (.+)$/gm)].map((match) => match[1]);
    assert.deepEqual(symbols.map((symbol) => symbol.name), [feature]);
    assert.deepEqual(symbols[0]?.children.map((symbol) => symbol.name), scenarios);
  });

  it('finds scenarios and glossary terms as workspace symbols', async () => {
    const scenario = 'Internet Explorer with the site in the Local intranet zone';
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', scenario);
    assert.ok(symbols.some((symbol) => symbol.name === scenario && symbol.location.uri.toString() === kbUri(SCENARIO).toString()), symbols.map((symbol) => symbol.name).join(', '));
    const terms = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'ucmapi');
    assert.ok(terms.some((symbol) => symbol.name === 'ucmapi.exe' && symbol.location.uri.toString() === kbUri('glossary/ucmapi.md').toString()), terms.map((symbol) => symbol.name).join(', '));
  });

  it('finds the mentions of a glossary term across articles and scenario files', async () => {
    const { document } = await openKbFile(ARTICLE);
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf(document, 'ucmapi.exe', 3));
    const files = new Set(references.map((location) => vscode.workspace.asRelativePath(location.uri)));
    for (const file of [ARTICLE, 'scenarios/cancel-prompt.scenario']) assert.ok(files.has(file), [...files].join(', '));
  });

  it('links a fragment to the line of the heading it names', async () => {
    const { document } = await openKbFile('articles/ews-status-ok-but-mapi-needed.md');
    const target = kbUri('articles/lync-mapi-com-server-prompt-outlook-closed.md');
    const heading = new TextDecoder().decode(await vscode.workspace.fs.readFile(target)).split('\n').indexOf('## Cause');
    assert.notEqual(heading, -1);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    const targets = links.map((link) => link.target?.toString());
    assert.ok(targets.includes(target.with({ fragment: `L${heading + 1}` }).toString()), targets.join(', '));
  });

  it('folds the front matter and each section of an article', async () => {
    const { document } = await openKbFile(ARTICLE);
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    const closing = document.getText().split('\n').indexOf('---', 1);
    assert.ok(ranges.some((range) => range.start === 0 && range.end === closing && range.kind === vscode.FoldingRangeKind.Comment), JSON.stringify(ranges));
    const symptoms = positionOf(document, '## Symptoms').line;
    assert.ok(ranges.some((range) => range.start === symptoms), JSON.stringify(ranges));
  });
});
