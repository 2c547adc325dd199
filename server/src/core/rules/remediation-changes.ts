import { frontMatterItemRange } from '../domain/front-matter-fields.js';
import { type ModelExploration, exploreModel, valueOver } from '../scenario/model/analyse-model.js';
import type { GivenConditions, PreventionOutcome, ProblemModel } from '../scenario/model/model-types.js';
import { runModel } from '../scenario/model/run-model.js';
import type { Range } from '../types.js';
import { defineRule } from './rule.js';

/** `remediation-changes`: a remediation's `changes` name conditions or values no model knows, or prevent nothing. */
export const remediationChanges = defineRule({
  id: 'remediation-changes',
  description: 'The `changes` of a remediation must name conditions of a problem model with values of their domain, and must prevent the model\'s problem in at least one run.',
  defaultSeverity: 'error',
  appliesTo: 'remediation',
  fix: 'none',
  check({ file, kb, report }) {
    const knowledge = kb.knowledge;
    const own = knowledge.remediations.find((remediation) => remediation.path === file.path);
    if (own === undefined || Object.keys(own.changes).length === 0 || knowledge.models.length === 0) return;
    const top: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const at = (name: string): Range => frontMatterItemRange(file, 'changes', name) ?? top;
    const changes: Record<string, string | boolean> = {};
    for (const [name, raw] of Object.entries(own.changes)) {
      const conditions = knowledge.models.flatMap((model) => model.conditions.filter((condition) => condition.name === name));
      if (conditions.length === 0) {
        report({ range: at(name), message: `"changes" names \`${name}\`, which is not a condition of any problem model (${knowledge.models.map((model) => model.id).join(', ')}).` });
        continue;
      }
      const value = conditions.flatMap((condition) => condition.values).find((candidate) => String(candidate) === String(raw));
      if (value === undefined) {
        const allowed = [...new Set(conditions.flatMap((condition) => condition.values.map(String)))];
        report({ range: at(name), message: `"changes" sets \`${name}\` to ${JSON.stringify(raw)}, which is not one of its values (${allowed.join(', ')}).` });
        continue;
      }
      changes[name] = value;
    }
    if (Object.keys(changes).length !== Object.keys(own.changes).length) return;
    const models = knowledge.models.filter((model) => Object.keys(changes).every((name) => model.conditions.some((condition) => condition.name === name)));
    if (models.length > 0 && !models.some((model) => preventsSomewhere(model, changes))) {
      report({ range: at(Object.keys(changes)[0] ?? ''), message: `These changes prevent the problem in none of the runs explored of ${models.map((model) => `"${model.id}"`).join(', ')}: the remediation changes nothing the model can see.`, severity: 'warning' });
    }
  },
});

const verdicts = new WeakMap<ProblemModel, Map<string, boolean>>();

/** Whether applying `changes` removes the model's problem in some explored run where it happens; a model without a prevention outcome is not judged. */
function preventsSomewhere(model: ProblemModel, changes: GivenConditions): boolean {
  const prevention = model.outcomes.find((outcome): outcome is PreventionOutcome => outcome.kind === 'prevents');
  if (prevention === undefined) return true;
  let known = verdicts.get(model);
  if (known === undefined) {
    known = new Map();
    verdicts.set(model, known);
  }
  const key = JSON.stringify(changes);
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const verdict = search(model, prevention, changes, exploreModel(model));
  known.set(key, verdict);
  return verdict;
}

function search(model: ProblemModel, prevention: PreventionOutcome, changes: GivenConditions, exploration: ModelExploration): boolean {
  for (const sample of exploration.samples) {
    if (valueOver(prevention.problem, sample.state) !== true) continue;
    const changed = runModel(model, { ...sample.given, ...changes }, sample.events);
    if (changed.kind === 'derived' && valueOver(prevention.problem, changed.state) !== true) return true;
  }
  return false;
}
