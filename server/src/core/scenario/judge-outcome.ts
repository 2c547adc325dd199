/**
 * What a Then step claims, and whether the problem model agrees. An outcome's
 * value is computed from the finished run by its CEL `value`; when it does not
 * hold, the model's `instead` clauses say what it derives in its place. A
 * prevention outcome ("changing X prevents the problem") re-runs the model
 * with the changes applied.
 */
import { type ModelValue, printValue, renderTemplate } from './model/expression.js';
import { describeChanges, describeOutcomeValue, outcomeNamed } from './model/describe.js';
import type { CompiledExpression, CompiledTemplate } from './model/expression.js';
import type { ConditionValue, GivenConditions, PreventionOutcome, ProblemModel } from './model/model-types.js';
import { type ModelRun, type ModelState, type TraceStep, runModel, stateBindings } from './model/run-model.js';

/** A claim a Then step makes: an outcome of the model with a value, or the changes a prevention outcome re-runs. */
export interface Outcome {
  readonly fact: string;
  readonly value: ConditionValue | GivenConditions;
}

/** The model's answer about one outcome under one set of conditions. */
export interface Judgement {
  /** `true` or `false`, or `undefined` when the model has no opinion. */
  readonly holds: boolean | undefined;
  /** What the model derives instead, when it is something a Then step can say. */
  readonly derived: Outcome | undefined;
  /** One or two plain-English sentences: the verdict and why. */
  readonly explanation: string;
  /** The rules that fired in the scenario's run. */
  readonly trace: readonly TraceStep[];
  /** For a prevention outcome: the rules that fired in the changed run. */
  readonly counterfactualTrace?: readonly TraceStep[];
}

/** A judgement, or the no-default condition the model needs first. */
export type JudgementOrNeeds = Judgement | { readonly needs: string };

/** Runs the model; a memoized wrapper of {@link runModel} when many outcomes share a scenario. */
export type ModelRunner = (given: GivenConditions, events: readonly string[], assumed?: GivenConditions) => ModelRun;

/**
 * Judges `outcome` against the run of `events` from `given` (plus `assumed`
 * values for conditions the scenario leaves open). Returns `{ needs }` when
 * the model, or the counterfactual run, needs a no-default condition that
 * neither argument sets; never throws.
 */
export function judgeOutcome(
  model: ProblemModel,
  outcome: Outcome,
  given: GivenConditions,
  events: readonly string[],
  assumed: GivenConditions = {},
  run: ModelRunner = (g, e, a) => runModel(model, g, e, a),
): JudgementOrNeeds {
  const scenarioRun = run(given, events, assumed);
  if (scenarioRun.kind === 'needs') return { needs: scenarioRun.condition };
  const { state, trace } = scenarioRun;
  const definition = outcomeNamed(model, outcome.fact);
  if (definition === undefined) return { holds: undefined, derived: undefined, explanation: `The model has no outcome \`${outcome.fact}\`.`, trace };
  if (definition.kind === 'prevents') {
    return typeof outcome.value === 'object'
      ? judgePrevention(model, definition, outcome.value, { state, trace, given, events, assumed, run })
      : { holds: undefined, derived: undefined, explanation: `The outcome \`${outcome.fact}\` needs condition changes.`, trace };
  }
  const asserted = outcome.value;
  if (typeof asserted === 'object') return { holds: undefined, derived: undefined, explanation: `The outcome \`${outcome.fact}\` takes a value, not changes.`, trace };
  if (definition.unless !== undefined && evaluate(definition.unless.when, state) === true) {
    return { holds: false, derived: undefined, explanation: render(definition.unless.explanation, state), trace };
  }
  const value = evaluate(definition.value, state);
  const derivedValue = value === undefined || Array.isArray(value) ? undefined : (value as ConditionValue);
  const isText = definition.kind === 'text';
  if (derivedValue === undefined || (isText && derivedValue === '' && !definition.known.some((known) => sameText(known, String(asserted))))) {
    const noOpinion = definition.noOpinion === undefined ? 'The model has no opinion on this outcome.' : render(definition.noOpinion, state, { value: asserted });
    return { holds: undefined, derived: undefined, explanation: noOpinion, trace };
  }
  const because = render(definition.because, state);
  const same = isText ? sameText(String(derivedValue), String(asserted)) : derivedValue === asserted;
  if (same) {
    return { holds: true, derived: { fact: outcome.fact, value: derivedValue }, explanation: `This holds: ${describeOutcomeValue(model, outcome.fact, derivedValue)}, because ${because}.`, trace };
  }
  const alternative = definition.instead.find((clause) => evaluate(clause.when, state) === true);
  const alternativeValue = alternative === undefined ? undefined : evaluate(alternative.value, state);
  const derived: Outcome = alternative !== undefined && (typeof alternativeValue === 'string' || typeof alternativeValue === 'boolean')
    ? { fact: alternative.outcome, value: alternativeValue }
    : { fact: outcome.fact, value: derivedValue };
  return {
    holds: false,
    derived,
    explanation: `The model derives that ${describeOutcomeValue(model, derived.fact, derived.value as ConditionValue)} instead, because ${because}.`,
    trace,
  };
}

