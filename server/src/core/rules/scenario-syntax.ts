import { defineRule } from './rule.js';

/** `scenario-syntax`: the reference Gherkin parser rejects part of a scenario file. */
export const scenarioSyntax = defineRule({
  id: 'scenario-syntax',
  description: 'A scenario file must be valid Gherkin; each parser error is reported at the parser\'s position, and the rest of the file is still checked.',
  defaultSeverity: 'error',
  appliesTo: 'scenario',
  fix: 'none',
  check({ file, report }) {
    for (const error of file.errors) report({ range: error.range, message: error.message });
  },
});
