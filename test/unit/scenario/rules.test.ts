import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES as ALL_RULES } from '../../../server/src/core/rules/registry.js';
import type { AnyRule } from '../../../server/src/core/rules/rule.js';
import { scenarioConflict } from '../../../server/src/core/rules/scenario-conflict.js';
import { scenarioContradiction } from '../../../server/src/core/rules/scenario-contradiction.js';
import { scenarioStepUnknown } from '../../../server/src/core/rules/scenario-step-unknown.js';
import { scenarioUnderdetermined } from '../../../server/src/core/rules/scenario-underdetermined.js';
import { InMemoryFileSystem } from '../../../server/src/core/kb-file-system.js';
import { applyEdits, checkScenarios } from './rule-harness.js';
import { REPOSITORY_ROOT, lines } from './support.js';

// Every scenario rule of the registry, so a new one cannot be left out of these tests.
// Their fixtures are in test/fixtures/rules, run by test/unit/rules.test.ts like every rule's.
const RULES: readonly AnyRule[] = ALL_RULES.filter((rule) => rule.appliesTo === 'scenario');

describe('scenario rules: metadata and docs', () => {
  for (const rule of RULES) {
    it(`${rule.id} applies to scenario files, has a doc page with the usual sections, and an id matching its file`, () => {
      assert.equal(rule.appliesTo, 'scenario');
      assert.ok(rule.description.length > 20);
      const doc = readFileSync(path.join(REPOSITORY_ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8');
      assert.ok(doc.startsWith(`# ${rule.id}\n`), 'the page starts with the rule id');
      assert.ok(doc.includes(`Default severity: **${rule.defaultSeverity}**.`));
      for (const section of ['## What it checks', '## Why', '## Examples', '## Fix', '## Configuration']) assert.ok(doc.includes(section), `missing ${section}`);
    });
  }
});

describe('scenario rules: messages and fixes', () => {
  const kb = (text: string): InMemoryFileSystem => new InMemoryFileSystem({ '/kb/scenarios/a.scenario': text });

  it('scenario-contradiction explains in plain English and replaces the outcome with what the model derives', async () => {
    const text = lines('Feature: f', '  Scenario: s', '    Given the user is internal', '    When Lync starts', '    Then the "Lync MAPI COM Server" prompt appears');
    const [finding] = await checkScenarios(kb(text), scenarioContradiction);
    assert.equal(finding?.message, 'The model derives that the "Lync MAPI COM Server" prompt does not appear instead, because an internal user whose Outlook Anywhere is not forced connects with MAPI over RPC directly, whatever the authentication method, so Lync connects without a prompt.');
    assert.deepEqual(finding?.range, { start: { line: 4, character: 9 }, end: { line: 4, character: 50 } });
    assert.equal(finding?.fixes?.[0]?.title, 'Replace with "the "Lync MAPI COM Server" prompt does not appear"');
    assert.equal(applyEdits(text, finding?.fixes?.[0]?.edits ?? []), text.replace('prompt appears', 'prompt does not appear'));
  });

  it('scenario-contradiction points at the Examples row and edits its cell', async () => {
    const text = lines(
      'Feature: f',
      '  Scenario Outline: s',
      '    Given the user is <where>',
      '    Then the "Lync MAPI COM Server" prompt <result>',
      '    Examples:',
      '      | where    | result  |',
      '      | internal | appears |',
    );
    const [finding] = await checkScenarios(kb(text), scenarioContradiction);
    assert.equal(finding?.range.start.line, 6);
    assert.match(finding?.message ?? '', /^In Examples row 7 \("internal \| appears"\), the model derives that/);
    assert.equal(applyEdits(text, finding?.fixes?.[0]?.edits ?? []), text.replace('| internal | appears |', '| internal | does not appear |'));
  });

  it('scenario-underdetermined offers one Given per value, before the first When, the holding one first', async () => {
    const text = lines('Feature: f', '  Scenario: s', '    Given Outlook Anywhere uses Basic authentication', '    When Lync starts', '    Then the "Lync MAPI COM Server" prompt appears');
    const [finding] = await checkScenarios(kb(text), scenarioUnderdetermined);
    assert.match(finding?.message ?? '', /^This outcome depends on the user's location \(internal or remote\), which the scenario does not state: it holds when the user is remote, but not when the user is internal\.$/);
    assert.deepEqual(finding?.fixes?.map((fix) => [fix.title, fix.safe]), [
      ['Add "Given the user is remote" (the outcome then holds)', false],
      ['Add "Given the user is internal" (the outcome then contradicts the model)', false],
    ]);
    assert.equal(applyEdits(text, finding?.fixes?.[0]?.edits ?? []), text.replace('    When Lync starts', '    And the user is remote\n    When Lync starts'));
  });

  it('scenario-step-unknown offers the closest phrasings of the keyword\'s kind', async () => {
    const text = lines('Feature: f', '  Scenario: s', '    When Lync start', '    Then the MAPI status is MAPI Unavailable');
    const findings = await checkScenarios(kb(text), scenarioStepUnknown);
    assert.deepEqual(findings.map((finding) => finding.message), [
      'No catalog step matches "Lync start"; did you mean "Lync starts"?',
      'No catalog step matches "the MAPI status is MAPI Unavailable"; did you mean "the MAPI status is "MAPI Unavailable""?',
    ]);
    // A different phrasing can say something else, so no suggestion is preferred or safe.
    assert.ok(findings.every((finding) => (finding.fixes?.length ?? 0) > 0 && finding.fixes?.every((fix) => !fix.safe)));
  });

  it('scenario-step-unknown ranks suggestions by meaning and offers none for an unrelated step', async () => {
    const text = lines('Feature: f', '  Scenario: s', '    Given the user is remote', '    Then the prompt shows up', '    And the moon is full');
    const findings = await checkScenarios(kb(text), scenarioStepUnknown);
    const [prompt, moon] = findings;
    assert.equal(findings.length, 2);
    // "shows up" says a prompt appears: its opposite ("no prompt appears") is not offered first, and nothing is preferred.
    assert.doesNotMatch(prompt?.fixes?.[0]?.title ?? '', /\bno\b|not/);
    assert.ok(prompt?.fixes?.every((fix) => !fix.safe));
    assert.ok(!(prompt?.fixes ?? []).some((fix) => fix.title === 'Change to "no prompt appears"'));
    assert.deepEqual(moon?.fixes ?? [], []);
    assert.match(moon?.message ?? '', /check the spelling/);
  });

  it('scenario-conflict reports both steps, each pointing at the other', async () => {
    const text = lines('Feature: f', '  Scenario: s', '    Given the user is remote', '    And the user is internal', '    Then no credential prompt appears');
    const findings = await checkScenarios(kb(text), scenarioConflict);
    assert.deepEqual(findings.map((finding) => [finding.range.start.line, finding.related?.[0]?.range.start.line]), [[2, 3], [3, 2]]);
    assert.equal(findings[0]?.message, '"the user is remote" conflicts with "the user is internal" (line 4): both set the user\'s location (internal or remote), to different values; keep one of them.');
  });

  it('a KB with no catalog at all reports every step as unknown', async () => {
    const { Engine } = await import('../../../server/src/core/engine.js');
    const fs = kb(lines('Feature: f', '  Scenario: s', '    Given nonsense'));
    const engineKb = await new Engine({ fs, today: () => new Date() }).openKb('/kb');
    const findings: Array<{ message: string }> = [];
    const [file] = engineKb.scenarios();
    assert.ok(file);
    scenarioStepUnknown.check({ file, kb: engineKb, config: engineKb.config, today: new Date(), knownRuleIds: new Set(), report: (finding) => findings.push(finding) });
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? '', /^No catalog step matches "nonsense"/);
  });
});
