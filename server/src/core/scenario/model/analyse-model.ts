/**
 * What a model can do, found by running it: every combination of its
 * conditions' values with every sequence of up to two events (and none).
 * The exploration tells which rules never fire and which outcome values no
 * run derives; it is bounded so that a model with many conditions costs a
 * known amount of work, and says when it stopped early.
 */
import type { Bindings, CompiledExpression, ModelValue } from './expression.js';
import type { ConditionValue, GivenConditions, ModelOutcome, ProblemModel } from './model-types.js';
import { type ModelState, runModel, stateBindings } from './run-model.js';

/** The most runs one exploration makes. */
export const MAX_EXPLORED_RUNS = 20_000;

/** What the exploration of a model found. */
export interface ModelExploration {
  readonly runs: number;
  /** Whether every combination and event sequence was run. */
  readonly complete: boolean;
  /** Indexes (in `model.rules`) of the rules that fired in some run. */
  readonly firedRules: ReadonlySet<number>;
  /** For each outcome, the values some run derives (as text); a prevention outcome records "true" when the problem happens. */
  readonly derivedValues: ReadonlyMap<string, ReadonlySet<string>>;
  /** The final states of the explored runs, for questions about remediations. */
  readonly samples: readonly { readonly given: GivenConditions; readonly events: readonly string[]; readonly state: ModelState }[];
}

const explorations = new WeakMap<ProblemModel, ModelExploration>();

/** Explores `model` (once per model object). Never throws. */
export function exploreModel(model: ProblemModel): ModelExploration {
  const known = explorations.get(model);
  if (known !== undefined) return known;
  const sequences = eventSequences(model);
  const firedRules = new Set<number>();
  const derivedValues = new Map<string, Set<string>>(model.outcomes.map((outcome) => [outcome.name, new Set<string>()]));
  const samples: Array<{ given: GivenConditions; events: readonly string[]; state: ModelState }> = [];
  let runs = 0;
  let complete = true;
  outer: for (const given of combinations(model)) {
    for (const events of sequences) {
      if (runs >= MAX_EXPLORED_RUNS) {
        complete = false;
        break outer;
      }
      runs += 1;
      const run = runModel(model, given, events, {}, { sentences: false });
      for (const step of run.trace) markFired(model, step.rule, firedRules);
      if (run.kind !== 'derived') continue;
      samples.push({ given, events, state: run.state });
      const bindings = stateBindings(run.state);
      for (const outcome of model.outcomes) recordOutcome(outcome, bindings, derivedValues.get(outcome.name));
    }
  }
  // Silent rules (no trace sentence) fire unseen; they are not reported as never firing.
  model.rules.forEach((rule, index) => {
    if (rule.trace === undefined) firedRules.add(index);
  });
  const exploration = { runs, complete, firedRules, derivedValues, samples };
  explorations.set(model, exploration);
  return exploration;
}

/** The value an expression has over a finished run; `undefined` when it fails. */
export function valueOver(expression: CompiledExpression, state: ModelState): ModelValue | undefined {
  const result = expression.evaluate(stateBindings(state));
  return 'value' in result ? result.value : undefined;
}

function markFired(model: ProblemModel, ruleId: string, fired: Set<number>): void {
  // Several rules may share an id (variants of one behaviour): the trace names the id, so every variant with it counts.
  model.rules.forEach((rule, index) => {
    if (rule.id === ruleId) fired.add(index);
  });
}

function recordOutcome(outcome: ModelOutcome, bindings: Bindings, values: Set<string> | undefined): void {
  if (values === undefined) return;
  const over = (expression: CompiledExpression): ModelValue | undefined => {
    const result = expression.evaluate(bindings);
    return 'value' in result ? result.value : undefined;
  };
  if (outcome.kind === 'prevents') {
    if (over(outcome.problem) === true) values.add('true');
    return;
  }
  if (outcome.unless !== undefined && over(outcome.unless.when) === true) return;
  const value = over(outcome.value);
  if (typeof value === 'string' || typeof value === 'boolean') values.add(String(value));
}

/** Every combination of every condition's values, lazily, in declaration order. */
function* combinations(model: ProblemModel): Generator<GivenConditions> {
  const conditions = model.conditions;
  const indexes = conditions.map(() => 0);
  if (conditions.some((condition) => condition.values.length === 0)) return;
  for (;;) {
    const given: Record<string, ConditionValue> = {};
    conditions.forEach((condition, position) => {
      given[condition.name] = condition.values[indexes[position] ?? 0] ?? '';
    });
    yield given;
    let position = conditions.length - 1;
    while (position >= 0) {
      const next = (indexes[position] ?? 0) + 1;
      if (next < (conditions[position]?.values.length ?? 0)) {
        indexes[position] = next;
        break;
      }
      indexes[position] = 0;
      position -= 1;
    }
    if (position < 0) return;
  }
}

function eventSequences(model: ProblemModel): string[][] {
  const names = model.events.map((event) => event.name);
  return [[], ...names.map((name) => [name]), ...names.flatMap((first) => names.map((second) => [first, second]))];
}
