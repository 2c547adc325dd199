/**
 * Hovers of scenario files: a Then step shows its verdict and the model's
 * trace, a Given step the fact it sets, a scenario title the whole derived
 * state. Data first ({@link scenarioHoverAt}), Markdown second
 * ({@link renderScenarioHover}), so hosts can render it their own way.
 */
import type { Position, Range } from '../types.js';
import type { OutcomeEvaluation, ScenarioFileEvaluation, ScenarioRun, StateCase } from './evaluate.js';
import {
  CONDITION_DEFAULTS,
  CONDITION_NAMES,
  type ConditionName,
  type ConditionUse,
  type Conditions,
  type DefaultedCondition,
  type GivenConditions,
  NO_DEFAULT_CONDITIONS,
  type TraceStep,
  applicationName,
  conditionLabel,
  describeCondition,
} from './model.js';
import type { ParsedStep, ParsedTableRow } from './parse-scenario.js';
import type { StepEntry } from './step-catalog.js';

/** What to show when hovering somewhere in a scenario file. */
export type ScenarioHover =
  | {
      readonly kind: 'outcome';
      readonly range: Range;
      /** One evaluation per run (per Examples row for an outline). */
      readonly evaluations: readonly { readonly row: ParsedTableRow | undefined; readonly evaluation: OutcomeEvaluation }[];
    }
  | {
      readonly kind: 'condition';
      readonly range: Range;
      readonly entry: StepEntry;
      /** One fact per run (an outline row may set a different value). */
      readonly facts: readonly { readonly row: ParsedTableRow | undefined; readonly condition: ConditionName; readonly value: Conditions[ConditionName] }[];
    }
  | { readonly kind: 'step'; readonly range: Range; readonly entry: StepEntry }
  | { readonly kind: 'scenario'; readonly range: Range; readonly runs: readonly ScenarioRun[] };

/**
 * The hover at `position`: on a step's text or keyword, or on a scenario's
 * title line. Returns `undefined` elsewhere, and on steps that match no
 * catalog phrasing (their diagnostic says enough).
 */
export function scenarioHoverAt(evaluation: ScenarioFileEvaluation, position: Position): ScenarioHover | undefined {
  for (const { scenario, runs } of evaluation.scenarios) {
    if (contains(scenario.range, position)) return { kind: 'scenario', range: scenario.range, runs };
    const step = [...scenario.backgroundSteps, ...scenario.steps].find((candidate) => contains(candidate.range, position));
    if (step === undefined) continue;
    return stepHover(step, runs);
  }
  return undefined;
}

/** Renders a hover as Markdown. */
export function renderScenarioHover(hover: ScenarioHover): string {
  switch (hover.kind) {
    case 'outcome':
      return hover.evaluations.map(({ row, evaluation }) => renderOutcome(evaluation, row, hover.evaluations.length > 1)).join('\n\n---\n\n');
    case 'condition':
      return renderCondition(hover);
    case 'step':
      return `${describeKind(hover.entry)}${hover.entry.description === '' ? '' : `: ${hover.entry.description}`}`;
    default:
      return renderScenario(hover.runs);
  }
}

function stepHover(step: ParsedStep, runs: readonly ScenarioRun[]): ScenarioHover | undefined {
  const resolved = runs.flatMap((run) => run.steps.filter((candidate) => candidate.step === step).map((candidate) => ({ run, candidate })));
  const entry = resolved.find(({ candidate }) => candidate.match !== undefined)?.candidate.match?.entry;
  if (entry === undefined) return undefined;
  if (entry.kind === 'then') {
    const evaluations = resolved.flatMap(({ run, candidate }) => {
      const evaluation = run.outcomes.find((outcome) => outcome.step === candidate);
      return evaluation === undefined ? [] : [{ row: run.row, evaluation }];
    });
    return evaluations.length === 0 ? { kind: 'step', range: step.range, entry } : { kind: 'outcome', range: step.range, evaluations };
  }
  if (entry.kind === 'given') {
    const facts = resolved.flatMap(({ run, candidate }) => {
      const meaning = candidate.match?.meaning;
      return meaning?.kind === 'condition' ? [{ row: run.row, condition: meaning.condition, value: meaning.value }] : [];
    });
    if (facts.length > 0) return { kind: 'condition', range: step.range, entry, facts };
  }
  return { kind: 'step', range: step.range, entry };
}

const VERDICT_TITLES = {
  holds: 'Holds',
  contradiction: 'Contradiction',
  underdetermined: 'Underdetermined',
  'out-of-model': 'Outside the model',
} as const;

