import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluateScenarioFile } from '../../../server/src/core/scenario/evaluate.js';
import { parseScenario } from '../../../server/src/core/scenario/gherkin/parse-scenario.js';
import { renderScenarioHover, scenarioHoverAt } from '../../../server/src/core/scenario/scenario-hover.js';
import { parseStepCatalog } from '../../../server/src/core/scenario/steps/parse-catalog.js';
import { catalogWith } from './support.js';

// Lines that look like Gherkin, so that random files reach deep into the parser and the evaluator.
const FRAGMENTS = [
  'Feature: f', 'Background:', '  Scenario: s', '  Scenario Outline: o', '  Rule: r', '    Examples:', '      | where | auth |',
  '      | remote | Basic |', '      | internal |', '    Given the user is <where>', '    And Outlook Anywhere uses <auth> authentication',
  '    When Lync starts', '    And the user cancels the prompt', '    Then the "Lync MAPI COM Server" prompt appears',
  '    But the MAPI status is "MAPI Unavailable"', '    * switching Outlook Anywhere to NTLM authentication prevents the prompt',
  '    """', '@article:x @tag', '# comment', '', 'junk ��', '    Given the user is remote', '    And the user is internal',
];

describe('the scenario engine never throws', () => {
  const catalog = catalogWith();

  it('on Gherkin-like files', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), fc.nat(60), fc.nat(80), (picked, line, character) => {
        const parsed = parseScenario(picked.join('\n'));
        const evaluation = evaluateScenarioFile(parsed, catalog);
        const hover = scenarioHoverAt(evaluation, { line, character });
        if (hover !== undefined) renderScenarioHover(hover);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      evaluateScenarioFile(parseScenario(text), catalog);
      parseStepCatalog(text, '/x.yaml');
    }), { numRuns: 300 });
  });
});
