import { defineRule } from './rule.js';

/** `step-catalog-entry`: a step catalog file has malformed entries or phrasings that clash with others. */
export const stepCatalogEntry = defineRule({
  id: 'step-catalog-entry',
  description: 'Step catalog files (YAML in the `steps` folder) must be well-formed, and no phrasing may be claimed by two entries.',
  defaultSeverity: 'error',
  appliesTo: 'steps',
  fix: 'none',
  check({ file, kb, report }) {
    for (const problem of kb.knowledge.stepProblems) {
      if (problem.path === file.path) report({ range: problem.range, message: problem.message, severity: problem.severity });
    }
  },
});
