/**
 * Hovers of scenario files: a Then step shows its verdict and the model's
 * trace, a Given step the fact it sets, a scenario title the derived state
 * as the model's `summary` lays it out. Data first ({@link scenarioHoverAt}), Markdown second
 * ({@link renderScenarioHover}), so hosts can render it their own way.
 */
import type { Position, Range } from '../types.js';
import type { OutcomeEvaluation, ScenarioFileEvaluation, ScenarioRun, StateCase } from './evaluate.js';
import { render } from './judge-outcome.js';
import { conditionLabel, describeCondition, describeConditions } from './model/describe.js';
import type { ConditionValue, GivenConditions, ProblemModel } from './model/model-types.js';
import type { ConditionUse, TraceStep } from './model/run-model.js';
import type { ParsedStep, ParsedTableRow } from './gherkin/parse-scenario.js';
import type { StepEntry } from './steps/catalog-types.js';

/** What to show when hovering somewhere in a scenario file. */
export type ScenarioHover = ({
  /** The model the file is checked against. */
  readonly model: ProblemModel;
} & (
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
      readonly facts: readonly { readonly row: ParsedTableRow | undefined; readonly condition: string; readonly value: ConditionValue }[];
    }
  | { readonly kind: 'step'; readonly range: Range; readonly entry: StepEntry }
  | { readonly kind: 'scenario'; readonly range: Range; readonly runs: readonly ScenarioRun[] }
));

/**
 * The hover at `position`: on a step's text or keyword, or on a scenario's
 * title line. Returns `undefined` elsewhere, and on steps that match no
 * catalog phrasing (their diagnostic says enough).
 */
export function scenarioHoverAt(evaluation: ScenarioFileEvaluation, position: Position): ScenarioHover | undefined {
  const model = evaluation.model;
  if (model === undefined) return undefined;
  for (const { scenario, runs } of evaluation.scenarios) {
    if (contains(scenario.range, position)) return { model, kind: 'scenario', range: scenario.range, runs };
    const step = [...scenario.backgroundSteps, ...scenario.steps].find((candidate) => contains(candidate.range, position));
    if (step === undefined) continue;
    return stepHover(model, step, runs);
  }
  return undefined;
}

/** Renders a hover as Markdown. */
export function renderScenarioHover(hover: ScenarioHover): string {
  switch (hover.kind) {
    case 'outcome':
      return hover.evaluations.map(({ row, evaluation }) => renderOutcome(hover.model, evaluation, row, hover.evaluations.length > 1)).join('\n\n---\n\n');
    case 'condition':
      return renderCondition(hover);
    case 'step':
      return `${describeKind(hover.entry)}${hover.entry.description === '' ? '' : `: ${hover.entry.description}`}`;
    default:
      return renderScenario(hover.model, hover.runs);
  }
}

function stepHover(model: ProblemModel, step: ParsedStep, runs: readonly ScenarioRun[]): ScenarioHover | undefined {
  const resolved = runs.flatMap((run) => run.steps.filter((candidate) => candidate.step === step).map((candidate) => ({ run, candidate })));
  const entry = resolved.find(({ candidate }) => candidate.match !== undefined)?.candidate.match?.entry;
  if (entry === undefined) return undefined;
  if (entry.kind === 'then') {
    const evaluations = resolved.flatMap(({ run, candidate }) => {
      const evaluation = run.outcomes.find((outcome) => outcome.step === candidate);
      return evaluation === undefined ? [] : [{ row: run.row, evaluation }];
    });
    return evaluations.length === 0 ? { model, kind: 'step', range: step.range, entry } : { model, kind: 'outcome', range: step.range, evaluations };
  }
  if (entry.kind === 'given') {
    const facts = resolved.flatMap(({ run, candidate }) => {
      const meaning = candidate.match?.meaning;
      return meaning?.kind === 'condition' ? [{ row: run.row, condition: meaning.condition, value: meaning.value }] : [];
    });
    if (facts.length > 0) return { model, kind: 'condition', range: step.range, entry, facts };
  }
  return { model, kind: 'step', range: step.range, entry };
}

