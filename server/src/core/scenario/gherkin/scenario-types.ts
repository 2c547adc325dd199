/**
 * The plain data a parsed `.scenario` file becomes: LSP ranges (zero-based
 * lines, UTF-16 characters) on every part the rules, hovers and completion use.
 */
import type { Range } from '../../types.js';

/** A syntax error at the parser's position. */
export interface ScenarioSyntaxError {
  readonly message: string;
  readonly range: Range;
}

/** A tag such as `@article:sign-in-prompt`, with the range of its name. */
export interface ParsedTag {
  readonly name: string;
  readonly range: Range;
}

/** How a step's keyword positions it; `conjunction` is And/But, `unknown` is `*`. */
export type StepKeywordType = 'context' | 'action' | 'outcome' | 'conjunction' | 'unknown';

/** One step. */
export interface ParsedStep {
  /** The keyword as written, without trailing space (`Given`, `And`, `*`). */
  readonly keyword: string;
  readonly keywordType: StepKeywordType;
  /** The keyword type with And/But/`*` resolved from the previous step; `unknown` when nothing precedes. */
  readonly effectiveKeywordType: Exclude<StepKeywordType, 'conjunction'>;
  readonly text: string;
  /** From the keyword to the end of the text. */
  readonly range: Range;
  readonly keywordRange: Range;
  readonly textRange: Range;
  /** The whitespace before the keyword, for inserting sibling steps. */
  readonly indent: string;
  /** The last line of the step, after its data table or doc string. */
  readonly endLine: number;
}

/** One table cell, with the range of its text. */
export interface ParsedCell {
  readonly value: string;
  readonly range: Range;
}

/** One table row, from its first to its last `|`. */
export interface ParsedTableRow {
  readonly cells: readonly ParsedCell[];
  readonly range: Range;
}

/** An `Examples:` block of a Scenario Outline. */
export interface ParsedExamples {
  readonly keyword: string;
  readonly name: string;
  readonly tags: readonly ParsedTag[];
  /** The `Examples:` line. */
  readonly range: Range;
  readonly header: ParsedTableRow | undefined;
  readonly rows: readonly ParsedTableRow[];
}

/** A Scenario or Scenario Outline. */
export interface ParsedScenario {
  readonly keyword: string;
  readonly name: string;
  /** Whether the scenario has Examples or is written with an outline keyword. */
  readonly isOutline: boolean;
  readonly tags: readonly ParsedTag[];
  /** The title line, from the keyword to the end of the name. */
  readonly range: Range;
  readonly keywordRange: Range;
  readonly nameRange: Range;
  readonly description: string;
  /** The Background steps that run before this scenario (the feature's, then its rule's). */
  readonly backgroundSteps: readonly ParsedStep[];
  readonly steps: readonly ParsedStep[];
  readonly examples: readonly ParsedExamples[];
  /** The last line of the scenario's content (its description, a step, or a row of its last Examples). */
  readonly endLine: number;
  /** The name of the `Rule:` the scenario belongs to, if any. */
  readonly rule: string | undefined;
}

/** A `Background:` block. */
export interface ParsedBackground {
  readonly keyword: string;
  readonly name: string;
  readonly range: Range;
  readonly steps: readonly ParsedStep[];
}

/** The `Feature:` header. */
export interface ParsedFeature {
  readonly keyword: string;
  readonly name: string;
  readonly tags: readonly ParsedTag[];
  readonly description: string;
  readonly range: Range;
  readonly nameRange: Range;
  readonly language: string;
}

/** A comment line. */
export interface ParsedComment {
  readonly text: string;
  readonly range: Range;
}

/** A parsed scenario file: what could be built, and the syntax errors. */
export interface ParsedScenarioFile {
  /** `undefined` when the file has no feature (e.g. it is empty). */
  readonly feature: ParsedFeature | undefined;
  readonly backgrounds: readonly ParsedBackground[];
  /** Every scenario, including those inside `Rule:` blocks, in file order. */
  readonly scenarios: readonly ParsedScenario[];
  readonly comments: readonly ParsedComment[];
  readonly errors: readonly ScenarioSyntaxError[];
}
