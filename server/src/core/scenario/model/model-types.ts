/**
 * A problem model as the engine holds it once its YAML file is read: the
 * conditions a scenario can state, the events that happen in order, the
 * state a run keeps, the ordered rules that derive it, and the outcomes a
 * Then step can assert. `docs/models.md` describes the file format.
 */
import type { Range } from '../../types.js';
import type { CompiledExpression, CompiledTemplate, ModelValue } from './expression.js';

/** A condition's value: a word or a yes/no. */
export type ConditionValue = string | boolean;

/** Condition values by condition name: what a scenario states, or what a caller assumes. */
export type GivenConditions = Readonly<Record<string, ConditionValue>>;

/** How a value is said in English: one phrase per value, or a template that reads `value`. */
export type Phrasing = { readonly byValue: ReadonlyMap<string, string> } | { readonly template: CompiledTemplate };

/** Something a scenario states with a Given step. */
export interface ModelCondition {
  readonly name: string;
  /** A noun phrase, e.g. `the user's location (internal or remote)`. */
  readonly label: string;
  /** The values, in the order tables and fixes list them. */
  readonly values: readonly ConditionValue[];
  /** The value when a scenario does not state it; absent: every value is checked. */
  readonly default?: ConditionValue;
  readonly says: Phrasing;
  /** The glossary entry the condition is about. */
  readonly term?: string;
  readonly range: Range;
}

/** Something that happens during a scenario, with values rules read as `event.<name>`. */
export interface ModelEventDeclaration {
  readonly name: string;
  readonly with: ReadonlyMap<string, string>;
  readonly range: Range;
}

/** Where in a run a rule applies. */
export type RulePhase = { readonly kind: 'start' } | { readonly kind: 'end' } | { readonly kind: 'events'; readonly events: readonly string[] };

/** One rule: when its guard holds, its effects apply and its trace sentence is shown. */
export interface ModelRule {
  readonly id: string;
  readonly on: RulePhase;
  readonly when: CompiledExpression | undefined;
  /** New state values, each computed from the state before the rule. */
  readonly set: readonly { readonly name: string; readonly expression: CompiledExpression; readonly range: Range }[];
  /** Sentences added to list state (e.g. the story of a run). */
  readonly append: readonly { readonly name: string; readonly template: CompiledTemplate; readonly range: Range }[];
  /** An event a start rule adds before the scenario's events. */
  readonly insert: string | undefined;
  readonly trace: CompiledTemplate | undefined;
  /** The conditions the trace shows as read; by default those the guard names. */
  readonly reads: readonly string[] | undefined;
  /** When true, no later rule applies to the same event once this one fired. */
  readonly last: boolean;
  /** What the rule encodes: the article, document or section it comes from. */
  readonly source: string | undefined;
  readonly range: Range;
}

/** What the model derives instead when an outcome does not hold. */
export interface InsteadClause {
  readonly when: CompiledExpression;
  readonly outcome: string;
  readonly value: CompiledExpression;
}

/** An outcome over values (a yes/no, a word from a list, or free text). */
export interface ValueOutcome {
  readonly kind: 'values' | 'text';
  readonly name: string;
  /** The values a step can assert (`values` only). */
  readonly values: readonly ConditionValue[];
  /** The value the run derives; for text, `''` means none. */
  readonly value: CompiledExpression;
  readonly says: Phrasing;
  /** The reason clause, fitting after "because". */
  readonly because: CompiledTemplate;
  /** When it holds, the outcome cannot be judged at all and this explains why. */
  readonly unless: { readonly when: CompiledExpression; readonly explanation: CompiledTemplate } | undefined;
  /** Texts the model knows for a text outcome; an unknown text with no derived value gets no opinion. */
  readonly known: readonly string[];
  readonly noOpinion: CompiledTemplate | undefined;
  readonly instead: readonly InsteadClause[];
  readonly range: Range;
}

/** "Changing these conditions prevents the problem": judged by re-running the model with the changes. */
export interface PreventionOutcome {
  readonly kind: 'prevents';
  readonly name: string;
  /** Whether the problem happens in a run. */
  readonly problem: CompiledExpression;
  /** What the model derives when the scenario has no problem to prevent. */
  readonly absent: { readonly outcome: string; readonly value: CompiledExpression; readonly explanation: CompiledTemplate };
  /** Explanations, rendered over the changed run with `changes` bound to the changes in words. */
  readonly holds: CompiledTemplate;
  readonly fails: CompiledTemplate;
  readonly range: Range;
}

/** Something a Then step can assert. */
export type ModelOutcome = ValueOutcome | PreventionOutcome;

/** The rows the scenario-title hover shows. */
export interface ModelSummary {
  readonly rows: readonly { readonly label: string; readonly text: CompiledTemplate }[];
  readonly why: CompiledTemplate | undefined;
}

/** The model's generated decision table. */
export interface DecisionTableSpec {
  readonly title: string;
  readonly intro: readonly string[];
  readonly conditions: readonly { readonly name: string; readonly heading: string; readonly cells: ReadonlyMap<string, string> }[];
  /** The event sequences each row is run with, as one column. */
  readonly sequences: { readonly heading: string; readonly rows: readonly { readonly label: string; readonly events: readonly string[] }[] };
  readonly columns: readonly { readonly heading: string; readonly text: CompiledTemplate }[];
  readonly notes: readonly string[];
}

/** A problem model, ready to run. */
export interface ProblemModel {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly conditions: readonly ModelCondition[];
  readonly events: readonly ModelEventDeclaration[];
  /** State variables with their values before the run. */
  readonly state: ReadonlyMap<string, ModelValue>;
  readonly rules: readonly ModelRule[];
  readonly outcomes: readonly ModelOutcome[];
  readonly summary: ModelSummary;
  readonly table: DecisionTableSpec | undefined;
}

/** A problem found while reading a model file. */
export interface ModelProblem {
  readonly path: string;
  readonly range: Range;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** One model file, read. `model` is `undefined` when the file has errors that make it unusable. */
export interface ModelFile {
  readonly path: string;
  readonly model: ProblemModel | undefined;
  readonly problems: readonly ModelProblem[];
}
