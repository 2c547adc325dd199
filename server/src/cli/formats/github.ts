import type { Severity } from '../../core/index.js';
import { type Formatter, repositoryPath } from './format-context.js';

const COMMANDS: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * `github`: GitHub Actions workflow commands, which the runner turns into
 * annotations on the pull request's changed lines. Paths are relative to the
 * repository root, as the runner expects; the title is the rule id.
 */
export const formatGithub: Formatter = (findings, context) => findings.map((finding) => {
  const properties = [
    ['file', repositoryPath(finding, context)],
    ['line', String(finding.line)],
    ['col', String(finding.column)],
    ['endLine', String(finding.endLine)],
    ['endColumn', String(finding.endColumn)],
    ['title', finding.rule],
  ].map(([name, value]) => `${name}=${escapeGithubProperty(value ?? '')}`);
  return `::${COMMANDS[finding.severity]} ${properties.join(',')}::${escapeGithubData(finding.message)}\n`;
}).join('');

/** Escapes a workflow command's message the way the Actions runner unescapes it. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as {@link escapeGithubData}, plus `:` and `,`, which delimit properties. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
