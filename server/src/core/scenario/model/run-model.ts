/**
 * The interpreter of problem models. A run starts from the model's initial
 * state, applies the `start` rules, then for each event (in order) the rules
 * listening to it, then the `end` rules. Rules apply in file order; each
 * computes all its effects from the state before it, so the order of `set`
 * keys never matters.
 *
 * A run never throws. When a guard (or an effect) cannot be decided without
 * a condition that has no default and that neither the scenario nor the
 * caller set, the run stops and names it, so callers enumerate only the
 * values that matter.
 */
import { type Bindings, type CompiledExpression, type CompiledTemplate, type ModelValue, renderTemplate } from './expression.js';
import type { ConditionValue, GivenConditions, ModelRule, ProblemModel } from './model-types.js';

/** Where a condition's value came from. */
export type ConditionSource = 'given' | 'default' | 'assumed';

/** One condition a rule read. */
export interface ConditionUse {
  readonly condition: string;
  readonly value: ConditionValue;
  readonly source: ConditionSource;
}

/** One rule that fired, with the conditions it read. */
export interface TraceStep {
  readonly rule: string;
  /** A full sentence saying what happened and why. */
  readonly explanation: string;
  readonly uses: readonly ConditionUse[];
}

/** The state at the end of a run, by state variable (and every condition's value). */
export type ModelState = Readonly<Record<string, ModelValue>>;

/** The outcome of {@link runModel}. */
export type ModelRun =
  | { readonly kind: 'derived'; readonly state: ModelState; readonly trace: readonly TraceStep[] }
  | {
      readonly kind: 'needs';
      /** The unset no-default condition the run cannot continue without. */
      readonly condition: string;
      /** The rules that fired before the run stopped. */
      readonly trace: readonly TraceStep[];
    };

/**
 * Runs `model`. `given` holds what the scenario states, `assumed` what the
 * caller chose for conditions the scenario leaves open (shown as `assumed`
 * in the trace); every other condition takes its default. Never throws.
 */
export function runModel(model: ProblemModel, given: GivenConditions, events: readonly string[], assumed: GivenConditions = {}, options: RunOptions = {}): ModelRun {
  return new Run(model, given, assumed, options.sentences ?? true).execute(events);
}

/** How much a run records. */
export interface RunOptions {
  /** Whether trace steps get their sentence (analyses that only need which rules fired leave it out: it is the costly part). */
  readonly sentences?: boolean;
}

const NO_EVENT: ReadonlyMap<string, string> = new Map();

/** Thrown inside a run only, to stop it when a missing condition is needed; never escapes {@link runModel}. */
class NeedsCondition {
  constructor(readonly condition: string) {}
}

class Run {
  private readonly trace: TraceStep[] = [];
  private readonly state = new Map<string, ModelValue>();
  private readonly values = new Map<string, { value: ConditionValue; source: ConditionSource }>();
  /** What expressions see: conditions with a value, the state, the event and the scenario's events; updated after each rule. */
  private readonly bindings: Record<string, ModelValue | ReadonlyMap<string, string>> = {};

  constructor(
    private readonly model: ProblemModel,
    given: GivenConditions,
    assumed: GivenConditions,
    private readonly sentences: boolean,
  ) {
    for (const condition of model.conditions) {
      const stated = given[condition.name];
      const guessed = assumed[condition.name];
      if (stated !== undefined) this.values.set(condition.name, { value: stated, source: 'given' });
      else if (guessed !== undefined) this.values.set(condition.name, { value: guessed, source: 'assumed' });
      else if (condition.default !== undefined) this.values.set(condition.name, { value: condition.default, source: 'default' });
    }
    for (const [name, value] of model.state) this.state.set(name, value);
    for (const [name, { value }] of this.values) this.bindings[name] = value;
    for (const [name, value] of this.state) this.bindings[name] = value;
    this.bindings['event'] = NO_EVENT;
  }

