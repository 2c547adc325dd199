import type { Severity } from '../core/index.js';

/** One finding as the CLI reports it: the JSON output's contract (1-based positions, cwd-relative path). */
export interface ReportedFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly rule: string;
  readonly message: string;
  readonly fixable: boolean;
  /** Not printed in JSON: used by formats that need the repository root. */
  readonly kbRoot: string;
}

/** The output formats `--format` accepts. */
export const OUTPUT_FORMATS = ['stylish', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Renders findings in `format`. */
export function formatFindings(findings: readonly ReportedFinding[], format: OutputFormat, options: { color: boolean }): string {
  return format === 'json' ? formatJson(findings) : formatStylish(findings, options.color);
}

function formatJson(findings: readonly ReportedFinding[]): string {
  const plain = findings.map(({ file, line, column, endLine, endColumn, severity, rule, message, fixable }) => ({ file, line, column, endLine, endColumn, severity, rule, message, fixable }));
  return `${JSON.stringify(plain, null, 2)}\n`;
}

const COLORS: Record<Severity, string> = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m' };
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

function formatStylish(findings: readonly ReportedFinding[], color: boolean): string {
  const paint = (code: string, text: string): string => (color ? `${code}${text}${RESET}` : text);
  const lines = findings.map((finding) =>
    `${finding.file}:${finding.line}:${finding.column} ${paint(COLORS[finding.severity], finding.severity)} ${finding.message} ${paint(DIM, finding.rule)}`);
  const counts = (['error', 'warning', 'info'] as const).map((severity) => `${findings.filter((finding) => finding.severity === severity).length} ${severity === 'info' ? 'info' : `${severity}s`}`);
  const summary = findings.length === 0 ? 'No problems found.' : `${findings.length} problem${findings.length === 1 ? '' : 's'} (${counts.join(', ')})`;
  return `${[...lines, lines.length > 0 ? '' : undefined, summary].filter((line) => line !== undefined).join('\n')}\n`;
}
