import { defineRule } from './rule.js';

/** `cause-entry`: a cause file is malformed, or no remediation resolves the cause. */
export const causeEntry = defineRule({
  id: 'cause-entry',
  description: 'A cause needs a `title`, an `id` equal to its file name and a list of `signals`; at least one remediation should resolve it.',
  defaultSeverity: 'error',
  appliesTo: 'cause',
  fix: 'none',
  check({ file, kb, report }) {
    const knowledge = kb.knowledge;
    const problems = knowledge.problems.get(file.path) ?? [];
    for (const problem of problems) report({ range: problem.range, message: problem.message });
    const own = knowledge.causes.find((cause) => cause.path === file.path);
    if (own === undefined || knowledge.remediationsFor(own.id).length > 0) return;
    const title = file.frontMatter?.entries.find((entry) => entry.key === 'title');
    report({
      range: title?.valueRange ?? file.document.rangeAt(0, 0),
      message: `No remediation resolves cause "${own.id}"; add "${own.id}" to the "resolves" list of at least one remediation, so that articles declaring it can link a fix.`,
      severity: 'warning',
    });
  },
});
