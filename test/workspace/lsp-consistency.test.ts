import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundledKbFiles, describeFindings, WorkspaceUnderTest } from '../support/workspace-harness.js';

const TRACE = '/kb/articles/trace-lync-mapi-com-server-prompt.md';
const SCENARIO = '/kb/scenarios/diagnostics.scenario';

describe('the language server agrees with a fresh full check', () => {
  it('reads a KB\'s own step catalog changed on disk as text, and its synonyms count', async () => {
    const fs = bundledKbFiles();
    fs.write('/kb/scenarios/moon.scenario', 'Feature: Moon\n\n  Scenario: s\n    Given the client is Lync 2010\n    And the moon is full\n    When Lync starts\n');
    const harness = await WorkspaceUnderTest.open(fs);
    try {
      assert.ok(harness.findings().get('/kb/scenarios/moon.scenario')?.some((finding) => finding.ruleId === 'scenario-step-unknown'));
      fs.write('/kb/steps/mine.yaml', 'steps:\n  - id: client-lync-2010\n    synonyms:\n      - the moon is full\n');
      await harness.fileEvent('/kb/steps/mine.yaml', 'created');
      const rules = [...harness.findings().values()].flat().map((finding) => finding.ruleId);
      assert.ok(!rules.includes('file-unreadable'), rules.join(', '));
      assert.ok(!harness.findings().get('/kb/scenarios/moon.scenario')?.some((finding) => finding.ruleId === 'scenario-step-unknown'));
      assert.deepEqual(describeFindings(harness.findings()), describeFindings(await harness.freshFindings()));
    } finally {
      harness.dispose();
    }
  });

  it('re-checks the scenario whose @article tag names an article deleted, then created again, on disk', async () => {
    const fs = bundledKbFiles();
    const harness = await WorkspaceUnderTest.open(fs);
    try {
      const text = await fs.readText(TRACE);
      assert.equal(typeof text, 'string');
      fs.delete(TRACE);
      await harness.fileEvent(TRACE, 'deleted');
      assert.ok(harness.findings().get(SCENARIO)?.some((finding) => finding.ruleId === 'scenario-article-link'));
      assert.deepEqual(describeFindings(harness.findings()), describeFindings(await harness.freshFindings()));
      fs.write(TRACE, text as string);
      await harness.fileEvent(TRACE, 'created');
      assert.ok(!harness.findings().get(SCENARIO)?.some((finding) => finding.ruleId === 'scenario-article-link'));
      assert.deepEqual(describeFindings(harness.findings()), describeFindings(await harness.freshFindings()));
    } finally {
      harness.dispose();
    }
  });

  it('re-checks the claim whose see: names a heading renamed in a buffer', async () => {
    const fs = bundledKbFiles();
    const article = '/kb/articles/ews-status-ok-but-mapi-needed.md';
    const harness = await WorkspaceUnderTest.open(fs);
    try {
      await harness.edit(article, ((await fs.readText(article)) as string).replace(/^## Resolution$/m, '## Fix it'));
      assert.ok(harness.findings().get('/kb/claims/prompt-fixed-through-ews.md')?.some((finding) => finding.ruleId === 'claim-entry'));
      assert.deepEqual(describeFindings(harness.findings()), describeFindings(await harness.freshFindings()));
    } finally {
      harness.dispose();
    }
  });

  it('re-checks a scenario file when another scenario file of its model comes to contradict it', async () => {
    const fs = bundledKbFiles();
    const scenario = (outcome: string): string => `Feature: f\n\n  Scenario: Remote with Basic\n    Given the user is remote\n    And Outlook Anywhere uses Basic authentication\n    When Lync starts\n    Then ${outcome}\n`;
    const prompted = '/kb/scenarios/prompted.scenario';
    const other = '/kb/scenarios/prompted-again.scenario';
    fs.write(prompted, scenario('the "Lync MAPI COM Server" prompt appears'));
    fs.write(other, scenario('the "Lync MAPI COM Server" prompt appears'));
    const harness = await WorkspaceUnderTest.open(fs);
    const conflicts = (): string[] => (harness.findings().get(prompted) ?? []).filter((finding) => finding.ruleId === 'scenario-set-conflict').map((finding) => finding.message);
    try {
      assert.deepEqual(conflicts(), []);
      await harness.edit(other, scenario('the "Lync MAPI COM Server" prompt does not appear'));
      assert.equal(conflicts().length, 1);
      assert.match(conflicts()[0] ?? '', /contradicts scenarios\/prompted-again\.scenario:7 'Remote with Basic'/);
      assert.deepEqual(describeFindings(harness.findings()), describeFindings(await harness.freshFindings()));
      await harness.edit(other, scenario('the "Lync MAPI COM Server" prompt appears'));
      assert.deepEqual(conflicts(), []);
    } finally {
      harness.dispose();
    }
  });
});