function renderOutcome(evaluation: OutcomeEvaluation, row: ParsedTableRow | undefined, showRow: boolean): string {
  const lines = [`**${VERDICT_TITLES[evaluation.verdict]}**${showRow && row !== undefined ? ` (Examples row ${rowLabel(row)})` : ''}: ${evaluation.message}`];
  for (const judged of evaluation.cases) {
    const assumed = describeAssumed(judged.assumed);
    lines.push('', assumed === undefined ? 'Why:' : `If ${assumed} (${judged.judgement.holds === true ? 'holds' : judged.judgement.holds === false ? 'does not hold' : 'no opinion'}):`, '', renderTrace(judged.judgement.trace));
    if (judged.judgement.counterfactualTrace !== undefined) {
      lines.push('', 'With the change:', '', renderTrace(judged.judgement.counterfactualTrace));
    }
  }
  return lines.join('\n');
}

function renderCondition(hover: Extract<ScenarioHover, { kind: 'condition' }>): string {
  const distinct = [...new Map(hover.facts.map((fact) => [`${fact.condition}=${String(fact.value)}`, fact])).values()];
  const facts = distinct.map((fact) => `Sets ${conditionLabel(fact.condition)}: ${describeCondition(fact.condition, fact.value)}.`);
  const note = NO_DEFAULT_CONDITIONS.some((name) => distinct.some((fact) => fact.condition === name))
    ? ['', 'The model has no default for this condition, so scenarios that leave it out are checked for every value.']
    : [];
  return [...facts, ...(hover.entry.description === '' ? [] : ['', hover.entry.description]), ...note].join('\n');
}

function renderScenario(runs: readonly ScenarioRun[]): string {
  const parts = runs.map((run) => {
    const heading = run.row === undefined ? [] : [`**Examples row ${rowLabel(run.row)}**`, ''];
    if (run.conflicts.length > 0) {
      return [...heading, `Not evaluated: ${run.conflicts.map((conflict) => `"${conflict.first.text}" and "${conflict.second.text}" disagree`).join('; ')}.`].join('\n');
    }
    return [...heading, ...run.states.flatMap((state) => renderState(state, run.given))].join('\n');
  });
  return parts.join('\n\n---\n\n');
}

function renderState(stateCase: StateCase, given: GivenConditions): string[] {
  const { state, assumed } = stateCase;
  const description = describeAssumed(assumed);
  const prompt = state.prompters.length === 0
    ? 'none'
    : state.prompters.map((application) => (application === 'lync' ? 'the "Lync MAPI COM Server" prompt (Lync)' : `${applicationName(application)} prompts`)).join(', then ');
  const status = state.mapiStatus === undefined
    ? 'none (Lync never starts)'
    : `"${state.mapiStatus}"${state.mapiMessage === undefined ? '' : ` with the message "${state.mapiMessage}"`}`;
  const defaults = (Object.keys(CONDITION_DEFAULTS) as DefaultedCondition[]).filter((name) => given[name] === undefined);
  return [
    ...(description === undefined ? [] : [`If ${description}:`, '']),
    '| | |',
    '| --- | --- |',
    `| Credential prompt | ${prompt} |`,
    `| MAPI status | ${status} |`,
    `| EWS status | ${state.ewsStatus === undefined ? 'none (Lync never starts)' : state.ewsStatus === 'unavailable' ? 'not available' : `"${state.ewsStatus}"`} |`,
    `| MAPI process | ${state.mapiProcess} |`,
    `| ucmapi traffic before credentials | ${state.ucmapiTrafficBeforeCredentials ? 'yes, it connects at once' : 'none until credentials are given'} |`,
    '',
    `Why: ${state.reasons.prompt}.`,
    ...(defaults.length === 0 ? [] : ['', `Defaults used: ${defaults.map((name) => describeCondition(name, CONDITION_DEFAULTS[name] as never)).join('; ')}.`]),
    '',
  ];
}

function renderTrace(trace: readonly TraceStep[]): string {
  return trace.map((step, index) => `${index + 1}. ${step.explanation}${renderUses(step.uses)}`).join('\n');
}

function renderUses(uses: readonly ConditionUse[]): string {
  if (uses.length === 0) return '';
  return ` _(${uses.map((use) => `${describeCondition(use.condition, use.value as never)}${use.source === 'given' ? '' : `: ${use.source}`}`).join('; ')})_`;
}

function describeAssumed(assumed: GivenConditions): string | undefined {
  const names = CONDITION_NAMES.filter((name) => assumed[name] !== undefined);
  return names.length === 0 ? undefined : names.map((name) => describeCondition(name, assumed[name] as never)).join(' and ');
}

function describeKind(entry: StepEntry): string {
  return entry.kind === 'when' ? 'Event' : entry.kind === 'given' ? 'Condition' : 'Outcome';
}

function rowLabel(row: ParsedTableRow): string {
  return `${row.range.start.line + 1}: ${row.cells.map((cell) => cell.value).join(' | ')}`;
}

function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}
