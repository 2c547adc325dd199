import { evaluationOf, scenarioInputs } from '../scenario/scenario-inputs.js';
import { findingTarget, reportOnce, stepTextEdit, targetMessage } from '../scenario/scenario-report.js';
import type { Fix } from '../types.js';
import { defineRule } from './rule.js';

/** `scenario-contradiction`: the problem model derives the opposite of a Then step. */
export const scenarioContradiction = defineRule({
  id: 'scenario-contradiction',
  description: 'Every outcome of a scenario must follow from its conditions and events in its problem model; an outcome the model contradicts for every value of the unset conditions is an error.',
  defaultSeverity: 'error',
  appliesTo: 'scenario',
  fix: 'suggestion',
  check({ file, kb, report }) {
    const { catalog } = scenarioInputs(kb);
    const once = reportOnce(report);
    for (const run of evaluationOf(file, catalog).scenarios.flatMap((scenario) => scenario.runs)) {
      for (const outcome of run.outcomes) {
        if (outcome.verdict !== 'contradiction') continue;
        const target = findingTarget(run, outcome.step, true);
        const phrasing = outcome.derivedPhrasing;
        const edit = phrasing === undefined ? undefined : stepTextEdit(run, outcome.step, phrasing);
        const fixes: Fix[] = edit === undefined || phrasing === undefined
          ? []
          : [{ title: `Replace with "${phrasing}"`, safe: false, edits: [edit] }];
        once({ range: target.range, message: targetMessage(target, outcome.message), fixes });
      }
    }
  },
});

