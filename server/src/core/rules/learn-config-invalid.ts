import { defineRule } from './rule.js';

/** `learn-config-invalid`: a `docfx.json`, `.openpublishing.*.json` or `toc.yml` file cannot be read the way the Learn build reads it. */
export const learnConfigInvalid = defineRule({
  id: 'learn-config-invalid',
  description: 'A `docfx.json`, `.openpublishing.publish.config.json`, redirection file or YAML table of contents (`toc.yml`) must be valid JSON or YAML of the shape the Learn build reads; what cannot be read is left out of the repository model.',
  defaultSeverity: 'error',
  appliesTo: ['repository', 'toc'],
  fix: 'none',
  check({ file, report }) {
    // A `TOC.md` is Markdown: whatever it holds, the build reads it.
    const problems = file.kind === 'repository' ? file.json.problems : file.kind === 'yaml-toc' ? file.problems : [];
    for (const problem of problems) report({ range: problem.range, message: problem.message });
  },
});
