import { conditionLabel } from '../scenario/model/describe.js';
import { evaluationOf, scenarioInputs } from '../scenario/scenario-inputs.js';
import { reportOnce } from '../scenario/scenario-report.js';
import { defineRule } from './rule.js';

/** `scenario-conflict`: two Given steps set the same condition to different values. */
export const scenarioConflict = defineRule({
  id: 'scenario-conflict',
  description: 'A scenario (with its Background) must not set the same condition twice to different values; both steps are reported and the scenario\'s outcomes are not judged.',
  defaultSeverity: 'error',
  appliesTo: 'scenario',
  fix: 'none',
  check({ file, kb, report }) {
    const { catalog } = scenarioInputs(kb);
    const once = reportOnce(report);
    const evaluation = evaluationOf(file, catalog);
    const label = (condition: string): string => (evaluation.model === undefined ? condition : conditionLabel(evaluation.model, condition));
    for (const run of evaluation.scenarios.flatMap((scenario) => scenario.runs)) {
      for (const { condition, first, second } of run.conflicts) {
        const pair = [first, second] as const;
        pair.forEach((step, index) => {
          const other = pair[1 - index] ?? step;
          once({
            range: step.step.textRange,
            message: `"${step.text}" conflicts with "${other.text}" (line ${other.step.range.start.line + 1}): both set ${label(condition)}, to different values; keep one of them.`,
            related: [{ path: file.path, range: other.step.textRange, message: 'The other step setting this condition' }],
          });
        });
      }
    }
  },
});
