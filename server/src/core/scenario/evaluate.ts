/**
 * Checks a parsed scenario file against the step catalog and its problem
 * model: which steps match, which givens conflict, which steps are out of
 * order, and, for every Then step, whether it follows from the scenario.
 *
 * An outcome is judged under every combination of values of the no-default
 * conditions the scenario leaves unset, and only those the model actually
 * reads on the way (a run that never needs a condition does not enumerate
 * it). Each Examples row of a Scenario Outline is a run of its own. The
 * result is plain data for rules, hovers and quick fixes.
 */
import { type JudgementOrNeeds, type Judgement, type ModelRunner, type Outcome, judgeOutcome } from './judge-outcome.js';
import { conditionLabel, conditionValues, describeConditions, noDefaultConditions } from './model/describe.js';
import type { ConditionValue, GivenConditions, ProblemModel } from './model/model-types.js';
import { type ModelRun, type ModelState, type TraceStep, runModel } from './model/run-model.js';
import type { ParsedExamples, ParsedScenario, ParsedScenarioFile, ParsedStep, ParsedTableRow } from './gherkin/parse-scenario.js';
import type { StepCatalog, StepMatch } from './steps/catalog-types.js';
import { catalogForModel, matchStep, phrasingFor } from './steps/step-catalog.js';

export { conditionInsertionPoint, kindOfKeyword } from './step-positions.js';

/** The prefix of the feature tag that names a scenario file's model. */
export const MODEL_TAG_PREFIX = '@model:';

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
  readonly condition: string;
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
  readonly dependsOn: readonly string[];
  /** The catalog phrasing of what the model derives instead, when the same in every case (contradiction only). */
  readonly derivedPhrasing: string | undefined;
  /** One Given step per value of each condition in `dependsOn`. */
  readonly settlingConditions: readonly SettlingCondition[];
}

/** Two Given steps that set the same condition to different values. */
export interface StepConflict {
  readonly condition: string;
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
  readonly state: ModelState;
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
  readonly events: readonly string[];
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
  /** The model the file is checked against; `undefined` when the KB has none or the file names an unknown one. */
  readonly model: ProblemModel | undefined;
  /** The catalog as the file's model sees it. */
  readonly catalog: StepCatalog;
  readonly scenarios: readonly ScenarioEvaluation[];
}

/** The id a file's `@model:<id>` feature tag names, and the tag; `undefined` when it has none. */
export function modelTag(file: ParsedScenarioFile): { readonly id: string; readonly tag: ParsedScenarioFile['scenarios'][number]['tags'][number] } | undefined {
  const tag = file.feature?.tags.find((candidate) => candidate.name.startsWith(MODEL_TAG_PREFIX));
  return tag === undefined ? undefined : { id: tag.name.slice(MODEL_TAG_PREFIX.length), tag };
}

/**
 * Evaluates every scenario of a parsed file against the model its
 * `@model:<id>` tag names, or the catalog's first model. Never throws.
 */
export function evaluateScenarioFile(file: ParsedScenarioFile, allSteps: StepCatalog): ScenarioFileEvaluation {
  const tagged = modelTag(file);
  const catalog = catalogForModel(allSteps, tagged === undefined ? allSteps.models[0]?.id : tagged.id);
  const match = memoizedMatcher(catalog);
  const model = catalog.model;
  return { model, catalog, scenarios: file.scenarios.map((scenario) => evaluateWith(scenario, catalog, match)) };
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
  const given: Record<string, ConditionValue> = {};
  const setters = new Map<string, ResolvedStep>();
  const conflicts: StepConflict[] = [];
  const events: string[] = [];
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
  const model = catalog.model;
  if (conflicts.length > 0 || model === undefined) return { ...base, outcomes: [], states: [] };
  const runner = memoizedModel(model);
  const states = explore<StateCase>(model, (assumed) => {
    const run = runner(base.given, events, assumed);
    return run.kind === 'needs' ? { needs: run.condition } : { value: { assumed, state: run.state, trace: run.trace } };
  }).map((leaf) => leaf.value);
  const outcomes = steps
    .filter((step) => step.match?.entry.kind === 'then')
    .map((step) => evaluateOutcome(step, base.given, events, catalog, model, runner));
  return { ...base, outcomes, states };
}

// Runs depend only on the model and their inputs, and scenario files repeat the same setups many times.
const runCaches = new WeakMap<ProblemModel, Map<string, ModelRun>>();

/** Each question to the model is answered once per model. */
function memoizedModel(model: ProblemModel): ModelRunner {
  let runs = runCaches.get(model);
  if (runs === undefined) {
    runs = new Map();
    runCaches.set(model, runs);
  }
  const cache = runs;
  return (given, events, assumed = {}) => {
    const key = JSON.stringify([given, events, assumed]);
    let run = cache.get(key);
    if (run === undefined) {
      if (cache.size > 10_000) cache.clear();
      run = runModel(model, given, events, assumed);
      cache.set(key, run);
    }
    return run;
  };
}