  execute(scenarioEvents: readonly string[]): ModelRun {
    try {
      this.bindings['events'] = scenarioEvents;
      const inserted: string[] = [];
      for (const rule of this.rulesOn('start')) {
        if (this.apply(rule) && rule.insert !== undefined) inserted.push(rule.insert);
      }
      for (const name of [...inserted, ...scenarioEvents]) {
        this.bindings['event'] = this.model.events.find((event) => event.name === name)?.with ?? NO_EVENT;
        for (const rule of this.model.rules) {
          if (rule.on.kind !== 'events' || !rule.on.events.includes(name)) continue;
          if (this.apply(rule) && rule.last) break;
        }
      }
      this.bindings['event'] = NO_EVENT;
      for (const rule of this.rulesOn('end')) this.apply(rule);
    } catch (stop) {
      if (stop instanceof NeedsCondition) return { kind: 'needs', condition: stop.condition, trace: this.trace };
      throw stop;
    }
    return { kind: 'derived', state: this.finalState(), trace: this.trace };
  }

  private rulesOn(phase: 'start' | 'end'): ModelRule[] {
    return this.model.rules.filter((rule) => rule.on.kind === phase);
  }

  /** Applies `rule` if its guard holds; returns whether it fired. */
  private apply(rule: ModelRule): boolean {
    const bindings = this.bindings;
    if (rule.when !== undefined && this.evaluate(rule.when, bindings) !== true) return false;
    const updates = new Map<string, ModelValue>();
    for (const effect of rule.set) {
      const value = this.evaluate(effect.expression, bindings);
      if (value !== undefined) updates.set(effect.name, value);
    }
    for (const effect of rule.append) {
      const text = this.render(effect.template, bindings);
      const current = updates.get(effect.name) ?? this.state.get(effect.name);
      if (text !== undefined && Array.isArray(current)) updates.set(effect.name, [...(current as readonly string[]), text]);
    }
    if (rule.trace !== undefined) {
      const explanation = this.sentences ? (this.render(rule.trace, bindings) ?? rule.trace.source) : '';
      const reads = rule.reads ?? rule.when?.references ?? [];
      const uses = reads.flatMap((name): ConditionUse[] => {
        const value = this.values.get(name);
        return value === undefined ? [] : [{ condition: name, value: value.value, source: value.source }];
      });
      this.trace.push({ rule: rule.id, explanation, uses });
    }
    for (const [name, value] of updates) {
      this.state.set(name, value);
      this.bindings[name] = value;
    }
    return true;
  }

  /** The value, or `undefined` when it cannot be computed; stops the run when a missing condition is the reason. */
  private evaluate(expression: CompiledExpression, bindings: Bindings): ModelValue | undefined {
    const result = expression.evaluate(bindings);
    if ('value' in result) return result.value;
    this.stopIfMissing(expression.references);
    return undefined;
  }

  private render(template: CompiledTemplate, bindings: Bindings): string | undefined {
    const result = renderTemplate(template, bindings);
    if ('value' in result && typeof result.value === 'string') return result.value;
    this.stopIfMissing(template.references);
    return undefined;
  }

  private stopIfMissing(references: readonly string[]): void {
    const missing = references.find((name) => !this.values.has(name) && this.model.conditions.some((condition) => condition.name === name));
    if (missing !== undefined) throw new NeedsCondition(missing);
  }

  private finalState(): ModelState {
    const state: Record<string, ModelValue> = {};
    for (const [name, { value }] of this.values) state[name] = value;
    for (const [name, value] of this.state) state[name] = value;
    return state;
  }
}

/** The variables an expression over a finished run sees: its state, plus `extra`. */
export function stateBindings(state: ModelState, extra: Readonly<Record<string, ModelValue>> = {}): Bindings {
  const plain = Object.keys(extra).length === 0;
  const known = plain ? finishedBindings.get(state) : undefined;
  if (known !== undefined) return known;
  const bindings = { ...state, ...extra, event: NO_EVENT, events: [] };
  if (plain) finishedBindings.set(state, bindings);
  return bindings;
}

// A finished run's state is read by many outcomes, hovers and table cells: its bindings are built once.
const finishedBindings = new WeakMap<ModelState, Bindings>();
