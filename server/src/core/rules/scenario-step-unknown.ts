import { type ScenarioRun, kindOfKeyword } from '../scenario/evaluate.js';
import { evaluationOf, scenarioInputs } from '../scenario/scenario-inputs.js';
import { findingTarget, reportOnce, stepTextEdit, targetMessage } from '../scenario/scenario-report.js';
import type { PhrasingSuggestion, StepCatalog } from '../scenario/steps/catalog-types.js';
import { closestPhrasings } from '../scenario/steps/step-catalog.js';
import type { Fix } from '../types.js';
import { defineRule } from './rule.js';

/** `scenario-step-unknown`: a step matches no phrasing of the step catalog. */
export const scenarioStepUnknown = defineRule({
  id: 'scenario-step-unknown',
  description: 'Every step of a scenario must match a phrasing of the step catalog (the bundled one plus the KB\'s `steps/`); quick fixes offer the closest phrasings.',
  defaultSeverity: 'warning',
  appliesTo: 'scenario',
  fix: 'suggestion',
  check({ file, kb, report }) {
    const { catalog } = scenarioInputs(kb);
    const once = reportOnce(report);
    const evaluation = evaluationOf(file, catalog);
    for (const run of evaluation.scenarios.flatMap((scenario) => scenario.runs)) {
      for (const step of run.steps) {
        if (step.match !== undefined) continue;
        const suggestions = suggestionsFor(evaluation.catalog, step.text, kindOfKeyword(step.step));
        const target = findingTarget(run, step, false);
        const hint = suggestions[0] === undefined
          ? '; check the spelling, or add the phrasing to the KB\'s step catalog if it is new vocabulary.'
          : `; did you mean "${suggestions[0].text}"?`;
        once({
          range: target.range,
          message: targetMessage(target, `No catalog step matches "${step.text}"${hint}`),
          fixes: fixesFor(run, step, suggestions),
        });
      }
    }
  },
});

/** Close phrasings, those of the kind the keyword suggests first. */
function suggestionsFor(catalog: StepCatalog, text: string, kind: ReturnType<typeof kindOfKeyword>): PhrasingSuggestion[] {
  return closestPhrasings(catalog, text, kind === undefined ? {} : { kind });
}

function fixesFor(run: ScenarioRun, step: ScenarioRun['steps'][number], suggestions: readonly PhrasingSuggestion[]): Fix[] {
  return suggestions.flatMap((suggestion) => {
    const edit = stepTextEdit(run, step, suggestion.text);
    // A different phrasing can say something else: never preferred, never applied by fix-all.
    return edit === undefined ? [] : [{ title: `Change to "${suggestion.text}"`, safe: false, edits: [edit] }];
  });
}
