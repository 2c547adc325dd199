import type { KnowledgeBase } from '../knowledge-base.js';
import { remediationLinksOf } from '../scenario/link-remediations.js';
import { evaluationOf, scenarioInputs } from '../scenario/scenario-inputs.js';
import type { Fix, Range } from '../types.js';

/**
 * "Link remediation steps" for the scenarios of a scenario file that touch
 * `range`, in which the prompt appears and that name no remediation: the
 * fix inserts an outcome step per remediation the model says would prevent
 * the prompt, and a comment linking the remediation pages.
 */
export function scenarioRemediationFixes(kb: KnowledgeBase, path: string, range: Range): Fix[] {
  const file = kb.parse(path);
  if (file?.kind !== 'scenario') return [];
  const { catalog, remediations } = scenarioInputs(kb);
  return remediationLinksOf(file, evaluationOf(file, catalog), remediations, catalog)
    .filter((entry) => entry.range.start.line <= range.end.line && entry.range.end.line >= range.start.line)
    .map((entry) => entry.links.fix);
}
