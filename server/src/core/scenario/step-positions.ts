/**
 * Where steps stand in a scenario: the catalog kind a keyword suggests, and
 * where a Given step that settles an open condition is inserted.
 */
import type { ParsedScenario, ParsedStep } from './gherkin/parse-scenario.js';
import type { StepKind } from './steps/catalog-types.js';

/** The catalog kind a step's keyword suggests, for filtering suggestions and completion. */
export function kindOfKeyword(step: ParsedStep): StepKind | undefined {
  switch (step.effectiveKeywordType) {
    case 'context':
      return 'given';
    case 'action':
      return 'when';
    case 'outcome':
      return 'then';
    default:
      return undefined;
  }
}

/**
 * Where a Given step that settles a condition goes: before the first When
 * of the scenario, else before its first Then, else after its last step.
 * `line` is where to insert; `afterStep` tells whether a step of the
 * scenario precedes it (so the keyword should be "And").
 */
export function conditionInsertionPoint(scenario: ParsedScenario): { line: number; indent: string; afterStep: boolean } {
  const steps = scenario.steps;
  const firstWhen = steps.findIndex((step) => step.keywordType === 'action');
  const boundary = firstWhen !== -1 ? firstWhen : steps.findIndex((step) => step.keywordType === 'outcome');
  const anchor = boundary === -1 ? undefined : steps[boundary];
  if (anchor !== undefined) return { line: anchor.range.start.line, indent: anchor.indent, afterStep: boundary > 0 };
  const last = steps[steps.length - 1];
  if (last !== undefined) return { line: last.endLine + 1, indent: last.indent, afterStep: true };
  // Below the description: a step above it would turn the description into a syntax error.
  return { line: (scenario.examples.length === 0 ? scenario.endLine : scenario.range.start.line) + 1, indent: `${scenario.keywordRange.start.character > 0 ? ' '.repeat(scenario.keywordRange.start.character) : ''}  `, afterStep: false };
}
