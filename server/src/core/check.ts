import type { KnowledgeBase, UnreadableFile } from './knowledge-base.js';
import { MAX_LINE_NESTING, MAX_PARSED_LENGTH } from './limits.js';
import { slowShapeMessage } from './markdown/parse-limits.js';
import type { ParsedFile } from './parsed-file.js';
import { type AnyRule, type ReportedFinding, type Rule, ruleAppliesTo, type RuleContext } from './rules/rule.js';
import { FILE_UNREADABLE, RULE_METADATA, RULES } from './rules/registry.js';
import type { FileKind, Finding, Severity } from './types.js';

const KNOWN_RULE_IDS: ReadonlySet<string> = new Set(RULE_METADATA.map((rule) => rule.id));

/** Options of a check run. */
export interface CheckOptions {
  /** The date rules compare against: the host's, the core reads no clock. */
  readonly today: Date;
  /** The rules to run (defaults to every registered rule); tests narrow it to one. */
  readonly rules?: readonly AnyRule[];
}

/**
 * Runs every enabled rule that applies to the file at `path` and returns its
 * findings, sorted by position. Never throws: a rule that throws becomes an
 * error finding of that rule and the other rules still run. Returns an empty
 * list for files the KB does not check.
 */
export function checkFile(kb: KnowledgeBase, path: string, options: CheckOptions): Finding[] {
  const file = kb.parse(path);
  if (file === undefined) return [];
  // A text its host is still timing is not known yet: nothing to report, and it is checked once the host gives it.
  if (file.kind === 'unreadable') return file.reason === 'awaiting-timing' ? [] : unreadableFindings(kb, file);
  const kind = kb.kindOf(path);
  if (kind === undefined) return [];
  const today = options.today;
  const findings: Finding[] = [];
  for (const rule of options.rules ?? RULES) {
    if (!ruleAppliesTo(rule, kind)) continue;
    const configured = kb.config.rules[rule.id];
    if (configured === 'off') continue;

    runRule(rule, { kb, file, today, configured, findings });
  }
  const suppressions = file.kind === 'markdown' ? file.suppressions : undefined;
  const kept = suppressions === undefined ? findings : findings.filter((finding) => !suppressions.isSuppressed(finding.ruleId, finding.range.start.line));
  return kept.sort(compareFindings);
}

interface RunState {
  readonly kb: KnowledgeBase;
  readonly file: ParsedFile;
  readonly today: Date;
  readonly configured: Severity | undefined;
  readonly findings: Finding[];
}

function runRule(rule: AnyRule, state: RunState): void {
  const { kb, file, today, configured, findings } = state;
  const context: RuleContext<ParsedFile> = {
    file,
    kb,
    config: kb.config,
    today,
    knownRuleIds: KNOWN_RULE_IDS,
    report: (reported: ReportedFinding) => {
      const severity = configured ?? reported.severity ?? rule.defaultSeverity;
      findings.push({ ruleId: rule.id, severity, path: file.path, range: reported.range, message: reported.message, ...(reported.fixes ? { fixes: reported.fixes } : {}), ...(reported.related ? { related: reported.related } : {}) });
    },
  };
  try {
    // The registry pairs each rule with files of its own kind (checked above), so the cast only restates that.
    (rule as Rule<FileKind>).check(context as RuleContext<never>);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    findings.push({
      ruleId: rule.id,
      severity: 'error',
      path: file.path,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `Rule "${rule.id}" failed: ${reason}. The other rules still ran; please report this problem.`,
    });
  }
}

const UNREADABLE_MESSAGES: Readonly<Record<UnreadableFile['reason'], string>> = {
  binary: 'The file is not valid UTF-8 text (binary content?); it was not checked.',
  missing: 'The file could not be read; it was not checked.',
  'too-large': `The file is longer than ${MAX_PARSED_LENGTH / (1024 * 1024)} MB of text, more than an article should be; it was not checked.`,
  'too-deep': `Block quotes or lists nest more than ${MAX_LINE_NESTING} levels deep; the file was not checked.`,
  'too-complex': 'The file has a shape the Markdown parser takes too long on; it was not checked.',
  unparsable: 'The file could not be parsed (deep nesting can exhaust the parser); it was not checked.',
  'over-time-budget': 'Parsing the file took longer than the time budget for one file; it was not checked.',
  'awaiting-timing': 'The file is still being read; it is checked once it is.',
};

/** The message of an unreadable file: the count that went over, the time budget that ran out, or the reason. */
function unreadableMessage(file: UnreadableFile): string {
  if (file.excess !== undefined) return slowShapeMessage(file.excess);
  if (file.reason === 'over-time-budget' && file.budgetMs !== undefined) {
    return `Parsing the file took longer than ${file.budgetMs} ms, the time budget for one file, so it was stopped and the file was not checked; it is parsed again when its text changes. Split the file, or check it with kb-lint, which has no such budget.`;
  }
  return UNREADABLE_MESSAGES[file.reason];
}

function unreadableFindings(kb: KnowledgeBase, file: UnreadableFile): Finding[] {
  const configured = kb.config.rules[FILE_UNREADABLE.id];
  if (configured === 'off') return [];
  const excess = file.excess;
  const message = unreadableMessage(file);
  const line = excess?.line ?? 0;
  return [{ ruleId: FILE_UNREADABLE.id, severity: configured ?? FILE_UNREADABLE.defaultSeverity, path: file.path, range: { start: { line, character: 0 }, end: { line, character: 0 } }, message }];
}

/** Orders findings by position, then rule id, so output is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character
    || a.ruleId.localeCompare(b.ruleId)
    || a.message.localeCompare(b.message);
}

/** Severity rank for sorting and thresholds: error 2, warning 1, info 0. */
export function severityRank(severity: Severity): number {
  return severity === 'error' ? 2 : severity === 'warning' ? 1 : 0;
}
