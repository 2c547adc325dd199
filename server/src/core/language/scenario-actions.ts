import type { KnowledgeBase } from '../knowledge-base.js';
import { remediationLinksOf } from '../scenario/link-remediations.js';
import { evaluationOf, scenarioInputs } from '../scenario/scenario-inputs.js';
import type { Fix, Range } from '../types.js';

/**
 * "Link remediation steps" for the scenarios of a scenario file whose title
 * line or Then steps touch `range`, in which the model's problem happens and
 * that name no remediation: the fix inserts an outcome step per remediation
 * the model says would prevent it, and a comment linking the remediation pages.
 */
export function scenarioRemediationFixes(kb: KnowledgeBase, path: string, range: Range): Fix[] {
  const file = kb.parse(path);
  if (file?.kind !== 'scenario') return [];
  const { catalog, remediations } = scenarioInputs(kb);
  return remediationLinksOf(file, evaluationOf(file, catalog), remediations)
    .filter((entry) => entry.ranges.some((offered) => offered.start.line <= range.end.line && offered.end.line >= range.start.line))
    .map((entry) => entry.links.fix);
}
