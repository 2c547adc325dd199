/**
 * Scenarios of one problem model that set up the same case and disagree on
 * its outcome. Two runs (scenarios or Examples rows, in any scenario files)
 * state the same case when their settled conditions (stated, or the model's
 * default) and their event sequences are equal; they contradict each other
 * when they state different values of the same outcome.
 */
import type { ResolvedStep, ScenarioFileEvaluation, ScenarioRun } from './evaluate.js';
import { sameOutcomeValue } from './judge-outcome.js';
import type { ConditionValue, ProblemModel } from './model/model-types.js';

/** One stated outcome of a run, where it is written. */
export interface StatedOutcome {
  readonly path: string;
  readonly run: ScenarioRun;
  readonly step: ResolvedStep;
  readonly fact: string;
  readonly value: ConditionValue;
}

/** A stated outcome of a file's run, and the first stated outcome of another run with the same case it contradicts. */
export interface SetConflict {
  readonly own: StatedOutcome;
  readonly other: StatedOutcome;
}

/** The case a run sets up: its settled conditions in name order, then its events. */
function caseKey(model: ProblemModel, run: ScenarioRun): string {
  const settled = model.conditions
    .map((condition) => [condition.name, run.given[condition.name] ?? condition.default] as const)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([settled, run.events]);
}

/** The outcomes a run states with a single value (prevention outcomes state changes, not a value). */
function statedOutcomes(path: string, run: ScenarioRun): StatedOutcome[] {
  return run.outcomes.flatMap(({ step, outcome }) =>
    outcome === undefined || typeof outcome.value === 'object' ? [] : [{ path, run, step, fact: outcome.fact, value: outcome.value }],
  );
}

type EvaluatedFiles = ReadonlyArray<{ readonly path: string; readonly evaluation: ScenarioFileEvaluation }>;

/** The stated outcomes of `model`'s runs grouped by case, for the last set of evaluated files it was asked about. */
interface CaseGroups {
  readonly files: EvaluatedFiles;
  readonly groups: ReadonlyArray<readonly StatedOutcome[]>;
}

// A KB check asks once per scenario file with the same evaluations: group them once. Weak: lives as long as the model.
const lastGroups = new WeakMap<ProblemModel, CaseGroups>();

function sameFiles(a: EvaluatedFiles, b: EvaluatedFiles): boolean {
  return a.length === b.length && a.every((file, index) => file.path === b[index]?.path && file.evaluation === b[index]?.evaluation);
}

/** The stated outcomes of `model`'s runs, grouped by case; files in path order, then written order. */
function caseGroups(model: ProblemModel, files: EvaluatedFiles): ReadonlyArray<readonly StatedOutcome[]> {
  const ordered = files.filter((file) => file.evaluation.model === model).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const cached = lastGroups.get(model);
  if (cached !== undefined && sameFiles(cached.files, ordered)) return cached.groups;
  const byCase = new Map<string, StatedOutcome[]>();
  for (const file of ordered) {
    for (const run of file.evaluation.scenarios.flatMap((scenario) => scenario.runs)) {
      // A run whose givens conflict has no single case.
      if (run.conflicts.length > 0) continue;
      const key = caseKey(model, run);
      const group = byCase.get(key) ?? [];
      group.push(...statedOutcomes(file.path, run));
      byCase.set(key, group);
    }
  }
  const groups = [...byCase.values()].filter((group) => group.length > 1);
  lastGroups.set(model, { files: ordered, groups });
  return groups;
}

/**
 * The stated outcomes of the file at `path` that another run of `model`
 * with the same case contradicts, each with the first such run's outcome
 * (files in path order, then written order). Runs whose givens conflict are
 * left out. Grouping is linear in the runs of the model, and done once for
 * the same evaluated files.
 */
export function scenarioSetConflicts(model: ProblemModel, path: string, files: EvaluatedFiles): SetConflict[] {
  const conflicts: SetConflict[] = [];
  for (const group of caseGroups(model, files)) {
    for (const own of group) {
      if (own.path !== path) continue;
      const other = group.find((candidate) => candidate.run !== own.run && candidate.fact === own.fact && !sameOutcomeValue(model, own.fact, own.value, candidate.value));
      if (other !== undefined) conflicts.push({ own, other });
    }
  }
  return conflicts;
}
