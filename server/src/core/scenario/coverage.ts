/**
 * Which rows of a model's decision table the KB's scenarios cover, as the
 * business-rules world checks decision tables: a scenario covers a row when
 * its conditions (stated, defaulted, or each value of one it leaves open)
 * match the row's and its events start with the row's event sequence.
 */
import type { ScenarioFileEvaluation } from './evaluate.js';
import type { ConditionValue, ProblemModel } from './model/model-types.js';

/** A scenario that covers a row. */
export interface CoveringScenario {
  readonly path: string;
  readonly name: string;
  /** Zero-based line of the scenario's title. */
  readonly line: number;
}

/** One row of the decision table, with the scenarios that cover it. */
export interface CoverageRow {
  readonly values: Readonly<Record<string, ConditionValue>>;
  readonly sequence: string;
  readonly scenarios: readonly CoveringScenario[];
}

/**
 * The rows of `model`'s decision table (in the table's order) with the
 * scenarios of `files` that cover them; `undefined` when the model has no table.
 */
export function decisionTableCoverage(
  model: ProblemModel,
  files: ReadonlyArray<{ readonly path: string; readonly evaluation: ScenarioFileEvaluation }>,
): CoverageRow[] | undefined {
  const table = model.table;
  if (table === undefined) return undefined;
  const names = table.conditions.map((condition) => condition.name);
  let combinations: Array<Record<string, ConditionValue>> = [{}];
  for (const name of names) {
    const values = model.conditions.find((condition) => condition.name === name)?.values ?? [];
    // Bounded like the table itself.
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [name]: value }))).slice(0, 4096);
  }
  const runs = files.flatMap(({ path, evaluation }) =>
    evaluation.model !== model
      ? []
      : evaluation.scenarios.flatMap(({ scenario, runs: scenarioRuns }) =>
          scenarioRuns.flatMap((run) =>
            run.states.map((state) => ({
              scenario: { path, name: scenario.name, line: scenario.range.start.line },
              events: run.events,
              value: (name: string): ConditionValue | undefined => run.given[name] ?? state.assumed[name] ?? model.conditions.find((condition) => condition.name === name)?.default,
            })),
          ),
        ),
  );
  return combinations.flatMap((values) =>
    table.sequences.rows.map((sequence) => {
      const covering = runs.filter((run) =>
        sequence.events.every((event, index) => run.events[index] === event)
        // A condition the run never needed (no default, not stated) holds for every value.
        && names.every((name) => run.value(name) === undefined || run.value(name) === values[name]),
      );
      const unique = [...new Map(covering.map((run) => [`${run.scenario.path}:${run.scenario.line}`, run.scenario])).values()];
      return { values, sequence: sequence.label, scenarios: unique };
    }),
  );
}
