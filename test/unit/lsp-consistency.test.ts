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
});