interface PreventionContext {
  readonly state: ModelState;
  readonly trace: readonly TraceStep[];
  readonly given: GivenConditions;
  readonly events: readonly string[];
  readonly assumed: GivenConditions;
  readonly run: ModelRunner;
}

function judgePrevention(model: ProblemModel, definition: PreventionOutcome, changes: GivenConditions, context: PreventionContext): JudgementOrNeeds {
  const { state, trace, given, events, assumed, run } = context;
  if (evaluate(definition.problem, state) !== true) {
    const value = evaluate(definition.absent.value, state);
    return {
      holds: false,
      derived: typeof value === 'string' || typeof value === 'boolean' ? { fact: definition.absent.outcome, value } : undefined,
      explanation: render(definition.absent.explanation, state),
      trace,
    };
  }
  const changedAssumed = Object.fromEntries(Object.entries(assumed).filter(([name]) => changes[name] === undefined));
  const changed = run({ ...given, ...changes }, events, changedAssumed);
  if (changed.kind === 'needs') return { needs: changed.condition };
  const prevented = evaluate(definition.problem, changed.state) !== true;
  const words = { changes: describeChanges(model, changes) };
  return {
    holds: prevented,
    derived: undefined,
    explanation: render(prevented ? definition.holds : definition.fails, changed.state, words),
    trace,
    counterfactualTrace: changed.trace,
  };
}

/** Evaluates an expression over a finished run; `undefined` when it fails. */
export function evaluate(expression: CompiledExpression, state: ModelState, extra: Readonly<Record<string, ModelValue>> = {}): ModelValue | undefined {
  const result = expression.evaluate(stateBindings(state, extra));
  return 'value' in result ? result.value : undefined;
}

/** Renders a template over a finished run; a failing part shows as `{expression}` so the model's author sees it. */
export function render(template: CompiledTemplate, state: ModelState, extra: Readonly<Record<string, ModelValue>> = {}): string {
  const result = renderTemplate(template, stateBindings(state, extra));
  return 'value' in result ? printValue(result.value) : `${template.source} (${result.error})`;
}

/**
 * Whether two values stated for the same outcome say the same thing, as
 * {@link judgeOutcome} compares them: text outcomes without case, extra
 * spaces or trailing dots, other outcomes exactly.
 */
export function sameOutcomeValue(model: ProblemModel, fact: string, a: ConditionValue, b: ConditionValue): boolean {
  return outcomeNamed(model, fact)?.kind === 'text' ? sameText(String(a), String(b)) : a === b;
}

/** Texts compare without case, extra spaces, or the trailing dots a dialog shows. */
function sameText(a: string, b: string): boolean {
  return normalizeText(a) === normalizeText(b);
}

function normalizeText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/[\s.…]+$/u, '').toLowerCase();
}
