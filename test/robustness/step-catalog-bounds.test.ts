import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KB_ROOT, KbUnderTest, assertSound } from './support.js';

const CATALOG = `${KB_ROOT}/steps/hostile.yaml`;
const SCENARIO = `${KB_ROOT}/scenarios/hostile.scenario`;

/** A catalog entry whose nine placeholders of ten values each combine into a billion phrasings (under 600 bytes). */
function combinationBomb(): string {
  const names = [...'abcdefghi'];
  const values = `[${Array.from({ length: 10 }, (_, index) => `v${index}`).join(', ')}]`;
  return [
    'steps:',
    '  - id: bomb',
    '    kind: given',
    `    phrasing: ${names.map((name) => `<${name}>`).join(' ')}`,
    '    placeholders:',
    ...names.map((name) => `      ${name}: ${values}`),
    '    fact: location',
    '    value: remote',
    '',
  ].join('\n');
}

/** A phrasing with eight free-text placeholders, which a backtracking matcher tries every split of. */
const FREE_TEXT_CATALOG = [
  'steps:',
  '  - id: eight-texts',
  '    kind: then',
  `    phrasing: ${Array.from({ length: 8 }, (_, index) => `<t${index}> x`).join(' ')} end`,
  '    placeholders:',
  ...Array.from({ length: 8 }, (_, index) => `      t${index}: text`),
  '',
].join('\n');

describe('step catalog bounds', () => {
  it('a catalog entry with a billion placeholder combinations is reported at its place, without expanding them', { timeout: 20_000 }, async () => {
    const text = combinationBomb();
    assert.ok(text.length < 600, `${text.length} bytes`);
    const kb = await KbUnderTest.load();
    const results = kb.check({ [CATALOG]: text });
    assertSound(results, { [CATALOG]: text });
    const findings = results.get(CATALOG) ?? [];
    const bomb = findings.find((finding) => /combine into more than|combine into \d+ phrasings/.test(finding.message));
    assert.ok(bomb, JSON.stringify(findings.map((finding) => finding.message)));
    assert.equal(bomb.ruleId, 'step-catalog-entry');
    assert.equal(bomb.range.start.line, 5);
  });

  it('a 60-word step against a phrasing of eight free-text placeholders is matched in linear time', { timeout: 20_000 }, async () => {
    // Sixty words with "x" between them but no final "end": every way to split them fails, which is the worst case for backtracking.
    const words = Array.from({ length: 60 }, (_, index) => (index % 2 === 0 ? 'x' : `w${index}`)).join(' ');
    const scenario = `Feature: f\n  Scenario: s\n    Given the user is remote\n    Then ${words}\n`;
    const kb = await KbUnderTest.load({ [CATALOG]: FREE_TEXT_CATALOG });
    const results = kb.check({ [SCENARIO]: scenario });
    assertSound(results, { [SCENARIO]: scenario });
    assert.ok((results.get(SCENARIO) ?? []).some((finding) => finding.ruleId === 'scenario-step-unknown'));
    // The same phrasing still matches where it should, with the shortest texts first.
    const matching = `Feature: f\n  Scenario: s\n    Given the user is remote\n    Then ${words} x end\n`;
    const matched = kb.check({ [SCENARIO]: matching });
    assert.ok(!(matched.get(SCENARIO) ?? []).some((finding) => finding.ruleId === 'scenario-step-unknown'));
  });
});
