/**
 * The "Link remediation steps" action: for a scenario in which the model's
 * problem happens (the `prevents` expression of its prevention outcome) and
 * that names no remediation yet, the outcome steps of every remediation whose
 * condition changes the model says would prevent it, plus a comment line
 * linking the remediation pages.
 */
import { dirname, relativePath } from '../paths.js';
import type { TextDocument } from '../text-document.js';
import type { Fix, Range } from '../types.js';
import type { ScenarioFileEvaluation, ScenarioRun } from './evaluate.js';
import { evaluate, judgeOutcome } from './judge-outcome.js';
import type { PreventionOutcome, ProblemModel } from './model/model-types.js';
import { stepKeyword } from './gherkin/parse-scenario.js';
import type { ScenarioFile } from './gherkin/scenario-file.js';
import type { StepCatalog } from './steps/catalog-types.js';
import { phrasingFor } from './steps/step-catalog.js';
import { readChanges } from './steps/step-meaning.js';

/** A remediation page as the action needs it. */
export interface RemediationInput {
  readonly id: string;
  readonly title: string;
  /** Absolute path of the remediation page. */
  readonly path: string;
  /** 1 is recommended first. */
  readonly rank: number;
  /** Model conditions it changes, by condition name, e.g. `{ credentialsCached: true }`. */
  readonly changes: Readonly<Record<string, string | boolean>>;
}

/** What the action inserts. */
export interface RemediationLinks {
  /** The remediations that prevent the prompt in every case of the run, best rank first. */
  readonly remediations: readonly RemediationInput[];
  /** The outcome step texts (without keyword), one per remediation the catalog has a phrasing for. */
  readonly steps: readonly string[];
  /** The comment text (without `#`), linking the pages relative to the scenario file. */
  readonly comment: string;
  /** The edit, as a fix titled "Link remediation steps". */
  readonly fix: Fix;
}

/**
 * Computes the "Link remediation steps" action for one run of a scenario
 * (not an Examples row: the steps would apply to every row). Returns
 * `undefined` when the model has no prevention outcome, the problem does not
 * happen in some case, the scenario already names a remediation, givens
 * conflict, or no remediation prevents the problem.
 */
export function linkRemediationSteps(
  run: ScenarioRun,
  remediations: readonly RemediationInput[],
  catalog: StepCatalog,
  document: TextDocument,
  language = 'en',
): RemediationLinks | undefined {
  const model = catalog.model;
  const prevention = model?.outcomes.find((outcome): outcome is PreventionOutcome => outcome.kind === 'prevents');
  if (model === undefined || prevention === undefined) return undefined;
  if (run.row !== undefined || run.states.length === 0) return undefined;
  if (!run.states.every((state) => evaluate(prevention.problem, state.state) === true)) return undefined;
  if (run.steps.some((step) => step.match?.meaning.kind === 'outcome' && step.match.meaning.outcome.fact === prevention.name)) return undefined;
  const preventing = [...remediations]
    .sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id))
    .flatMap((remediation) => {
      const changes = toConditions(remediation.changes, model);
      if (changes === undefined) return [];
      const prevents = run.states.every((state) => {
        const judged = judgeOutcome(model, { fact: prevention.name, value: changes }, run.given, run.events, state.assumed);
        return 'holds' in judged && judged.holds === true;
      });
      return prevents ? [{ remediation, changes }] : [];
    });
  if (preventing.length === 0) return undefined;
  const steps = preventing.flatMap(({ changes }) => {
    const phrasing = phrasingFor(catalog, { kind: 'outcome', outcome: { fact: prevention.name, value: changes } });
    return phrasing === undefined ? [] : [phrasing];
  });
  const folder = dirname(document.path);
  const comment = `Remediations: ${preventing.map(({ remediation }) => `[${remediation.title}](${relativePath(folder, remediation.path)})`).join(', ')}`;
  const last = run.scenario.steps[run.scenario.steps.length - 1];
  const indent = last?.indent ?? '    ';
  const eol = document.eol;
  const keyword = stepKeyword(language, 'and');
  const lines = [`${indent}# ${comment}`, ...steps.map((step) => `${indent}${keyword}${step}`)];
  const afterLine = last?.endLine ?? run.scenario.range.start.line;
  const atEnd = afterLine + 1 >= document.lineCount;
  const position = atEnd
    ? document.positionAt(document.text.length)
    : { line: afterLine + 1, character: 0 };
  const newText = atEnd ? `${document.text.endsWith('\n') ? '' : eol}${lines.join(eol)}${eol}` : `${lines.join(eol)}${eol}`;
  return {
    remediations: preventing.map(({ remediation }) => remediation),
    steps,
    comment,
    fix: { title: 'Link remediation steps', safe: false, edits: [{ range: { start: position, end: position }, newText }] },
  };
}

/**
 * The "Link remediation steps" action of every scenario of `file` that
 * qualifies (see {@link linkRemediationSteps}), with the ranges where an
 * editor offers it: the scenario's title line and each of its Then steps.
 */
export function remediationLinksOf(
  file: ScenarioFile,
  evaluation: ScenarioFileEvaluation,
  remediations: readonly RemediationInput[],
): Array<{ readonly ranges: readonly Range[]; readonly links: RemediationLinks }> {
  return evaluation.scenarios.flatMap(({ scenario, runs }) => {
    const [run] = runs;
    const links = runs.length === 1 && run !== undefined ? linkRemediationSteps(run, remediations, evaluation.catalog, file.document, file.feature?.language) : undefined;
    if (links === undefined || run === undefined) return [];
    const thenSteps = run.steps.filter((step) => !step.fromBackground && step.match?.entry.kind === 'then').map((step) => step.step.range);
    return [{ ranges: [scenario.range, ...thenSteps], links }];
  });
}

/** The changes as model conditions; `undefined` when empty or naming something the model does not know. */
function toConditions(changes: Readonly<Record<string, string | boolean>>, model: ProblemModel): Readonly<Record<string, string | boolean>> | undefined {
  const result = readChanges(changes, model);
  return typeof result === 'string' ? undefined : result;
}
