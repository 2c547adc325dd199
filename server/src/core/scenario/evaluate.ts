/**
 * Checks a parsed scenario file against the step catalog and the MAPI prompt
 * model: which steps match, which givens conflict, which steps are out of
 * order, and, for every Then step, whether it follows from the scenario.
 *
 * An outcome is judged under every combination of values of the no-default
 * conditions (location, Outlook Anywhere authentication) the scenario leaves
 * unset, and only those the model actually reads: an internal user whose
 * Outlook Anywhere is not forced never needs the authentication method, so it
 * is not enumerated. Each Examples row of a Scenario Outline is a run of its
 * own. The result is plain data for rules, hovers and quick fixes.
 */
import { type JudgementOrNeeds, type Judgement, type Outcome, judgeOutcome } from './judge-outcome.js';
import {
  CONDITION_VALUES,
  type ConditionName,
  type ConditionValue,
  type Conditions,
  type DerivedState,
  type GivenConditions,
  type ModelEvent,
  type NoDefaultCondition,
  type TraceStep,
  NO_DEFAULT_CONDITIONS,
  conditionLabel,
  describeCondition,
  runModel,
} from './model.js';
import type { ParsedExamples, ParsedScenario, ParsedScenarioFile, ParsedStep, ParsedTableRow } from './parse-scenario.js';
import { type StepCatalog, type StepKind, type StepMatch, matchStep, phrasingFor } from './step-catalog.js';

/** A step of one run, with outline parameters substituted and its catalog match. */
export interface ResolvedStep {
  readonly step: ParsedStep;
  /** The step text after substituting the Examples row's values. */
  readonly text: string;
  /** Whether `text` differs from the written text because of `<parameters>`. */
  readonly substituted: boolean;
  readonly fromBackground: boolean;
  /** `undefined` when no catalog phrasing matches. */
  readonly match: StepMatch | undefined;
}

/** The verdict on one Then step. */
export type Verdict = 'holds' | 'contradiction' | 'underdetermined' | 'out-of-model';

/** The model's judgement under one combination of assumed values. */
export interface JudgedCase {
  /** The values chosen for conditions the scenario leaves unset (empty when none were needed). */
  readonly assumed: GivenConditions;
  readonly judgement: Judgement;
}

/** A Given step that would settle an underdetermined outcome. */
export interface SettlingCondition {
  readonly condition: NoDefaultCondition;
  readonly value: ConditionValue;
  /** The catalog phrasing of the condition. */
  readonly phrasing: string;
  /** The verdict the outcome would then have. */
  readonly verdict: Verdict;
}

/** The verdict on one outcome step in one run. */
export interface OutcomeEvaluation {
  readonly step: ResolvedStep;
  /** `undefined` for a catalog step without a model fact. */
  readonly outcome: Outcome | undefined;
  readonly verdict: Verdict;
  /** Plain English: what the model derives and why (contradiction), what it depends on (underdetermined). */
  readonly message: string;
  readonly cases: readonly JudgedCase[];
  /** The unset conditions whose value changes the verdict (underdetermined only). */
  readonly dependsOn: readonly NoDefaultCondition[];
  /** The catalog phrasing of what the model derives instead, when the same in every case (contradiction only). */
  readonly derivedPhrasing: string | undefined;
  /** One Given step per value of each condition in `dependsOn`. */
  readonly settlingConditions: readonly SettlingCondition[];
}

/** Two Given steps that set the same condition to different values. */
export interface StepConflict {
  readonly condition: ConditionName;
  readonly first: ResolvedStep;
  readonly second: ResolvedStep;
}

/** A condition after the first When, or an outcome before the first Then. */
export interface OrderProblem {
  readonly step: ResolvedStep;
  readonly problem: 'condition-after-when' | 'outcome-before-then';
  /** The step that marks the boundary (the first When or Then), when there is one. */
  readonly boundary: ResolvedStep | undefined;
}

/** The derived state under one combination of assumed values. */
export interface StateCase {
  readonly assumed: GivenConditions;
  readonly state: DerivedState;
  readonly trace: readonly TraceStep[];
}

/** One run of a scenario: the scenario itself, or one Examples row of an outline. */
export interface ScenarioRun {
  readonly scenario: ParsedScenario;
  readonly examples: ParsedExamples | undefined;
  readonly row: ParsedTableRow | undefined;
  /** Background steps, then the scenario's. */
  readonly steps: readonly ResolvedStep[];
  readonly given: GivenConditions;
  readonly events: readonly ModelEvent[];
  readonly conflicts: readonly StepConflict[];
  readonly orderProblems: readonly OrderProblem[];
  /** Empty when givens conflict: a scenario that says two things at once has no single run to judge. */
  readonly outcomes: readonly OutcomeEvaluation[];
  /** Empty when givens conflict. */
  readonly states: readonly StateCase[];
}