const VERDICT_TITLES = {
  holds: 'Holds',
  contradiction: 'Contradiction',
  underdetermined: 'Underdetermined',
  'out-of-model': 'Outside the model',
} as const;

function renderOutcome(model: ProblemModel, evaluation: OutcomeEvaluation, row: ParsedTableRow | undefined, showRow: boolean): string {
  const lines = [`**${VERDICT_TITLES[evaluation.verdict]}**${showRow && row !== undefined ? ` (Examples row ${rowLabel(row)})` : ''}: ${evaluation.message}`];
  for (const judged of evaluation.cases) {
    const assumed = describeConditions(model, judged.assumed);
    lines.push('', assumed === undefined ? 'Why:' : `If ${assumed} (${judged.judgement.holds === true ? 'holds' : judged.judgement.holds === false ? 'does not hold' : 'no opinion'}):`, '', renderTrace(model, judged.judgement.trace));
    if (judged.judgement.counterfactualTrace !== undefined) {
      lines.push('', 'With the change:', '', renderTrace(model, judged.judgement.counterfactualTrace));
    }
  }
  return lines.join('\n');
}

function renderCondition(hover: Extract<ScenarioHover, { kind: 'condition' }>): string {
  const distinct = [...new Map(hover.facts.map((fact) => [`${fact.condition}=${String(fact.value)}`, fact])).values()];
  const model = hover.model;
  const facts = distinct.map((fact) => `Sets ${conditionLabel(model, fact.condition)}: ${describeCondition(model, fact.condition, fact.value)}.`);
  const note = model.conditions.some((condition) => condition.default === undefined && distinct.some((fact) => fact.condition === condition.name))
    ? ['', 'The model has no default for this condition, so scenarios that leave it out are checked for every value.']
    : [];
  return [...facts, ...(hover.entry.description === '' ? [] : ['', hover.entry.description]), ...note].join('\n');
}

function renderScenario(model: ProblemModel, runs: readonly ScenarioRun[]): string {
  const parts = runs.map((run) => {
    const heading = run.row === undefined ? [] : [`**Examples row ${rowLabel(run.row)}**`, ''];
    if (run.conflicts.length > 0) {
      return [...heading, `Not evaluated: ${run.conflicts.map((conflict) => `"${conflict.first.text}" and "${conflict.second.text}" disagree`).join('; ')}.`].join('\n');
    }
    return [...heading, ...run.states.flatMap((state) => renderState(model, state, run.given))].join('\n');
  });
  return parts.join('\n\n---\n\n');
}

function renderState(model: ProblemModel, stateCase: StateCase, given: GivenConditions): string[] {
  const { state, assumed } = stateCase;
  const description = describeConditions(model, assumed);
  const defaults = model.conditions.filter((condition) => condition.default !== undefined && given[condition.name] === undefined);
  const why = model.summary.why === undefined ? [] : ['', `Why: ${render(model.summary.why, state)}.`];
  return [
    ...(description === undefined ? [] : [`If ${description}:`, '']),
    ...(model.summary.rows.length === 0 ? [] : ['| | |', '| --- | --- |', ...model.summary.rows.map((row) => `| ${row.label} | ${render(row.text, state).replace(/\|/g, '\\|')} |`)]),
    ...why,
    ...(defaults.length === 0 ? [] : ['', `Defaults used: ${defaults.map((condition) => describeCondition(model, condition.name, condition.default ?? '')).join('; ')}.`]),
    '',
  ];
}

function renderTrace(model: ProblemModel, trace: readonly TraceStep[]): string {
  return trace.map((step, index) => `${index + 1}. ${step.explanation}${renderUses(model, step.uses)}`).join('\n');
}

function renderUses(model: ProblemModel, uses: readonly ConditionUse[]): string {
  if (uses.length === 0) return '';
  return ` _(${uses.map((use) => `${describeCondition(model, use.condition, use.value)}${use.source === 'given' ? '' : `: ${use.source}`}`).join('; ')})_`;
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
