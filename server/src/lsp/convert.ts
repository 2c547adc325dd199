import { URI } from 'vscode-uri';
import { type Diagnostic, DiagnosticSeverity, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { type Finding, ruleDocumentationUrl, type Severity } from '../core/index.js';
import { toKbPath } from '../node/node-file-system.js';

/** The `source` of every diagnostic this server publishes: the product's name. */
export const DIAGNOSTIC_SOURCE = 'kb-authoring';

/** The engine path of a `file:` URI, or `undefined` for any other scheme (untitled buffers, git views...). */
export function uriToPath(uri: string): string | undefined {
  let parsed: URI;
  try {
    parsed = URI.parse(uri);
  } catch {
    return undefined;
  }
  return parsed.scheme === 'file' ? toKbPath(parsed.fsPath) : undefined;
}

/** The `file:` URI of an engine path. */
export function pathToUri(path: string): string {
  return URI.file(path).toString();
}

const SEVERITIES: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * The one conversion from the engine's {@link Finding} to an LSP diagnostic:
 * the rule id is the code, its doc page the code description. It carries no
 * `data`: code actions are built from the findings of the document's current
 * text (`code-actions.ts`), never from a diagnostic the client kept.
 */
export function toDiagnostic(finding: Finding): Diagnostic {
  const related: DiagnosticRelatedInformation[] | undefined = finding.related?.map((location) => ({
    location: { uri: pathToUri(location.path), range: location.range },
    message: location.message,
  }));
  return {
    range: finding.range,
    severity: SEVERITIES[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocumentationUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    ...(related && related.length > 0 ? { relatedInformation: related } : {}),
  };
}
