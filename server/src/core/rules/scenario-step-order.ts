import { evaluationOf, scenarioInputs } from '../scenario/scenario-inputs.js';
import { reportOnce } from '../scenario/scenario-report.js';
import { defineRule } from './rule.js';

/** `scenario-step-order`: a condition after the first When, or an outcome before the first Then. */
export const scenarioStepOrder = defineRule({
  id: 'scenario-step-order',
  description: 'Conditions (Given steps of the catalog) must come before the first When, and outcomes (Then steps of the catalog) after the first Then.',
  defaultSeverity: 'warning',
  appliesTo: 'scenario',
  fix: 'none',
  check({ file, kb, report }) {
    const { catalog } = scenarioInputs(kb);
    const once = reportOnce(report);
    for (const run of evaluationOf(file, catalog).scenarios.flatMap((scenario) => scenario.runs)) {
      for (const problem of run.orderProblems) {
        const line = problem.boundary === undefined ? undefined : problem.boundary.step.range.start.line + 1;
        const message = problem.problem === 'condition-after-when'
          ? `The condition "${problem.step.text}" comes after the first ${problem.boundary?.step.keyword ?? 'When'}${line === undefined ? '' : ` (line ${line})`}; conditions describe the starting state, so move it before that step.`
          : line === undefined
            ? `The outcome "${problem.step.text}" is not under a Then; start the outcomes with "Then".`
            : `The outcome "${problem.step.text}" comes before the first Then (line ${line}); move it after that step.`;
        once({ range: problem.step.step.range, message });
      }
    }
  },
});
