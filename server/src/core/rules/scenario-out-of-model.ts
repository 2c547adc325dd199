import { evaluationOf, scenarioInputs } from '../scenario/scenario-inputs.js';
import { findingTarget, reportOnce, targetMessage } from '../scenario/scenario-report.js';
import { defineRule } from './rule.js';

/** `scenario-out-of-model`: a Then step the problem model has no opinion on. */
export const scenarioOutOfModel = defineRule({
  id: 'scenario-out-of-model',
  description: 'An outcome the problem model has no opinion on (catalog vocabulary without a model fact, or a text the model does not know) is reported so that writers know it is not checked.',
  defaultSeverity: 'info',
  appliesTo: 'scenario',
  fix: 'none',
  check({ file, kb, report }) {
    const { catalog } = scenarioInputs(kb);
    const once = reportOnce(report);
    for (const run of evaluationOf(file, catalog).scenarios.flatMap((scenario) => scenario.runs)) {
      for (const outcome of run.outcomes) {
        if (outcome.verdict !== 'out-of-model') continue;
        const target = findingTarget(run, outcome.step, true);
        once({ range: target.range, message: targetMessage(target, outcome.message) });
      }
    }
  },
});