function evaluateOutcome(step: ResolvedStep, given: GivenConditions, events: readonly string[], catalog: StepCatalog, model: ProblemModel, runner: ModelRunner): OutcomeEvaluation {
  const meaning = step.match?.meaning;
  if (meaning?.kind !== 'outcome') {
    return {
      step,
      outcome: undefined,
      verdict: 'out-of-model',
      message: `"${step.text}" is in the step catalog but outside the ${model.title} model, so the model cannot check it.`,
      cases: [],
      dependsOn: [],
      derivedPhrasing: undefined,
      settlingConditions: [],
    };
  }
  const outcome = meaning.outcome;
  const judge = (assumed: GivenConditions): JudgementOrNeeds => judgeOutcome(model, outcome, given, events, assumed, runner);
  const cases = explore<Judgement>(model, (assumed) => {
    const result = judge(assumed);
    return 'needs' in result ? { needs: result.needs } : { value: result };
  }).map((leaf): JudgedCase => ({ assumed: leaf.assumed, judgement: leaf.value }));
  const verdict = verdictOf(cases);
  const dependsOn = verdict === 'underdetermined' ? dependencies(model, cases) : [];
  return {
    step,
    outcome,
    verdict,
    message: messageFor(model, verdict, cases, dependsOn),
    cases,
    dependsOn,
    derivedPhrasing: verdict === 'contradiction' ? sharedDerivedPhrasing(cases, catalog) : undefined,
    settlingConditions: settling(model, dependsOn, cases, catalog),
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
 * judge asks for are enumerated.
 */
function explore<T>(
  model: ProblemModel,
  judge: (assumed: GivenConditions) => { readonly needs: string } | { readonly value: T },
  assumed: GivenConditions = {},
): { readonly assumed: GivenConditions; readonly value: T }[] {
  const result = judge(assumed);
  if ('value' in result) return [{ assumed, value: result.value }];
  // A judge that asks again for a condition it was given would loop forever; no leaf is better than that.
  if (assumed[result.needs] !== undefined) return [];
  return conditionValues(model, result.needs).flatMap((value) => explore(model, judge, { ...assumed, [result.needs]: value }));
}

function verdictOf(cases: readonly JudgedCase[]): Verdict {
  const values = new Set(cases.map((judged) => judged.judgement.holds));
  if (values.size !== 1) return cases.length === 0 ? 'out-of-model' : 'underdetermined';
  const [value] = values;
  return value === true ? 'holds' : value === false ? 'contradiction' : 'out-of-model';
}

/** The conditions that, changed alone, change whether the outcome holds. */
function dependencies(model: ProblemModel, cases: readonly JudgedCase[]): string[] {
  const open = noDefaultConditions(model).map((condition) => condition.name);
  return open.filter((condition) =>
    cases.some((a) =>
      cases.some((b) =>
        a.assumed[condition] !== undefined
        && b.assumed[condition] !== undefined
        && a.assumed[condition] !== b.assumed[condition]
        && a.judgement.holds !== b.judgement.holds
        && open.every((other) => other === condition || a.assumed[other] === undefined || b.assumed[other] === undefined || a.assumed[other] === b.assumed[other]),
      ),
    ),
  );
}

function settling(model: ProblemModel, dependsOn: readonly string[], cases: readonly JudgedCase[], catalog: StepCatalog): SettlingCondition[] {
  return dependsOn.flatMap((condition) =>
    conditionValues(model, condition).flatMap((value): SettlingCondition[] => {
      const phrasing = phrasingFor(catalog, { kind: 'condition', condition, value });
      if (phrasing === undefined) return [];
      const remaining = cases.filter((judged) => judged.assumed[condition] === undefined || judged.assumed[condition] === value);
      return [{ condition, value, phrasing, verdict: verdictOf(remaining) }];
    }),
  );
}

function messageFor(model: ProblemModel, verdict: Verdict, cases: readonly JudgedCase[], dependsOn: readonly string[]): string {
  const first = cases[0]?.judgement.explanation ?? 'The model has no opinion on this outcome.';
  if (verdict === 'holds' || verdict === 'out-of-model') return first;
  if (verdict === 'contradiction') {
    const explanations = new Set(cases.map((judged) => judged.judgement.explanation));
    if (explanations.size === 1) return first;
    const open = [...new Set(cases.flatMap((judged) => Object.keys(judged.assumed)))];
    return `Whatever ${open.map((name) => conditionLabel(model, name)).join(' and ')}, this outcome does not follow; for example, when ${describeAssumed(model, cases[0]?.assumed ?? {})}: ${lowerFirst(first)}`;
  }
  const holding = cases.filter((judged) => judged.judgement.holds === true).map((judged) => describeAssumed(model, judged.assumed));
  const failing = cases.filter((judged) => judged.judgement.holds !== true).map((judged) => describeAssumed(model, judged.assumed));
  return `This outcome depends on ${dependsOn.map((name) => conditionLabel(model, name)).join(' and ')}, which the scenario does not state: it holds when ${holding.join(', or when ')}, but not when ${failing.join(', or when ')}.`;
}

function describeAssumed(model: ProblemModel, assumed: GivenConditions): string {
  return describeConditions(model, assumed) ?? 'nothing is assumed';
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
