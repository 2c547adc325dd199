import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticOf, noDiagnosticOf, openKbFile, rangeOf, revert, runningClient } from './support.js';

const LINK_REMEDIATIONS = 'Link remediation steps';

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind.value);
}

describe('"Link remediation steps"', () => {
  before(async () => {
    await runningClient();
  });

  it('links the remediations of the declared cause in the Resolution section of an article', async () => {
    const { document } = await openKbFile('articles/prompt-without-remediations.md');
    const diagnostic = await diagnosticOf(document.uri, 'remediation-link');
    assert.equal(diagnostic.range.start.line, rangeOf(document, '## Resolution').start.line);
    const fix = (await codeActions(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix)).find((action) => action.title === LINK_REMEDIATIONS);
    assert.ok(fix?.edit, 'the quick fix is offered with an edit');
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const resolution = document.getText().slice(document.getText().indexOf('## Resolution'));
      assert.equal(resolution, [
        '## Resolution',
        '',
        'Pick one of the methods that stop the dialog box.',
        '',
        '1. [Switch Outlook Anywhere to NTLM authentication](../remediations/switch-outlook-anywhere-to-ntlm.md): Removes the prompt only on domain-joined computers, and some packet-inspecting firewalls or proxies block NTLM traffic.',
        '2. [Cache the Outlook Anywhere credentials in Windows Credential Manager](../remediations/cache-credentials-in-credential-manager.md): Works without changing Exchange, but the setup differs for 32-bit and 64-bit installations, is hard to maintain in large organizations, and may conflict with your security policy.',
        '3. [Educate users about the Lync MAPI COM Server prompt](../remediations/educate-users.md): Requires no technical change, but users still see the prompt and must enter their Outlook credentials in it.',
        '',
      ].join('\n'));
      await noDiagnosticOf(document.uri, 'remediation-link');
    } finally {
      await revert(document);
    }
    await diagnosticOf(document.uri, 'remediation-link');
  });

  it('adds the preventing remediations to a scenario in which the prompt appears', async () => {
    const { document } = await openKbFile('scenarios/internal-user-prompted.scenario');
    const title = rangeOf(document, 'Scenario: A remote user with Basic authentication is prompted');
    const action = (await codeActions(document.uri, title, vscode.CodeActionKind.Refactor)).find((candidate) => candidate.title === LINK_REMEDIATIONS);
    assert.ok(action?.edit, 'the action is offered on the scenario title');
    try {
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      const scenario = document.getText().slice(document.getText().indexOf('  Scenario: A remote user'));
      assert.match(scenario, /\n {4}# Remediations: \[Switch Outlook Anywhere to NTLM authentication\]\(\.\.\/remediations\/switch-outlook-anywhere-to-ntlm\.md\)/);
      assert.match(scenario, /\n {4}And .+\n/);
    } finally {
      await revert(document);
    }
  });
});

describe('the fix policy in the editor', () => {
  before(async () => {
    await runningClient();
  });

  it('lists "Disable domain-claim for this sentence" last and prefers no guess', async () => {
    const editor = await openKbFile('articles/prompt-after-sign-in.md');
    const { document } = editor;
    const end = document.lineAt(document.lineCount - 1).range.end;
    try {
      assert.ok(await editor.edit((edit) => edit.insert(end, '\nThe prompt comes from EWS.\n')));
      const diagnostic = await diagnosticOf(document.uri, 'domain-claim');
      const actions = await codeActions(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix);
      const titles = actions.map((action) => action.title);
      assert.equal(titles[titles.length - 1], 'Disable domain-claim for this sentence', titles.join(' | '));
      assert.ok(titles.length > 1, 'a command comes before the suppression');
      assert.deepEqual(actions.filter((action) => action.isPreferred === true).map((action) => action.title), []);
    } finally {
      await revert(document);
    }
  });
});