/** The evaluation of one scenario. */
export interface ScenarioEvaluation {
  readonly scenario: ParsedScenario;
  /** One run, or one per Examples row of an outline. */
  readonly runs: readonly ScenarioRun[];
}

/** The evaluation of a whole file. */
export interface ScenarioFileEvaluation {
  readonly scenarios: readonly ScenarioEvaluation[];
}

/** Evaluates every scenario of a parsed file. Never throws. */
export function evaluateScenarioFile(file: ParsedScenarioFile, catalog: StepCatalog): ScenarioFileEvaluation {
  const match = memoizedMatcher(catalog);
  return { scenarios: file.scenarios.map((scenario) => evaluateWith(scenario, catalog, match)) };
}

type Matcher = (text: string) => StepMatch | undefined;

/** Scenario files repeat the same steps many times; matching each text once keeps big files fast. */
function memoizedMatcher(catalog: StepCatalog): Matcher {
  const matches = new Map<string, StepMatch | undefined>();
  return (text) => {
    if (!matches.has(text)) matches.set(text, matchStep(catalog, text));
    return matches.get(text);
  };
}

function evaluateWith(scenario: ParsedScenario, catalog: StepCatalog, match: Matcher): ScenarioEvaluation {
  const rows = scenario.examples.flatMap((examples) => examples.rows.map((row) => ({ examples, row })));
  if (rows.length === 0) return { scenario, runs: [evaluateRun(scenario, catalog, match, undefined, undefined)] };
  return { scenario, runs: rows.map(({ examples, row }) => evaluateRun(scenario, catalog, match, examples, row)) };
}

/** The catalog kind a step's keyword suggests, for filtering suggestions and completion. */
export function kindOfKeyword(step: ParsedStep): StepKind | undefined {
  switch (step.effectiveKeywordType) {
    case 'context':
      return 'given';
    case 'action':
      return 'when';
    case 'outcome':
      return 'then';
    default:
      return undefined;
  }
}

/**
 * Where a Given step that settles a condition goes: before the first When
 * of the scenario, else before its first Then, else after its last step.
 * `line` is where to insert; `afterStep` tells whether a step of the
 * scenario precedes it (so the keyword should be "And").
 */
export function conditionInsertionPoint(scenario: ParsedScenario): { line: number; indent: string; afterStep: boolean } {
  const steps = scenario.steps;
  const firstWhen = steps.findIndex((step) => step.keywordType === 'action');
  const boundary = firstWhen !== -1 ? firstWhen : steps.findIndex((step) => step.keywordType === 'outcome');
  const anchor = boundary === -1 ? undefined : steps[boundary];
  if (anchor !== undefined) return { line: anchor.range.start.line, indent: anchor.indent, afterStep: boundary > 0 };
  const last = steps[steps.length - 1];
  if (last !== undefined) return { line: last.endLine + 1, indent: last.indent, afterStep: true };
  // Below the description: a step above it would turn the description into a syntax error.
  return { line: (scenario.examples.length === 0 ? scenario.endLine : scenario.range.start.line) + 1, indent: `${scenario.keywordRange.start.character > 0 ? ' '.repeat(scenario.keywordRange.start.character) : ''}  `, afterStep: false };
}

function evaluateRun(
  scenario: ParsedScenario,
  catalog: StepCatalog,
  match: Matcher,
  examples: ParsedExamples | undefined,
  row: ParsedTableRow | undefined,
): ScenarioRun {
  const parameters = rowParameters(examples, row);
  const resolve = (step: ParsedStep, fromBackground: boolean): ResolvedStep => {
    const text = substitute(step.text, parameters);
    return { step, text, substituted: text !== step.text, fromBackground, match: match(text) };
  };
  const steps = [
    ...scenario.backgroundSteps.map((step) => resolve(step, true)),
    ...scenario.steps.map((step) => resolve(step, false)),
  ];
  const given: Partial<Record<ConditionName, ConditionValue>> = {};
  const setters = new Map<ConditionName, ResolvedStep>();
  const conflicts: StepConflict[] = [];
  const events: ModelEvent[] = [];
  for (const step of steps) {
    const meaning = step.match?.meaning;
    if (meaning?.kind === 'event') events.push(meaning.event);
    if (meaning?.kind !== 'condition') continue;
    const first = setters.get(meaning.condition);
    if (first === undefined) {
      setters.set(meaning.condition, step);
      given[meaning.condition] = meaning.value;
    } else if (given[meaning.condition] !== meaning.value) {
      conflicts.push({ condition: meaning.condition, first, second: step });
    }
  }
  const base = { scenario, examples, row, steps, given: given as GivenConditions, events, conflicts, orderProblems: orderProblems(steps) };
  if (conflicts.length > 0) return { ...base, outcomes: [], states: [] };
  const model = memoizedModel();
  const states = explore<StateCase>((assumed) => {
    const run = model(base.given, events, assumed);
    return run.kind === 'needs' ? { needs: run.condition } : { value: { assumed, state: run.state, trace: run.trace } };
  }).map((leaf) => leaf.value);
  const outcomes = steps
    .filter((step) => step.match?.entry.kind === 'then')
    .map((step) => evaluateOutcome(step, base.given, events, catalog, model));
  return { ...base, outcomes, states };
}

