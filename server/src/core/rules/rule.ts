import type { KbConfig } from '../config/config.js';
import type { KbView } from '../kb-view.js';
import type { FileTypes } from '../parsed-file.js';
import type { FileKind, Fix, Range, RelatedLocation, Severity } from '../types.js';

/** What a rule reports; the engine adds the rule id, severity and path. */
export interface ReportedFinding {
  readonly range: Range;
  readonly message: string;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedLocation[];
  /** Overrides the configured severity downwards for a milder case of the rule (e.g. a stale date is `info`). */
  readonly severity?: Severity;
}

/** What a rule sees while it checks one file. */
export interface RuleContext<F> {
  readonly file: F;
  readonly kb: KbView;
  readonly config: KbConfig;
  /** The current date, injected so that date rules are testable. */
  readonly today: Date;
  /** Every rule id the engine knows (for checks of suppression comments). */
  readonly knownRuleIds: ReadonlySet<string>;
  report(finding: ReportedFinding): void;
}

/** A self-describing check, one per file in `rules/`, registered in `registry.ts`. */
export interface Rule<K extends FileKind = FileKind> {
  /** Stable kebab-case id: the contract for configs, suppressions and CI scripts. */
  readonly id: string;
  /** One line, shown in the rules table, SARIF and completion. */
  readonly description: string;
  readonly defaultSeverity: Severity;
  /** The kind of file the rule checks, or the kinds (link rules check articles and tables of contents alike). */
  readonly appliesTo: K | readonly K[];
  /** Whether the rule offers fixes, and whether they are safe to apply unattended. */
  readonly fix: 'none' | 'suggestion' | 'safe';
  check(context: RuleContext<FileTypes[K]>): void;
}

/** Any rule, whatever kind of file it checks (link rules check articles and tables of contents alike; `learn-config-invalid` the repository's JSON files and YAML tables of contents). */
export type AnyRule = { [K in FileKind]: Rule<K> }[FileKind] | Rule<'article' | 'toc'> | Rule<'repository' | 'toc'>;

/** Whether `rule` checks files of `kind`. */
export function ruleAppliesTo(rule: { readonly appliesTo: FileKind | readonly FileKind[] }, kind: FileKind): boolean {
  return typeof rule.appliesTo === 'string' ? rule.appliesTo === kind : rule.appliesTo.includes(kind);
}

/** Declares a rule with its file type inferred from `appliesTo`. */
export function defineRule<K extends FileKind>(rule: Rule<K>): Rule<K> {
  return rule;
}

/** Where a rule's documentation page is published. */
export function ruleDocumentationUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}

/** Base URL of the rule pages (`docs/rules/` of the repository). */
export const RULE_DOCS_BASE_URL = 'https://github.com/kb-authoring/kb-authoring/blob/main/docs/rules/';
