import { ruleDocumentationUrl, type Severity } from '../../core/index.js';
import type { ReportedFinding } from '../reported-finding.js';
import { type FormatContext, repositoryPath } from './format-context.js';

/** How many findings the summary lists one by one; the counts cover all of them. */
export const SUMMARY_FINDING_LIMIT = 50;

/**
 * The Markdown a GitHub job summary shows (appended to `GITHUB_STEP_SUMMARY`
 * with `--format github`): counts by severity and by rule, then the first
 * findings with their locations.
 */
export function githubStepSummary(findings: readonly ReportedFinding[], context: FormatContext): string {
  const lines = ['### kb-lint', ''];
  if (findings.length === 0) return `${[...lines, 'No problems found.'].join('\n')}\n\n`;
  const count = (severity: Severity): number => findings.filter((finding) => finding.severity === severity).length;
  const files = new Set(findings.map((finding) => finding.path)).size;
  lines.push(`**${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info** in ${plural(files, 'file')}.`, '');
  const byRule = new Map<string, number>();
  for (const finding of findings) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1);
  lines.push('| Rule | Findings |', '| --- | ---: |');
  for (const [rule, total] of [...byRule].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1))) {
    lines.push(`| [\`${rule}\`](${ruleDocumentationUrl(rule)}) | ${total} |`);
  }
  lines.push('', '| Location | Severity | Rule | Message |', '| --- | --- | --- | --- |');
  for (const finding of findings.slice(0, SUMMARY_FINDING_LIMIT)) {
    lines.push(`| \`${repositoryPath(finding, context)}:${finding.line}:${finding.column}\` | ${finding.severity} | \`${finding.rule}\` | ${tableCell(finding.message)} |`);
  }
  if (findings.length > SUMMARY_FINDING_LIMIT) lines.push('', `…and ${findings.length - SUMMARY_FINDING_LIMIT} more (see the annotations or the job log).`);
  return `${lines.join('\n')}\n\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Keeps a message inside one table cell and stops GitHub rendering HTML from it. */
function tableCell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
