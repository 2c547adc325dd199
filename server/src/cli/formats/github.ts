import { type Severity, severityRank } from '../../core/index.js';
import type { ReportedFinding } from '../reported-finding.js';
import { type FormatContext, type Formatter, repositoryPath } from './format-context.js';
import { visibleText } from './inert-text.js';
import { stylishLine } from './stylish.js';

type AnnotationKind = 'error' | 'warning' | 'notice';

const KINDS: Readonly<Record<Severity, AnnotationKind>> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * How many annotations of each kind GitHub shows per step; the runner drops
 * the rest without a word. (GitHub also shows at most 50 per job, the sum of
 * its steps: one step of this format stays under it.)
 */
export const ANNOTATIONS_PER_STEP: Readonly<Record<AnnotationKind, number>> = { error: 10, warning: 10, notice: 10 };

/**
 * `github`: GitHub Actions workflow commands, which the runner turns into
 * annotations on the pull request's lines. Paths are relative to the
 * repository root, as the runner expects; the title is the rule id.
 *
 * Within GitHub's budget ({@link ANNOTATIONS_PER_STEP}): errors first (those
 * on changed lines first, when known), then warnings, then info notices;
 * when some findings do not fit, one notice says how many and where they
 * are, and they follow in the log as plain lines, so nothing is dropped.
 */
export const formatGithub: Formatter = (findings, context) => {
  const ranked = rank(findings, context);
  const count = (kind: AnnotationKind): number => ranked.filter((finding) => KINDS[finding.severity] === kind).length;
  const overflows = (['error', 'warning', 'notice'] as const).some((kind) => count(kind) > ANNOTATIONS_PER_STEP[kind]);
  // The notice about the overflow takes one of the notices.
  const room: Record<AnnotationKind, number> = { ...ANNOTATIONS_PER_STEP, notice: ANNOTATIONS_PER_STEP.notice - (overflows ? 1 : 0) };
  const annotated: ReportedFinding[] = [];
  const omitted: ReportedFinding[] = [];
  for (const finding of ranked) {
    const kind = KINDS[finding.severity];
    if (room[kind] > 0) {
      room[kind]--;
      annotated.push(finding);
    } else {
      omitted.push(finding);
    }
  }
  const lines = annotated.map((finding) => annotation(finding, context));
  if (omitted.length > 0) {
    lines.push(`::notice title=${escapeGithubProperty('kb-lint: more findings than annotations')}::${escapeGithubData(overflowMessage(omitted, findings.length, context))}`);
    lines.push(...omitted.map((finding) => stylishLine(finding, false)));
  }
  return lines.map((line) => `${line}\n`).join('');
};

/** Errors, then warnings, then info; within each, findings on changed lines first; otherwise in file order. */
function rank(findings: readonly ReportedFinding[], context: FormatContext): ReportedFinding[] {
  const onChangedLine = context.onChangedLine ?? (() => false);
  return findings
    .map((finding, index) => ({ finding, index, changed: onChangedLine(finding) }))
    .sort((a, b) => severityRank(b.finding.severity) - severityRank(a.finding.severity) || Number(b.changed) - Number(a.changed) || a.index - b.index)
    .map(({ finding }) => finding);
}

function annotation(finding: ReportedFinding, context: FormatContext): string {
  const properties = [
    ['file', visibleText(repositoryPath(finding, context), true)],
    ['line', String(finding.line)],
    ['col', String(finding.column)],
    ['endLine', String(finding.endLine)],
    ['endColumn', String(finding.endColumn)],
    ['title', finding.rule],
  ].map(([name, value]) => `${name}=${escapeGithubProperty(value ?? '')}`);
  return `::${KINDS[finding.severity]} ${properties.join(',')}::${escapeGithubData(visibleText(finding.message, true))}`;
}

function overflowMessage(omitted: readonly ReportedFinding[], total: number, context: FormatContext): string {
  const bySeverity = (['error', 'warning', 'info'] as const)
    .map((severity) => [severity, omitted.filter((finding) => finding.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => (severity === 'info' ? `${count} info` : `${count} ${severity}${count === 1 ? '' : 's'}`));
  const limits = `GitHub shows at most ${ANNOTATIONS_PER_STEP.error} error, ${ANNOTATIONS_PER_STEP.warning} warning and ${ANNOTATIONS_PER_STEP.notice} notice annotations per step`;
  const where = context.writesJobSummary === true
    ? `all ${total} findings are in the job summary, and these ${omitted.length} follow below this notice`
    : `they follow below this notice`;
  return `${omitted.length} more finding${omitted.length === 1 ? '' : 's'} (${bySeverity.join(', ')}) than annotations: ${limits}; ${where}.`;
}

/**
 * Escapes a workflow command's message as GitHub documents it (`%`, CR and
 * LF), the way the Actions runner unescapes it.
 */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as {@link escapeGithubData}, plus `:` and `,`, which delimit properties. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
