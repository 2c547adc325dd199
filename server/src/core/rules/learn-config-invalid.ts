import { defineRule } from './rule.js';

/** `learn-config-invalid`: a `docfx.json` or `.openpublishing.*.json` file cannot be read the way the Learn build reads it. */
export const learnConfigInvalid = defineRule({
  id: 'learn-config-invalid',
  description: 'A `docfx.json`, `.openpublishing.publish.config.json` or redirection file must be valid JSON of the shape the Learn build reads; what cannot be read is left out of the repository model.',
  defaultSeverity: 'error',
  appliesTo: 'repository',
  fix: 'none',
  check({ file, report }) {
    for (const problem of file.json.problems) report({ range: problem.range, message: problem.message });
  },
});
