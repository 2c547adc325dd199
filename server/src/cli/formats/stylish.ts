import type { Severity } from '../../core/index.js';
import type { ReportedFinding } from '../reported-finding.js';
import type { Formatter } from './format-context.js';
import { visiblePathAtLineStart, visibleText } from './inert-text.js';

const COLORS: Readonly<Record<Severity, string>> = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m' };
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

/**
 * One finding on one line, `file:line:col severity message rule-id` (a form
 * terminals and editors turn into links). Control characters of the file
 * name and message are shown escaped, and the line never starts a GitHub
 * Actions workflow command.
 */
export function stylishLine(finding: ReportedFinding, color: boolean): string {
  const paint = (code: string, text: string): string => (color ? `${code}${text}${RESET}` : text);
  return `${visiblePathAtLineStart(finding.file)}:${finding.line}:${finding.column} ${paint(COLORS[finding.severity], finding.severity)} ${visibleText(finding.message)} ${paint(DIM, finding.rule)}`;
}

/** `stylish`: one {@link stylishLine} per finding, then a summary. */
export const formatStylish: Formatter = (findings, { color }) => {
  const lines = findings.map((finding) => stylishLine(finding, color));
  if (findings.length === 0) return 'No problems found.\n';
  const count = (severity: Severity): number => findings.filter((finding) => finding.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const summary = `${plural(findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${count('info')} info)`;
  const fixable = findings.filter((finding) => finding.safelyFixable).length;
  const fixHint = fixable === 0 ? [] : [`${plural(fixable, 'problem')} can be fixed with --fix.`];
  return `${[...lines, '', summary, ...fixHint].join('\n')}\n`;
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
