import { claimExplanation, claimIdOfFinding } from '../domain/claims.js';
import type { KnowledgeBase } from '../knowledge-base.js';
import type { Finding, Position, Range } from '../types.js';
import type { HoverContent } from './hover.js';
import { rangeContains } from './locate.js';

/** Where the explanation of a claim lives: a KB file and, optionally, a heading in it. */
export interface ExplanationTarget {
  readonly title: string;
  readonly path: string;
  readonly fragment: string | undefined;
  /** The finding whose claim it explains. */
  readonly finding: Finding;
}

/**
 * The hover over a sentence that a `domain-claim` finding flags: the claim's
 * message, its longer explanation and its `see` link when that leads to a
 * file of the KB. `findings` are the
 * file's current findings; `undefined` when no such finding covers `position`.
 */
export function claimHoverAt(kb: KnowledgeBase, findings: readonly Finding[], position: Position, linkTo: (path: string) => string): HoverContent | undefined {
  for (const finding of findings) {
    if (finding.ruleId !== 'domain-claim' || !rangeContains(finding.range, position)) continue;
    const id = claimIdOfFinding(kb.knowledge, finding);
    const explanation = id === undefined ? undefined : claimExplanation(kb.knowledge, id);
    if (explanation === undefined) continue;
    // A `see` that does not lead to a file of the KB is never turned into a link (it could name any file or URI scheme).
    const link = explanation.seePath === undefined ? [] : [`[Read the explanation](${linkTo(explanation.seePath)}${explanation.seeFragment ? `#${explanation.seeFragment}` : ''})`];
    return {
      markdown: [`**${explanation.message}**`, explanation.markdown, ...link].join('\n\n'),
      range: finding.range,
    };
  }
  return undefined;
}

/** The explanation pages of the `domain-claim` findings at `range`, for an "Open the explanation" action. */
export function claimExplanationTargets(kb: KnowledgeBase, findings: readonly Finding[], range: Range): ExplanationTarget[] {
  const targets: ExplanationTarget[] = [];
  for (const finding of findings) {
    if (finding.ruleId !== 'domain-claim' || !(rangeContains(finding.range, range.start) || rangeContains(range, finding.range.start))) continue;
    const id = claimIdOfFinding(kb.knowledge, finding);
    const explanation = id === undefined ? undefined : claimExplanation(kb.knowledge, id);
    if (explanation?.seePath === undefined || targets.some((target) => target.path === explanation.seePath && target.fragment === explanation.seeFragment)) continue;
    targets.push({ title: `Open the explanation: ${explanation.message}`, path: explanation.seePath, fragment: explanation.seeFragment, finding });
  }
  return targets;
}
