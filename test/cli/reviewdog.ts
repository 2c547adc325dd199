/** The parts of a Reviewdog Diagnostic Format document the tests read. */
export interface RdjsonPosition {
  readonly line: number;
  readonly column: number;
}

export interface RdjsonSuggestion {
  readonly range: { readonly start: RdjsonPosition; readonly end: RdjsonPosition };
  readonly text: string;
}

export interface RdjsonDiagnostic {
  readonly message: string;
  readonly location: { readonly path: string; readonly range: { readonly start: RdjsonPosition; readonly end: RdjsonPosition } };
  readonly severity: string;
  readonly code: { readonly value: string; readonly url: string };
  readonly suggestions?: readonly RdjsonSuggestion[];
}

export interface RdjsonResult {
  readonly source: { readonly name: string };
  readonly diagnostics: readonly RdjsonDiagnostic[];
}

/**
 * Applies a suggestion to a file the way a GitHub suggested change built by
 * reviewdog's `github-pr-review` reporter does: the lines from the start line
 * to the end line are replaced by the start line's bytes before the start
 * column, the text, and the end line's bytes from the end column on
 * (columns are 1-based and count UTF-8 bytes). A line the file does not have
 * fails, as reviewdog cannot build the suggestion then.
 */
export function applyReviewdogSuggestion(text: string, suggestion: RdjsonSuggestion): string {
  const lines = text.split('\n');
  const { start, end } = suggestion.range;
  const startLine = lines[start.line - 1];
  const endLine = lines[end.line - 1];
  // The final line break of a file starts no line in a diff.
  const lineCount = text.endsWith('\n') ? lines.length - 1 : lines.length;
  if (startLine === undefined || endLine === undefined || start.line > lineCount || end.line > lineCount) {
    throw new Error(`the suggestion names line ${end.line}, which the file (${lineCount} lines) does not have`);
  }
  const before = Buffer.from(startLine, 'utf8').subarray(0, start.column - 1).toString('utf8');
  const after = Buffer.from(endLine, 'utf8').subarray(end.column - 1).toString('utf8');
  return [...lines.slice(0, start.line - 1), before + suggestion.text + after, ...lines.slice(end.line)].join('\n');
}