/** The outcomes of a run ask the model the same questions; each is answered once. */
function memoizedModel(): typeof runModel {
  const runs = new Map<string, ReturnType<typeof runModel>>();
  return (given, events, assumed = {}) => {
    const key = JSON.stringify([given, events, assumed]);
    let run = runs.get(key);
    if (run === undefined) {
      run = runModel(given, events, assumed);
      runs.set(key, run);
    }
    return run;
  };
}

function evaluateOutcome(step: ResolvedStep, given: GivenConditions, events: readonly ModelEvent[], catalog: StepCatalog, model: typeof runModel): OutcomeEvaluation {
  const meaning = step.match?.meaning;
  if (meaning?.kind !== 'outcome') {
    return {
      step,
      outcome: undefined,
      verdict: 'out-of-model',
      message: `"${step.text}" is in the step catalog but outside the MAPI prompt model, so the model cannot check it.`,
      cases: [],
      dependsOn: [],
      derivedPhrasing: undefined,
      settlingConditions: [],
    };
  }
  const outcome = meaning.outcome;
  const judge = (assumed: GivenConditions): JudgementOrNeeds => judgeOutcome(outcome, given, events, assumed, model);
  const cases = explore<Judgement>((assumed) => {
    const result = judge(assumed);
    return 'needs' in result ? { needs: result.needs } : { value: result };
  }).map((leaf): JudgedCase => ({ assumed: leaf.assumed, judgement: leaf.value }));
  const verdict = verdictOf(cases);
  const dependsOn = verdict === 'underdetermined' ? dependencies(cases) : [];
  return {
    step,
    outcome,
    verdict,
    message: messageFor(verdict, cases, dependsOn),
    cases,
    dependsOn,
    derivedPhrasing: verdict === 'contradiction' ? sharedDerivedPhrasing(cases, catalog) : undefined,
    settlingConditions: settling(dependsOn, cases, catalog),
  };
}

/** The catalog phrasing of what the model derives, when every case derives the same. */
function sharedDerivedPhrasing(cases: readonly JudgedCase[], catalog: StepCatalog): string | undefined {
  const phrasings = cases.map((judged) => (judged.judgement.derived === undefined ? undefined : phrasingFor(catalog, { kind: 'outcome', outcome: judged.judgement.derived })));
  return phrasings.every((phrasing) => phrasing !== undefined && phrasing === phrasings[0]) ? phrasings[0] : undefined;
}

/**
 * Calls `judge` with assumed values for the no-default conditions it asks
 * for, one branch per value, and returns the leaves. Only conditions the
 * judge asks for are enumerated, so at most 2 x 2 leaves exist today.
 */
function explore<T>(
  judge: (assumed: GivenConditions) => { readonly needs: NoDefaultCondition } | { readonly value: T },
  assumed: GivenConditions = {},
): { readonly assumed: GivenConditions; readonly value: T }[] {
  const result = judge(assumed);
  if ('value' in result) return [{ assumed, value: result.value }];
  // A judge that asks again for a condition it was given would loop forever; no leaf is better than that.
  if (assumed[result.needs] !== undefined) return [];
  return CONDITION_VALUES[result.needs].flatMap((value) => explore(judge, { ...assumed, [result.needs]: value }));
}

function verdictOf(cases: readonly JudgedCase[]): Verdict {
  const values = new Set(cases.map((judged) => judged.judgement.holds));
  if (values.size !== 1) return cases.length === 0 ? 'out-of-model' : 'underdetermined';
  const [value] = values;
  return value === true ? 'holds' : value === false ? 'contradiction' : 'out-of-model';
}

