/**
 * Plain data types shared by every part of the engine. Positions follow the
 * Language Server Protocol convention (zero-based line, zero-based UTF-16
 * character) so adapters convert them without arithmetic; the CLI adds one
 * when it prints.
 */

/** How loud a finding is. `off` exists only in configuration. */
export type Severity = 'error' | 'warning' | 'info';

/** A configured severity: a real one, or `off` to disable a rule. */
export type ConfiguredSeverity = Severity | 'off';

/** Zero-based line and UTF-16 character offset within the line. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open range: `start` inclusive, `end` exclusive. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Replace the text of `range` with `newText` (insert when the range is empty). */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A fix a finding offers: one or more non-overlapping edits to the finding's own file. */
export interface Fix {
  /** Shown to the user, e.g. `Replace "Windows server" with "Windows Server"`. */
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /**
   * True when applying the fix without review cannot change meaning (used by
   * `kb-lint --fix` and `source.fixAll.kb`). Placeholders are never safe.
   */
  readonly safe: boolean;
  /** Whether an editor should offer this fix first. */
  readonly preferred?: boolean;
}

/** Another place that explains a finding (the other side of a conflict, the link target). */
export interface RelatedLocation {
  /** KB path of the file, as used by {@link Finding.path}. */
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

/** One problem the engine found. */
export interface Finding {
  /** Stable kebab-case rule id, e.g. `link-anchor`. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** Absolute, forward-slash path of the file the finding is in. */
  readonly path: string;
  readonly range: Range;
  /** What was found and what was expected, in one or two sentences. */
  readonly message: string;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedLocation[];
}

/** The kinds of file a KB holds; each kind has its own parser and rules. */
export type FileKind = 'article' | 'scenario' | 'glossary' | 'remediation' | 'cause' | 'claim' | 'steps' | 'model' | 'config';
