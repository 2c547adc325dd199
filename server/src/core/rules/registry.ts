import { causeEntry } from './cause-entry.js';
import { causeUndeclared } from './cause-undeclared.js';
import { claimEntry } from './claim-entry.js';
import { configInvalid } from './config-invalid.js';
import { domainClaim } from './domain-claim.js';
import { frontmatterDate } from './frontmatter-date.js';
import { frontmatterInvalid } from './frontmatter-invalid.js';
import { frontmatterRequired } from './frontmatter-required.js';
import { glossaryEntry } from './glossary-entry.js';
import { headingSingleH1 } from './heading-single-h1.js';
import { imageAlt } from './image-alt.js';
import { learnConfigInvalid } from './learn-config-invalid.js';
import { linkAnchor } from './link-anchor.js';
import { linkCase } from './link-case.js';
import { linkOutsideKb } from './link-outside-kb.js';
import { linkRedirected } from './link-redirected.js';
import { linkTarget } from './link-target.js';
import { redirectionInvalid } from './redirection-invalid.js';
import { modelCoverage } from './model-coverage.js';
import { problemModel } from './problem-model.js';
import { remediationChanges } from './remediation-changes.js';
import { remediationEntry } from './remediation-entry.js';
import { remediationLink } from './remediation-link.js';
import type { AnyRule, Rule } from './rule.js';
import { scenarioArticleLink } from './scenario-article-link.js';
import { scenarioConflict } from './scenario-conflict.js';
import { scenarioContradiction } from './scenario-contradiction.js';
import { scenarioOutOfModel } from './scenario-out-of-model.js';
import { scenarioSetConflict } from './scenario-set-conflict.js';
import { scenarioStepOrder } from './scenario-step-order.js';
import { scenarioStepUnknown } from './scenario-step-unknown.js';
import { scenarioSyntax } from './scenario-syntax.js';
import { scenarioUnderdetermined } from './scenario-underdetermined.js';
import { sectionEmpty } from './section-empty.js';
import { sectionRequired } from './section-required.js';
import { stepCatalogEntry } from './step-catalog-entry.js';
import { suppressionUnknown } from './suppression-unknown.js';
import { termSpelling } from './term-spelling.js';

/** Every rule, in the order they run and are documented. */
export const RULES: readonly AnyRule[] = [
  frontmatterInvalid,
  frontmatterRequired,
  frontmatterDate,
  headingSingleH1,
  sectionRequired,
  sectionEmpty,
  linkTarget,
  linkCase,
  linkRedirected,
  linkAnchor,
  linkOutsideKb,
  imageAlt,
  termSpelling,
  glossaryEntry,
  remediationLink,
  causeUndeclared,
  remediationEntry,
  causeEntry,
  domainClaim,
  claimEntry,
  scenarioSyntax,
  scenarioStepUnknown,
  scenarioStepOrder,
  scenarioConflict,
  scenarioSetConflict,
  scenarioContradiction,
  scenarioUnderdetermined,
  scenarioOutOfModel,
  scenarioArticleLink,
  stepCatalogEntry,
  problemModel,
  modelCoverage,
  remediationChanges,
  suppressionUnknown,
  configInvalid,
  learnConfigInvalid,
  redirectionInvalid,
];

/** Metadata every rule has, also used for ids the engine reports itself. */
export type RuleMetadata = Pick<Rule, 'id' | 'description' | 'defaultSeverity' | 'fix'> & { readonly appliesTo: string | readonly string[] };

/** Findings the engine itself reports (not from a rule's check), described like rules. */
export const FILE_UNREADABLE: RuleMetadata = {
  id: 'file-unreadable',
  description: 'A file the KB should check is binary, not valid UTF-8, or cannot be read.',
  defaultSeverity: 'error',
  fix: 'none',
  appliesTo: 'article',
};

/** Rule metadata for docs, SARIF and configuration: the rules plus engine-reported ids. */
export const RULE_METADATA: readonly RuleMetadata[] = [...RULES, FILE_UNREADABLE];

/** The rule with this id, or `undefined`. */
export function ruleById(id: string): AnyRule | undefined {
  return RULES.find((rule) => rule.id === id);
}
