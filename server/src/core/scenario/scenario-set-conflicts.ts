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

/**
 * The stated outcomes of the file at `path` that another run of `model`
 * with the same case contradicts, each with the first such run's outcome
 * (files in path order, then written order). Runs whose givens conflict are
 * left out: they have no single case. Linear in the runs of the model.
 */
export function scenarioSetConflicts(
  model: ProblemModel,
  path: string,
  files: ReadonlyArray<{ readonly path: string; readonly evaluation: ScenarioFileEvaluation }>,
): SetConflict[] {
  const ordered = files.filter((file) => file.evaluation.model === model).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byCase = new Map<string, StatedOutcome[]>();
  for (const file of ordered) {
    for (const run of file.evaluation.scenarios.flatMap((scenario) => scenario.runs)) {
      if (run.conflicts.length > 0) continue;
      const key = caseKey(model, run);
      const group = byCase.get(key) ?? [];
      group.push(...statedOutcomes(file.path, run));
      byCase.set(key, group);
    }
  }
  const conflicts: SetConflict[] = [];
  for (const group of byCase.values()) {
    if (!group.some((stated) => stated.path === path)) continue;
    for (const own of group) {
      if (own.path !== path) continue;
      const other = group.find((candidate) => candidate.run !== own.run && candidate.fact === own.fact && !sameOutcomeValue(model, own.fact, own.value, candidate.value));
      if (other !== undefined) conflicts.push({ own, other });
    }
  }
  return conflicts;
}
