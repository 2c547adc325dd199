import { defineRule } from './rule.js';

/** `config-invalid`: `kb.config.json` has a syntax error, an unknown key or a value of the wrong type. */
export const configInvalid = defineRule({
  id: 'config-invalid',
  description: '`kb.config.json` must be valid JSON (comments allowed) matching the configuration schema; invalid keys fall back to defaults.',
  defaultSeverity: 'error',
  appliesTo: 'config',
  fix: 'none',
  check({ file, report }) {
    for (const problem of file.loaded.problems) report({ range: problem.range, message: problem.message });
  },
});
