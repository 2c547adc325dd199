import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticOf, hoverText, kbUri, noDiagnosticOf, openKbFile, revert, runningClient } from './support.js';

const SCENARIO = 'scenarios/office-fba-prompt.scenario';
const MODEL = 'models/office-fba-prompt.yaml';
/** The scenario whose outcome the test turns into one the model contradicts. */
const INTRANET_SCENARIO = 'Scenario: Internet Explorer with the site in the Local intranet zone';
const HOLDING_OUTCOME = 'Office does not prompt for credentials';
const CONTRADICTED_OUTCOME = 'Office prompts for the FBA credentials again';

/** The `trace:` sentence of the rule `ruleId` in the workspace's copy of the model file. */
async function ruleTrace(ruleId: string): Promise<string> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(kbUri(MODEL)));
  const rule = text.split(/^ {2}- id: /m).find((block) => block.startsWith(`${ruleId}\n`));
  const trace = rule === undefined ? undefined : /^ {4}trace: (.+)$/m.exec(rule)?.[1];
  assert.ok(trace, `rule ${ruleId} of ${MODEL} has a trace`);
  return trace;
}

/** The range of the first `needle` after `anchor` in the document. */
function rangeAfter(document: vscode.TextDocument, anchor: string, needle: string): vscode.Range {
  const text = document.getText();
  const index = text.indexOf(needle, text.indexOf(anchor));
  assert.ok(text.includes(anchor) && index !== -1, `"${needle}" follows "${anchor}"`);
  return new vscode.Range(document.positionAt(index), document.positionAt(index + needle.length));
}

// The KB's second problem model, which is data only (kb/models/office-fba-prompt.yaml):
// its scenarios get the same squiggles, hovers and fixes as the first model's.
describe('a scenario of the second problem model', () => {
  before(async () => {
    await runningClient();
  });

  it('underlines a contradicted outcome, explains it in the hover and replaces it with the quick fix', async () => {
    const editor = await openKbFile(SCENARIO);
    const { document } = editor;
    assert.equal(document.languageId, 'kb-scenario');
    const outcome = rangeAfter(document, INTRANET_SCENARIO, HOLDING_OUTCOME);
    try {
      assert.ok(await editor.edit((edit) => edit.replace(outcome, CONTRADICTED_OUTCOME)));
      const edited = new vscode.Range(outcome.start, outcome.start.translate(0, CONTRADICTED_OUTCOME.length));

      const diagnostic = await diagnosticOf(document.uri, 'scenario-contradiction');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(diagnostic.range.start.line, edited.start.line, `the finding is on the edited step, not at ${JSON.stringify(diagnostic.range)}`);
      assert.ok(diagnostic.range.contains(edited), `range ${JSON.stringify(diagnostic.range)} covers the outcome`);
      assert.match(diagnostic.message, /The model derives that Office doesn't prompt for credentials instead/);
      assert.match(diagnostic.message, /Internet Explorer shares the persistent cookie with Office/);

      const thenHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, edited.start.translate(0, 3)));
      assert.match(thenHover, /\*\*Contradiction\*\*/, thenHover);
      for (const ruleId of ['form-sign-in', 'persistent-cookie', 'cookie-shared']) {
        const trace = await ruleTrace(ruleId);
        assert.ok(thenHover.includes(trace), `the hover shows the trace of rule ${ruleId} ("${trace}"):\n${thenHover}`);
      }

      const givenHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, rangeAfter(document, INTRANET_SCENARIO, 'the site is in the Local intranet zone').start));
      assert.match(givenHover, /Sets the Internet Explorer security zone of the site: the site is in the Local intranet zone\./, givenHover);

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((action) => action.title === `Replace with "${HOLDING_OUTCOME}"`);
      assert.ok(fix?.edit, `the quick fix is offered with an edit: ${actions.map((action) => action.title).join(' | ')}`);
      assert.notEqual(fix.isPreferred, true, 'a fix that changes what the scenario claims is never preferred');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(document.lineAt(edited.start.line).text, `    Then ${HOLDING_OUTCOME}`);
      await noDiagnosticOf(document.uri, 'scenario-contradiction');
    } finally {
      await revert(document);
    }
  });
});
