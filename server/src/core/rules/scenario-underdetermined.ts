import type { OutcomeEvaluation, ScenarioRun, SettlingCondition } from '../scenario/evaluate.js';
import { conditionInsertionPoint } from '../scenario/evaluate.js';
import { conditionLabel } from '../scenario/model/describe.js';
import type { ProblemModel } from '../scenario/model/model-types.js';
import { stepKeyword } from '../scenario/gherkin/parse-scenario.js';
import type { ScenarioFile } from '../scenario/gherkin/scenario-file.js';
import { evaluationOf, scenarioInputs } from '../scenario/scenario-inputs.js';
import { findingTarget, insertLineEdit, reportOnce, targetMessage } from '../scenario/scenario-report.js';
import type { Fix } from '../types.js';
import { defineRule } from './rule.js';

/** `scenario-underdetermined`: a Then step holds for some values of the unset conditions and not for others. */
export const scenarioUnderdetermined = defineRule({
  id: 'scenario-underdetermined',
  description: 'An outcome must not depend on a condition the scenario leaves unset (a condition of the problem model without a default); quick fixes add the missing Given step.',
  defaultSeverity: 'warning',
  appliesTo: 'scenario',
  fix: 'suggestion',
  check({ file, kb, report }) {
    const { catalog } = scenarioInputs(kb);
    const once = reportOnce(report);
    const { model, scenarios } = evaluationOf(file, catalog);
    if (model === undefined) return;
    for (const run of scenarios.flatMap((scenario) => scenario.runs)) {
      for (const outcome of run.outcomes) {
        if (outcome.verdict !== 'underdetermined') continue;
        const target = findingTarget(run, outcome.step, true);
        once({ range: target.range, message: targetMessage(target, outcome.message), fixes: settlingFixes(model, file, run, outcome) });
      }
    }
  },
});

const VERDICT_ORDER: Readonly<Record<SettlingCondition['verdict'], number>> = { holds: 0, underdetermined: 1, 'out-of-model': 2, contradiction: 3 };

/** One fix per value of each missing condition, those that make the outcome hold first. */
function settlingFixes(model: ProblemModel, file: ScenarioFile, run: ScenarioRun, outcome: OutcomeEvaluation): Fix[] {
  // An outcome of the Background is reported once for every scenario, so only a condition in the Background settles it.
  const lastBackgroundStep = outcome.step.fromBackground ? run.scenario.backgroundSteps[run.scenario.backgroundSteps.length - 1] : undefined;
  const point = lastBackgroundStep === undefined ? conditionInsertionPoint(run.scenario) : { line: lastBackgroundStep.endLine + 1, indent: lastBackgroundStep.indent, afterStep: true };
  const keyword = stepKeyword(file.feature?.language ?? 'en', point.afterStep ? 'and' : 'given');
  const given = stepKeyword(file.feature?.language ?? 'en', 'given');
  return [...outcome.settlingConditions]
    .sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict])
    .map((settling) => ({
      title: `Add "${given}${settling.phrasing}" (${consequence(model, settling, outcome)})`,
      safe: false,
      edits: [insertLineEdit(file.document, point.line, `${point.indent}${keyword}${settling.phrasing}`)],
    }));
}

function consequence(model: ProblemModel, settling: SettlingCondition, outcome: OutcomeEvaluation): string {
  switch (settling.verdict) {
    case 'holds':
      return 'the outcome then holds';
    case 'contradiction':
      return 'the outcome then contradicts the model';
    case 'underdetermined':
      return `the outcome then still depends on ${outcome.dependsOn.filter((name) => name !== settling.condition).map((name) => conditionLabel(model, name)).join(' and ')}`;
    default:
      return 'the model then has no opinion';
  }
}
