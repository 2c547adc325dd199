import { automaticFix, type Finding, type KnowledgeBase, type Severity, severityRank, TextDocument } from '../core/index.js';
import { displayPath } from './display-path.js';
import { byteColumn, type ReviewFix, reviewFixOf } from './review-fix.js';

/**
 * One finding as the command line reports it. Nine of the fields are the
 * JSON output's contract (1-based positions, a path relative to the working
 * folder with forward slashes); the others feed the other formats.
 */
export interface ReportedFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** `column` and `endColumn` counted in UTF-8 bytes, as reviewdog counts them. */
  readonly byteColumn: number;
  readonly endByteColumn: number;
  readonly severity: Severity;
  readonly rule: string;
  readonly message: string;
  /** Whether the finding offers any fix (an editor quick fix or a `--fix` one). */
  readonly fixable: boolean;
  /** Absolute path with forward slashes, as the engine names files. */
  readonly path: string;
  /** Whether `--fix` would apply one of its fixes. */
  readonly safelyFixable: boolean;
  /** The finding's first line, trimmed: SARIF fingerprints use it so they survive edits elsewhere in the file. */
  readonly lineText: string;
  /** The fix shown to reviewers (SARIF `fixes`, rdjson `suggestions`), if any: see {@link fixForReview}. */
  readonly reviewFix: ReviewFix | undefined;
}

/**
 * Converts engine findings of one KB for reporting. Line texts and fixes
 * come from the KB's current text of each file (after `--fix`, the fixed text).
 */
export function toReportedFindings(findings: readonly Finding[], kb: KnowledgeBase, cwd: string): ReportedFinding[] {
  const documents = new Map<string, TextDocument | undefined>();
  const documentOf = (file: string): TextDocument | undefined => {
    if (!documents.has(file)) {
      const text = kb.textOf(file);
      documents.set(file, text === undefined ? undefined : new TextDocument(file, text));
    }
    return documents.get(file);
  };
  return findings.map((finding) => {
    const document = documentOf(finding.path);
    return {
      file: displayPath(cwd, finding.path),
      line: finding.range.start.line + 1,
      column: finding.range.start.character + 1,
      endLine: finding.range.end.line + 1,
      endColumn: finding.range.end.character + 1,
      // Without the text (never for a checked file), UTF-16 columns are the best guess.
      byteColumn: document === undefined ? finding.range.start.character + 1 : byteColumn(document, finding.range.start),
      endByteColumn: document === undefined ? finding.range.end.character + 1 : byteColumn(document, finding.range.end),
      severity: finding.severity,
      rule: finding.ruleId,
      message: finding.message,
      fixable: (finding.fixes?.length ?? 0) > 0,
      path: finding.path,
      safelyFixable: automaticFix(finding) !== undefined,
      lineText: document?.lineText(finding.range.start.line).trim() ?? '',
      reviewFix: document === undefined ? undefined : reviewFixOf(finding, document),
    };
  });
}

/** The order of every output: file, line, column, then the most severe first, then rule id. */
export function compareReportedFindings(a: ReportedFinding, b: ReportedFinding): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)
    || a.line - b.line
    || a.column - b.column
    || severityRank(b.severity) - severityRank(a.severity)
    || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
    || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
