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

/**
 * A fix a finding offers: one or more non-overlapping edits to the finding's
 * own file. Every fix is one of three kinds (see `fix-policy.ts`): a safe fix
 * (`safe: true`) cannot change what the text means and is the only kind an
 * editor prefers or a host applies unattended (`kb-lint --fix`, fix-all,
 * fix-on-save); a suggestion (`safe: false`) needs a reader to judge it; a
 * suppression (`suppression: true`, never safe) silences the rule instead of
 * fixing the text and is listed after every real fix. Which fix is preferred
 * is derived from these, never declared by a rule.
 */
export interface Fix {
  /** Shown to the user, e.g. `Replace "Windows server" with "Windows Server"`. */
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** True only when applying the fix without review cannot change meaning. Placeholders are never safe. */
  readonly safe: boolean;
  /** True for a fix that silences the rule (a `kb-disable` comment) rather than fixing the text; never safe. */
  readonly suppression?: boolean;
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

/**
 * The kinds of file a KB holds; each kind has its own parser and rules. A
 * `toc` is a Learn table of contents (`TOC.md`): only its links are checked;
 * `repository` is a file the Learn build reads (`docfx.json`, the publish
 * configuration, redirection files); `model` is a problem model (YAML in the
 * `models` folder).
 */
export type FileKind = 'article' | 'toc' | 'scenario' | 'glossary' | 'remediation' | 'cause' | 'claim' | 'steps' | 'model' | 'config' | 'repository';
