import { catalogForModel, phrasingFor } from '../scenario/steps/step-catalog.js';
import { exploreModel } from '../scenario/model/analyse-model.js';
import { defineRule } from './rule.js';

/** `problem-model`: a problem model file that does not load, or has parts no scenario can ever use. */
export const problemModel = defineRule({
  id: 'problem-model',
  description: 'Problem model files (YAML in the `models` folder) must load: valid YAML and CEL, declared names, values inside each condition\'s domain; rules that never fire, outcome values no run derives and events no step phrasing reaches are reported.',
  defaultSeverity: 'error',
  appliesTo: 'model',
  fix: 'none',
  check({ file, kb, report }) {
    for (const problem of file.model.problems) report({ range: problem.range, message: problem.message, severity: problem.severity });
    const model = file.model.model;
    if (model === undefined || !kb.knowledge.models.includes(model)) return;
    const steps = catalogForModel(kb.knowledge.steps, model.id);
    for (const event of model.events) {
      if (phrasingFor(steps, { kind: 'event', event: event.name }) === undefined) {
        report({ range: event.range, message: `No step phrasing reaches event \`${event.name}\`, so no scenario can make it happen; add a \`when\` step with \`fact: event\` and \`value: ${event.name}\` to a catalog in \`steps/\`.`, severity: 'warning' });
      }
    }
    const exploration = exploreModel(model);
    const explored = exploration.complete
      ? `any of the ${exploration.runs} runs of every combination of conditions with up to two events`
      : `the first ${exploration.runs} runs explored (the model has too many combinations to run them all)`;
    model.rules.forEach((rule, index) => {
      if (exploration.firedRules.has(index)) return;
      report({ range: rule.range, message: `Rule \`${rule.id}\` fires in none of ${explored}; check its guard${rule.when === undefined ? '' : ` \`${rule.when.source}\``} and the rules before it.`, severity: 'warning' });
    });
    for (const outcome of model.outcomes) {
      const derived = exploration.derivedValues.get(outcome.name) ?? new Set<string>();
      const missing = outcome.kind === 'prevents'
        ? (derived.has('true') ? [] : ['(the problem never happens)'])
        : outcome.values.filter((value) => !derived.has(String(value))).map((value) => JSON.stringify(value));
      if (missing.length === 0) continue;
      report({ range: outcome.range, message: `No run makes outcome \`${outcome.name}\` ${missing.length === 1 ? 'take' : 'take these values:'} ${missing.join(', ')} in ${explored}, so a Then step saying so always contradicts the model.`, severity: 'warning' });
    }
  },
});
