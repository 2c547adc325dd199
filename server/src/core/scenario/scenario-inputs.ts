/**
 * What the scenario rules need from the KB beyond the file itself, read in
 * one place so the rules stay small: the merged step catalog, the
 * remediations, and the evaluation of the file (computed once per file and
 * catalog, since six rules read it).
 */
import type { KbView } from '../kb-view.js';
import { type ScenarioFileEvaluation, evaluateScenarioFile } from './evaluate.js';
import type { RemediationInput } from './link-remediations.js';
import type { ScenarioFile } from './gherkin/scenario-file.js';
import type { StepCatalog } from './steps/catalog-types.js';

/** The KB-wide inputs of the scenario rules. */
export interface ScenarioInputs {
  /** The bundled catalog merged with the KB's own, with the KB's problem models. */
  readonly catalog: StepCatalog;
  readonly remediations: readonly RemediationInput[];
}

/** The inputs of the scenario rules for a KB: `kb.knowledge.steps` and the remediations. */
export function scenarioInputs(kb: KbView): ScenarioInputs {
  return { catalog: kb.knowledge.steps, remediations: kb.knowledge.remediations };
}

// Weak keys: an evaluation lives exactly as long as its parsed file and catalog.
const evaluations = new WeakMap<ScenarioFile, WeakMap<StepCatalog, ScenarioFileEvaluation>>();

/** The evaluation of `file` against `catalog`, computed once per pair. Never throws. */
export function evaluationOf(file: ScenarioFile, catalog: StepCatalog): ScenarioFileEvaluation {
  let byCatalog = evaluations.get(file);
  if (byCatalog === undefined) {
    byCatalog = new WeakMap();
    evaluations.set(file, byCatalog);
  }
  let evaluation = byCatalog.get(catalog);
  if (evaluation === undefined) {
    evaluation = evaluateScenarioFile(file, catalog);
    byCatalog.set(catalog, evaluation);
  }
  return evaluation;
}
