/**
 * English for a model's values: the phrases its file gives for conditions
 * and outcomes, rendered for one value.
 */
import { printValue, renderTemplate } from './expression.js';
import type { ConditionValue, GivenConditions, ModelCondition, ModelOutcome, Phrasing, ProblemModel } from './model-types.js';

/** A short English phrase for a condition's value, e.g. `the user is remote`. */
export function describeCondition(model: ProblemModel, name: string, value: ConditionValue): string {
  const condition = model.conditions.find((candidate) => candidate.name === name);
  return condition === undefined ? `${name} is ${String(value)}` : phrase(condition.says, value);
}

/** A noun phrase naming a condition, e.g. `the user's location`. */
export function conditionLabel(model: ProblemModel, name: string): string {
  return model.conditions.find((candidate) => candidate.name === name)?.label ?? name;
}

/** The conditions without a default, in the order the model declares them. */
export function noDefaultConditions(model: ProblemModel): ModelCondition[] {
  return model.conditions.filter((condition) => condition.default === undefined);
}

/** The values of a condition; empty when the model has no such condition. */
export function conditionValues(model: ProblemModel, name: string): readonly ConditionValue[] {
  return model.conditions.find((candidate) => candidate.name === name)?.values ?? [];
}

/** The outcome of this name, or `undefined`. */
export function outcomeNamed(model: ProblemModel, name: string): ModelOutcome | undefined {
  return model.outcomes.find((outcome) => outcome.name === name);
}

/** A clause for an outcome with a value, e.g. `the status is "Unavailable"`. */
export function describeOutcomeValue(model: ProblemModel, fact: string, value: ConditionValue): string {
  const outcome = outcomeNamed(model, fact);
  return outcome === undefined || outcome.kind === 'prevents' ? `${fact} is ${String(value)}` : phrase(outcome.says, value);
}

/** Phrases a set of condition changes as the state they lead to, in the model's order. */
export function describeChanges(model: ProblemModel, changes: GivenConditions): string {
  const parts = model.conditions.flatMap((condition) => {
    const value = changes[condition.name];
    return value === undefined ? [] : [describeCondition(model, condition.name, value)];
  });
  return parts.length === 0 ? 'nothing changes' : parts.join(' and ');
}

/** Conditions set in `values`, described and joined with "and", in the model's order; `undefined` when none. */
export function describeConditions(model: ProblemModel, values: GivenConditions): string | undefined {
  const parts = model.conditions.flatMap((condition) => {
    const value = values[condition.name];
    return value === undefined ? [] : [describeCondition(model, condition.name, value)];
  });
  return parts.length === 0 ? undefined : parts.join(' and ');
}

function phrase(says: Phrasing, value: ConditionValue): string {
  if ('byValue' in says) return says.byValue.get(String(value)) ?? String(value);
  const rendered = renderTemplate(says.template, { value, event: new Map<string, string>(), events: [] });
  return 'value' in rendered ? printValue(rendered.value) : String(value);
}

/** The first letter in upper case. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
