/**
 * The "Link remediation steps" action: for a scenario in which a credential
 * prompt appears and that names no remediation, the outcome steps of every
 * remediation the model says would prevent the prompt, plus a comment line
 * linking the remediation pages.
 */
import { dirname, relativePath } from '../paths.js';
import type { TextDocument } from '../text-document.js';
import type { Fix, Range } from '../types.js';
import type { ScenarioFileEvaluation, ScenarioRun } from './evaluate.js';
import { judgeOutcome } from './judge-outcome.js';
import { CONDITION_VALUES, type ConditionName, type ConditionValue, type GivenConditions } from './model.js';
import { stepKeyword } from './parse-scenario.js';
import type { ScenarioFile } from './scenario-file.js';
import { type StepCatalog, phrasingFor } from './step-catalog.js';

/** A remediation page as the action needs it. */
export interface RemediationInput {
  readonly id: string;
  readonly title: string;
  /** Absolute path of the remediation page. */
  readonly path: string;
  /** 1 is recommended first. */
  readonly rank: number;
  /** Model conditions it changes, by condition name, e.g. `{ outlookAnywhereAuthentication: 'ntlm' }`. */
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
 * `undefined` when no prompt appears in some case, the scenario already
 * names a remediation, givens conflict, or no remediation prevents the prompt.
 */
export function linkRemediationSteps(
  run: ScenarioRun,
  remediations: readonly RemediationInput[],
  catalog: StepCatalog,
  document: TextDocument,
  language = 'en',
): RemediationLinks | undefined {
  if (run.row !== undefined || run.states.length === 0) return undefined;
  if (!run.states.every((state) => state.state.prompters.length > 0)) return undefined;
  if (run.steps.some((step) => step.match?.meaning.kind === 'outcome' && step.match.meaning.outcome.fact === 'preventsPrompt')) return undefined;
  const preventing = [...remediations]
    .sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id))
    .flatMap((remediation) => {
      const changes = toConditions(remediation.changes);
      if (changes === undefined) return [];
      const prevents = run.states.every((state) => {
        const judged = judgeOutcome({ fact: 'preventsPrompt', value: changes }, run.given, run.events, state.assumed);
        return 'holds' in judged && judged.holds === true;
      });
      return prevents ? [{ remediation, changes }] : [];
    });
  if (preventing.length === 0) return undefined;
  const steps = preventing.flatMap(({ changes }) => {
    const phrasing = phrasingFor(catalog, { kind: 'outcome', outcome: { fact: 'preventsPrompt', value: changes } });
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
 * qualifies (see {@link linkRemediationSteps}), with the range of the
 * scenario's title line, where an editor offers it.
 */
export function remediationLinksOf(
  file: ScenarioFile,
  evaluation: ScenarioFileEvaluation,
  remediations: readonly RemediationInput[],
  catalog: StepCatalog,
): Array<{ readonly range: Range; readonly links: RemediationLinks }> {
  return evaluation.scenarios.flatMap(({ scenario, runs }) => {
    const [run] = runs;
    const links = runs.length === 1 && run !== undefined ? linkRemediationSteps(run, remediations, catalog, file.document, file.feature?.language) : undefined;
    return links === undefined ? [] : [{ range: scenario.range, links }];
  });
}

/** The changes as model conditions; `undefined` when empty or naming something the model does not know. */
function toConditions(changes: Readonly<Record<string, string | boolean>>): GivenConditions | undefined {
  const result: Partial<Record<ConditionName, ConditionValue>> = {};
  for (const [name, raw] of Object.entries(changes)) {
    if (!(name in CONDITION_VALUES)) return undefined;
    const value = (CONDITION_VALUES[name as ConditionName] as readonly ConditionValue[]).find((candidate) => String(candidate) === String(raw));
    if (value === undefined) return undefined;
    result[name as ConditionName] = value;
  }
  return Object.keys(result).length === 0 ? undefined : (result as GivenConditions);
}
