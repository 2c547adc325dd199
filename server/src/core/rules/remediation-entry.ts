import { frontMatterItemRange } from '../domain/front-matter-fields.js';
import { readRemediation } from '../domain/remediation.js';
import type { Range } from '../types.js';
import { defineRule } from './rule.js';
import { unknownIdHelp } from './support/unknown-id.js';

/** `remediation-entry`: a remediation file is malformed or resolves a cause that does not exist. */
export const remediationEntry = defineRule({
  id: 'remediation-entry',
  description: 'A remediation needs `title`, `resolves`, `rank` and `tradeoffs` of the right types, an `id` equal to its file name, and `resolves` ids of existing causes.',
  defaultSeverity: 'error',
  appliesTo: 'remediation',
  fix: 'suggestion',
  check({ file, kb, report }) {
    const knowledge = kb.knowledge;
    for (const problem of knowledge.problems.get(file.path) ?? []) report({ range: problem.range, message: problem.message });
    const own = knowledge.remediations.find((remediation) => remediation.path === file.path) ?? readRemediation(file, 'kb').entry;
    if (own === undefined) return;
    const causeIds = knowledge.causes.map((cause) => cause.id);
    for (const id of own.resolves) {
      if (knowledge.cause(id) !== undefined) continue;
      const range: Range = frontMatterItemRange(file, 'resolves', id) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const { hint, fixes } = unknownIdHelp(id, range, causeIds);
      report({ range, message: `"resolves" names "${id}", which is not a cause${hint}`, fixes });
    }
  },
});
