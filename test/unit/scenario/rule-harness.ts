import type { Finding, InMemoryFileSystem } from '../../../server/src/core/index.js';
import type { AnyRule } from '../../../server/src/core/rules/rule.js';
import { checkWithRule } from '../../support/rule-fixtures.js';

/** The findings of `rule` in every scenario file of the KB on `fs` (rooted at `/kb`), with the bundled step catalog. */
export async function checkScenarios(fs: InMemoryFileSystem, rule: AnyRule): Promise<Finding[]> {
  return [...(await checkWithRule(fs, rule)).values()].flat();
}

/** Applies non-overlapping edits (overlapping ones are skipped, as an editor would). */
export { applyEdits } from '../../support/rule-fixtures.js';