/** The conditions that, changed alone, change whether the outcome holds. */
function dependencies(cases: readonly JudgedCase[]): NoDefaultCondition[] {
  return NO_DEFAULT_CONDITIONS.filter((condition) =>
    cases.some((a) =>
      cases.some((b) =>
        a.assumed[condition] !== undefined
        && b.assumed[condition] !== undefined
        && a.assumed[condition] !== b.assumed[condition]
        && a.judgement.holds !== b.judgement.holds
        && NO_DEFAULT_CONDITIONS.every((other) => other === condition || a.assumed[other] === undefined || b.assumed[other] === undefined || a.assumed[other] === b.assumed[other]),
      ),
    ),
  );
}

function settling(dependsOn: readonly NoDefaultCondition[], cases: readonly JudgedCase[], catalog: StepCatalog): SettlingCondition[] {
  return dependsOn.flatMap((condition) =>
    (CONDITION_VALUES[condition] as readonly ConditionValue[]).flatMap((value): SettlingCondition[] => {
      const phrasing = phrasingFor(catalog, { kind: 'condition', condition, value });
      if (phrasing === undefined) return [];
      const remaining = cases.filter((judged) => judged.assumed[condition] === undefined || judged.assumed[condition] === value);
      return [{ condition, value, phrasing, verdict: verdictOf(remaining) }];
    }),
  );
}

function messageFor(verdict: Verdict, cases: readonly JudgedCase[], dependsOn: readonly NoDefaultCondition[]): string {
  const first = cases[0]?.judgement.explanation ?? 'The model has no opinion on this outcome.';
  if (verdict === 'holds' || verdict === 'out-of-model') return first;
  if (verdict === 'contradiction') {
    const explanations = new Set(cases.map((judged) => judged.judgement.explanation));
    if (explanations.size === 1) return first;
    const open = [...new Set(cases.flatMap((judged) => Object.keys(judged.assumed) as ConditionName[]))];
    return `Whatever ${open.map(conditionLabel).join(' and ')}, this outcome does not follow; for example, when ${describeAssumed(cases[0]?.assumed ?? {})}: ${lowerFirst(first)}`;
  }
  const holding = cases.filter((judged) => judged.judgement.holds === true).map((judged) => describeAssumed(judged.assumed));
  const failing = cases.filter((judged) => judged.judgement.holds !== true).map((judged) => describeAssumed(judged.assumed));
  return `This outcome depends on ${dependsOn.map(conditionLabel).join(' and ')}, which the scenario does not state: it holds when ${holding.join(', or when ')}, but not when ${failing.join(', or when ')}.`;
}

function describeAssumed(assumed: GivenConditions): string {
  const parts = NO_DEFAULT_CONDITIONS.filter((name) => assumed[name] !== undefined).map((name) =>
    describeCondition(name, assumed[name] as Conditions[typeof name]),
  );
  return parts.length === 0 ? 'nothing is assumed' : parts.join(' and ');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function orderProblems(steps: readonly ResolvedStep[]): OrderProblem[] {
  const firstWhen = steps.findIndex((step) => step.step.keywordType === 'action');
  const firstThen = steps.findIndex((step) => step.step.keywordType === 'outcome');
  const bounds = [firstWhen, firstThen].filter((index) => index !== -1);
  const conditionBoundary = bounds.length === 0 ? -1 : Math.min(...bounds);
  const problems: OrderProblem[] = [];
  steps.forEach((step, index) => {
    const kind = step.match?.entry.kind;
    if (kind === 'given' && conditionBoundary !== -1 && index > conditionBoundary) {
      problems.push({ step, problem: 'condition-after-when', boundary: steps[conditionBoundary] });
    } else if (kind === 'then' && (firstThen === -1 || index < firstThen)) {
      problems.push({ step, problem: 'outcome-before-then', boundary: firstThen === -1 ? undefined : steps[firstThen] });
    }
  });
  return problems;
}

function rowParameters(examples: ParsedExamples | undefined, row: ParsedTableRow | undefined): ReadonlyMap<string, string> {
  const parameters = new Map<string, string>();
  if (examples?.header === undefined || row === undefined) return parameters;
  examples.header.cells.forEach((cell, index) => {
    const value = row.cells[index]?.value;
    if (value !== undefined) parameters.set(cell.value, value);
  });
  return parameters;
}

function substitute(text: string, parameters: ReadonlyMap<string, string>): string {
  if (parameters.size === 0) return text;
  return text.replace(/<([^<>]+)>/g, (whole, name: string) => parameters.get(name) ?? whole);
}
