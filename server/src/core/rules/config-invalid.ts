import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { ConfigFile } from '../parsed-file.js';
import type { Range } from '../types.js';
import { defineRule } from './rule.js';
import { closestId } from './support/unknown-id.js';

/** `config-invalid`: `kb.config.json` has a syntax error, an unknown key or rule id, or a value of the wrong type. */
export const configInvalid = defineRule({
  id: 'config-invalid',
  description: '`kb.config.json` must be valid JSON (comments allowed) matching the configuration schema, and name only known rules; invalid keys fall back to defaults.',
  defaultSeverity: 'error',
  appliesTo: 'config',
  fix: 'none',
  check({ file, knownRuleIds, report }) {
    for (const problem of file.loaded.problems) report({ range: problem.range, message: problem.message });
    const known = [...knownRuleIds];
    for (const setting of ruleSettings(file)) {
      if (knownRuleIds.has(setting.id)) continue;
      const suggestion = closestId(setting.id, known);
      const hint = suggestion === undefined ? 'it is ignored' : `did you mean "${suggestion}"? It is ignored`;
      report({ range: setting.range, message: `Unknown rule "${setting.id}" in "rules"; ${hint}.` });
    }
  },
});

/** The rule ids the `rules` object of the file names, with the range of each key. */
function ruleSettings(file: ConfigFile): Array<{ id: string; range: Range }> {
  let tree: ReturnType<typeof parseTree>;
  try {
    tree = parseTree(file.document.text, [], { allowTrailingComma: true });
  } catch {
    // Nesting deep enough to exhaust the stack: the configuration reader already reports it.
    return [];
  }
  const rules = tree === undefined ? undefined : findNodeAtLocation(tree, ['rules']);
  if (rules?.type !== 'object') return [];
  return (rules.children ?? []).flatMap((property) => {
    const key = property.children?.[0];
    return typeof key?.value === 'string' ? [{ id: key.value, range: file.document.rangeAt(key.offset, key.offset + key.length) }] : [];
  });
}
