import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RemediationInput, linkRemediationSteps, remediationLinksOf } from '../../../server/src/core/scenario/link-remediations.js';
import { evaluateScenarioFile } from '../../../server/src/core/scenario/evaluate.js';
import { parseScenarioFile } from '../../../server/src/core/scenario/gherkin/scenario-file.js';
import { TextDocument } from '../../../server/src/core/text-document.js';
import { catalogWith, evaluateText, lines } from './support.js';

const REMEDIATIONS: readonly RemediationInput[] = [
  { id: 'educate-users', title: 'Educate users', path: '/kb/remediations/educate-users.md', rank: 3, changes: {} },
  { id: 'cache-credentials', title: 'Cache the credentials', path: '/kb/remediations/cache-credentials.md', rank: 2, changes: { credentialsCached: true } },
  { id: 'switch-to-ntlm', title: 'Switch to NTLM', path: '/kb/remediations/switch-to-ntlm.md', rank: 1, changes: { outlookAnywhereAuthentication: 'ntlm' } },
  { id: 'unknown-condition', title: 'Reboot', path: '/kb/remediations/reboot.md', rank: 4, changes: { reboot: true } },
];

function linksFor(text: string, path = '/kb/scenarios/a.scenario'): { result: ReturnType<typeof linkRemediationSteps>; document: TextDocument } {
  const catalog = catalogWith();
  const { evaluation } = evaluateText(text, catalog);
  const run = evaluation.scenarios[0]?.runs[0];
  assert.ok(run);
  const document = new TextDocument(path, text);
  return { result: linkRemediationSteps(run, REMEDIATIONS, catalog, document), document };
}

function apply(document: TextDocument, result: NonNullable<ReturnType<typeof linkRemediationSteps>>): string {
  const [edit] = result.fix.edits;
  assert.ok(edit);
  const offset = document.offsetAt(edit.range.start);
  return document.text.slice(0, offset) + edit.newText + document.text.slice(offset);
}

describe('link remediation steps', () => {
  it('inserts the steps of every remediation that prevents the prompt, best rank first, and a comment linking them', () => {
    const text = lines('Feature: f', '  Scenario: s', '    Given the user is remote', '    And Outlook Anywhere uses Basic authentication', '    When Lync starts', '    Then the "Lync MAPI COM Server" prompt appears', '', '  Scenario: t');
    const { result, document } = linksFor(text);
    assert.ok(result);
    assert.deepEqual(result.remediations.map((remediation) => remediation.id), ['switch-to-ntlm', 'cache-credentials']);
    assert.equal(result.fix.title, 'Link remediation steps');
    assert.equal(result.fix.safe, false);
    assert.equal(
      apply(document, result),
      lines(
        'Feature: f',
        '  Scenario: s',
        '    Given the user is remote',
        '    And Outlook Anywhere uses Basic authentication',
        '    When Lync starts',
        '    Then the "Lync MAPI COM Server" prompt appears',
        '    # Remediations: [Switch to NTLM](../remediations/switch-to-ntlm.md), [Cache the credentials](../remediations/cache-credentials.md)',
        '    And switching Outlook Anywhere to NTLM authentication prevents the prompt',
        '    And caching the credentials in Windows Credential Manager prevents the prompt',
        '',
        '  Scenario: t',
      ),
    );
  });

  it('leaves out remediations that would not prevent the prompt', () => {
    const { result } = linksFor(lines('Feature: f', '  Scenario: s', '    Given the user is remote', '    And the computer is not domain-joined', '    And Outlook Anywhere uses NTLM authentication', '    Then the "Lync MAPI COM Server" prompt appears'));
    assert.deepEqual(result?.steps, ['caching the credentials in Windows Credential Manager prevents the prompt']);
  });

  it('inserts after the last line of a file without a final line break', () => {
    const text = 'Feature: f\n  Scenario: s\n    Given the user is remote\n    And Outlook Anywhere uses Basic authentication';
    const { result, document } = linksFor(text);
    assert.ok(result);
    assert.ok(apply(document, result).endsWith('Basic authentication\n    # Remediations: [Switch to NTLM](../remediations/switch-to-ntlm.md), [Cache the credentials](../remediations/cache-credentials.md)\n    And switching Outlook Anywhere to NTLM authentication prevents the prompt\n    And caching the credentials in Windows Credential Manager prevents the prompt\n'));
  });

  it('is not offered when no prompt appears, when it depends on unset conditions, or when a remediation is named', () => {
    assert.equal(linksFor(lines('Feature: f', '  Scenario: s', '    Given the user is internal', '    Then no credential prompt appears')).result, undefined);
    assert.equal(linksFor(lines('Feature: f', '  Scenario: s', '    Given Outlook Anywhere uses Basic authentication', '    Then the "Lync MAPI COM Server" prompt appears')).result, undefined);
    assert.equal(linksFor(lines('Feature: f', '  Scenario: s', '    Given the user is remote', '    And Outlook Anywhere uses Basic authentication', '    Then caching the credentials in Windows Credential Manager prevents the prompt')).result, undefined);
  });

  it('lists the action for each qualifying scenario of a file, at its title', () => {
    const catalog = catalogWith();
    const file = parseScenarioFile('/kb/scenarios/a.scenario', lines(
      'Feature: f',
      '  Scenario: prompted',
      '    Given the user is remote',
      '    And Outlook Anywhere uses Basic authentication',
      '  Scenario: not prompted',
      '    Given the user is internal',
    ));
    const actions = remediationLinksOf(file, evaluateScenarioFile(file, catalog), REMEDIATIONS);
    assert.deepEqual(actions.map((action) => [action.ranges[0]?.start.line, action.links.remediations.length]), [[1, 2]]);
  });

  it('offers the action on the scenario line and on each of its Then steps', () => {
    const catalog = catalogWith();
    const file = parseScenarioFile('/kb/scenarios/b.scenario', lines(
      'Feature: f',
      '  Scenario: prompted',
      '    Given the user is remote',
      '    And Outlook Anywhere uses Basic authentication',
      '    When Lync starts',
      '    Then the "Lync MAPI COM Server" prompt appears',
      '    And the MAPI status is "MAPI Unavailable"',
    ));
    const [action] = remediationLinksOf(file, evaluateScenarioFile(file, catalog), REMEDIATIONS);
    assert.deepEqual(action?.ranges.map((range) => range.start.line), [1, 5, 6]);
  });
});
