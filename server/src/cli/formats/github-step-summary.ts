import { ruleDocumentationUrl, type Severity } from '../../core/index.js';
import type { ReportedFinding } from '../reported-finding.js';
import { type FormatContext, repositoryPath } from './format-context.js';
import { visibleText } from './inert-text.js';

/**
 * The most bytes the summary takes. GitHub keeps at most 1 MiB of job
 * summary per step; the rest of the budget is left for the other lines.
 */
export const SUMMARY_BYTE_LIMIT = 1024 * 1024 - 4096;

/**
 * The Markdown a GitHub job summary shows (appended to `GITHUB_STEP_SUMMARY`
 * with `--format github`): counts by severity and by rule, then every
 * finding with its location, as many as fit in {@link SUMMARY_BYTE_LIMIT}
 * (the rest are in the step's log, and the summary says how many). A
 * shard's summary names its shard: each job of the matrix writes its own.
 */
export function githubStepSummary(findings: readonly ReportedFinding[], context: FormatContext): string {
  const lines = [context.shard === undefined ? '### kb-lint' : `### kb-lint, shard ${context.shard.index} of ${context.shard.count}`, ''];
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
  // Room for the closing line that says how many did not fit.
  let bytes = Buffer.byteLength(lines.join('\n'), 'utf8') + 200;
  let listed = 0;
  for (const finding of findings) {
    const row = `| ${codeCell(`${repositoryPath(finding, context)}:${finding.line}:${finding.column}`)} | ${finding.severity} | \`${finding.rule}\` | ${tableCell(finding.message)} |`;
    bytes += Buffer.byteLength(row, 'utf8') + 1;
    if (bytes > SUMMARY_BYTE_LIMIT) break;
    lines.push(row);
    listed++;
  }
  if (listed < findings.length) lines.push('', `…and ${findings.length - listed} more, which do not fit in a job summary (GitHub keeps 1 MiB per step): see the step's log.`);
  return `${lines.join('\n')}\n\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Keeps a message inside one table cell, on one line, and stops GitHub rendering HTML from it. */
function tableCell(text: string): string {
  return visibleText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/** A code span in a table cell: a backtick cannot end it early, and a pipe cannot end the cell. */
function codeCell(text: string): string {
  return `\`${visibleText(text).replace(/`/g, '\\u0060').replace(/\|/g, '\\|')}\``;
}
