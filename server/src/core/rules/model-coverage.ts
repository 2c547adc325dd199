import { decisionTableCoverage } from '../scenario/coverage.js';
import { describeCondition } from '../scenario/model/describe.js';
import { evaluationOf, scenarioInputs } from '../scenario/scenario-inputs.js';
import { defineRule } from './rule.js';

/** How many uncovered rows a finding lists. */
const LISTED = 8;

/** `model-coverage`: rows of a model's decision table that no scenario of the KB covers. */
export const modelCoverage = defineRule({
  id: 'model-coverage',
  description: 'Every row of a problem model\'s decision table (a combination of its table conditions and event sequence) should be covered by a scenario of the KB; the rows no scenario covers are listed on the model file.',
  defaultSeverity: 'info',
  appliesTo: 'model',
  fix: 'none',
  check({ file, kb, report }) {
    const model = file.model.model;
    if (model === undefined || !kb.knowledge.models.includes(model)) return;
    const { catalog } = scenarioInputs(kb);
    const files = kb.scenarios().map((scenario) => ({ path: scenario.path, evaluation: evaluationOf(scenario, catalog) }));
    const rows = decisionTableCoverage(model, files);
    if (rows === undefined) return;
    const missing = rows.filter((row) => row.scenarios.length === 0);
    if (missing.length === 0) return;
    const listed = missing.slice(0, LISTED).map((row) => `${Object.entries(row.values).map(([name, value]) => describeCondition(model, name, value)).join(', ')} (${row.sequence})`);
    const more = missing.length > LISTED ? `; and ${missing.length - LISTED} more` : '';
    report({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `No scenario covers ${missing.length} of the ${rows.length} rows of the decision table of "${model.id}": ${listed.join('; ')}${more}.`,
    });
  },
});
