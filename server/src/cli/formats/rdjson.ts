import { ruleDocumentationUrl, type Severity } from '../../core/index.js';
import type { ReportedFinding } from '../reported-finding.js';
import type { Formatter } from './format-context.js';
import { inertJson } from './inert-text.js';
import { TOOL_NAME, TOOL_URL } from './tool.js';

const SEVERITIES: Readonly<Record<Severity, 'ERROR' | 'WARNING' | 'INFO'>> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

const SOURCE = { name: TOOL_NAME, url: TOOL_URL };

/**
 * One finding as a Reviewdog Diagnostic Format `Diagnostic`: the path
 * relative to the working folder (where reviewdog runs), a range with
 * 1-based UTF-8 byte columns (the end exclusive), the rule id with its doc
 * page, and the fix shown to reviewers as a suggestion, which
 * `reviewdog -reporter=github-pr-review` posts as a GitHub suggested change.
 */
function diagnostic(finding: ReportedFinding): object {
  const suggestion = finding.reviewFix?.suggestion;
  return {
    message: finding.message,
    location: {
      path: finding.file,
      range: {
        start: { line: finding.line, column: finding.byteColumn },
        end: { line: finding.endLine, column: finding.endByteColumn },
      },
    },
    severity: SEVERITIES[finding.severity],
    source: SOURCE,
    code: { value: finding.rule, url: ruleDocumentationUrl(finding.rule) },
    ...(suggestion === undefined ? {} : {
      suggestions: [{
        range: { start: { line: suggestion.line, column: suggestion.byteColumn }, end: { line: suggestion.endLine, column: suggestion.endByteColumn } },
        text: suggestion.text,
      }],
    }),
  };
}

/** `rdjson`: one `DiagnosticResult` document (reviewdog `-f=rdjson`). */
export const formatRdjson: Formatter = (findings) => `${inertJson({ source: SOURCE, diagnostics: findings.map(diagnostic) }, 2)}\n`;

/** `rdjsonl`: one `Diagnostic` per line (reviewdog `-f=rdjsonl`), nothing for no findings. */
export const formatRdjsonl: Formatter = (findings) => findings.map((finding) => `${inertJson(diagnostic(finding))}\n`).join('');
