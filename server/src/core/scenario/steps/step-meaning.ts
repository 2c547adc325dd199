/**
 * What a catalog entry means to its problem model, for given placeholder
 * values: a condition with a value, an event, or an outcome.
 */
import type { GivenConditions, ProblemModel } from '../model/model-types.js';
import { outcomeNamed } from '../model/describe.js';
import type { StepEntry, StepKind, StepMeaning, StepValue } from './catalog-types.js';

/** Resolves what an entry means for some placeholder values; a string is the reason it means nothing. */
export function resolveMeaning(
  kind: StepKind,
  fact: string | undefined,
  value: StepValue | undefined,
  bindings: Readonly<Record<string, string>>,
  model: ProblemModel | undefined,
): StepMeaning | string {
  if (fact === undefined) return value === undefined ? { kind: 'none' } : 'a `value` needs a `fact`.';
  if (model === undefined) return 'no problem model is loaded, so the step cannot mean anything; add a model to `models/` or remove `fact`.';
  const bound = substitute(value, bindings);
  if (kind === 'given') {
    const condition = model.conditions.find((candidate) => candidate.name === fact);
    if (condition === undefined) return `\`${fact}\` is not a condition of the model; use one of ${list(model.conditions.map((candidate) => candidate.name))}.`;
    const found = condition.values.find((candidate) => String(candidate) === String(bound));
    return found === undefined
      ? `${formatValue(bound)} is not a value of \`${fact}\`; use one of ${list(condition.values.map(String))}.`
      : { kind: 'condition', condition: fact, value: found };
  }
  if (kind === 'when') {
    if (fact !== 'event') return 'a `when` step has `fact: event` and the event as `value`.';
    const event = model.events.find((candidate) => candidate.name === bound);
    return event === undefined ? `${formatValue(bound)} is not an event of the model; use one of ${list(model.events.map((candidate) => candidate.name))}.` : { kind: 'event', event: event.name };
  }
  const outcome = outcomeNamed(model, fact);
  if (outcome === undefined) return `\`${fact}\` is not an outcome of the model; use one of ${list(model.outcomes.map((candidate) => candidate.name))}.`;
  if (outcome.kind === 'text') {
    return typeof bound === 'string' && bound !== '' ? { kind: 'outcome', outcome: { fact, value: bound } } : `\`${fact}\` needs a text value.`;
  }
  if (outcome.kind === 'prevents') {
    const changes = readChanges(bound, model);
    return typeof changes === 'string' ? changes : { kind: 'outcome', outcome: { fact, value: changes } };
  }
  const found = outcome.values.find((candidate) => String(candidate) === String(bound));
  return found === undefined
    ? `${formatValue(bound)} is not a value of \`${fact}\`; use one of ${list(outcome.values.map(String))}.`
    : { kind: 'outcome', outcome: { fact, value: found } };
}

/** Condition changes (of a remediation) checked against the model; a string says what is wrong. */
export function readChanges(value: StepValue | undefined, model: ProblemModel): GivenConditions | string {
  if (value === undefined || typeof value !== 'object') return 'a prevention outcome needs a `value` mapping conditions to their new values, e.g. `{ credentialsCached: true }`.';
  const changes: Record<string, string | boolean> = {};
  for (const [name, raw] of Object.entries(value)) {
    const condition = model.conditions.find((candidate) => candidate.name === name);
    if (condition === undefined) return `\`${name}\` is not a condition of the model; use one of ${list(model.conditions.map((candidate) => candidate.name))}.`;
    const found = condition.values.find((candidate) => String(candidate) === String(raw));
    if (found === undefined) return `${formatValue(raw)} is not a value of \`${name}\`.`;
    changes[name] = found;
  }
  return Object.keys(changes).length === 0 ? 'a remediation must change at least one condition.' : changes;
}

/** Every combination of listed placeholder values (free text gets a sample); callers bound the count first. */
export function allBindings(entry: StepEntry): Record<string, string>[] {
  let combinations: Record<string, string>[] = [{}];
  for (const placeholder of entry.placeholders) {
    const values = placeholder.values ?? ['sample text'];
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [placeholder.name]: value })));
  }
  return combinations;
}

/** Placeholder values under which `entry` might say `meaning`. */
export function bindingsToTry(entry: StepEntry, meaning: StepMeaning): Record<string, string>[] {
  const free = entry.placeholders.filter((placeholder) => placeholder.values === undefined);
  if (free.length === 0) return allBindings(entry);
  const text = meaning.kind === 'outcome' && typeof meaning.outcome.value === 'string' ? meaning.outcome.value : undefined;
  if (text === undefined || free.length > 1) return [];
  return allBindings(entry).map((bindings) => ({ ...bindings, [free[0]?.name ?? '']: text }));
}

/** Whether two meanings are the same. */
export function sameStepMeaning(a: StepMeaning, b: StepMeaning): boolean {
  if (a.kind === 'condition' && b.kind === 'condition') return a.condition === b.condition && a.value === b.value;
  if (a.kind === 'event' && b.kind === 'event') return a.event === b.event;
  if (a.kind === 'outcome' && b.kind === 'outcome') {
    if (a.outcome.fact !== b.outcome.fact) return false;
    return JSON.stringify(a.outcome.value) === JSON.stringify(b.outcome.value);
  }
  return a.kind === 'none' && b.kind === 'none';
}

function substitute(value: StepValue | undefined, bindings: Readonly<Record<string, string>>): StepValue | undefined {
  if (typeof value !== 'string') return value;
  const reference = /^<([A-Za-z][\w-]*)>$/.exec(value)?.[1];
  return reference === undefined ? value : (bindings[reference] ?? value);
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? 'nothing';
}

function list(values: readonly string[]): string {
  return values.map((value) => `\`${value}\``).join(', ');
}
