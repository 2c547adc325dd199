import * as path from 'node:path';
import { Engine } from '../../../server/src/core/engine.js';
import type { InMemoryFileSystem } from '../../../server/src/core/kb-file-system.js';
import type { KbView } from '../../../server/src/core/kb-view.js';
import type { AnyRule, ReportedFinding, Rule } from '../../../server/src/core/rules/rule.js';
import type { ScenarioFile } from '../../../server/src/core/scenario/gherkin/scenario-file.js';
import type { StepCatalog } from '../../../server/src/core/scenario/steps/catalog-types.js';
import { REPOSITORY_ROOT, catalogWith } from './support.js';

/** Folder of the scenario rules' fixture KBs, one per rule id. */
export const RULE_FIXTURES = path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'scenario', 'rules');

/** A finding as a rule reported it, with the file it is in. */
export interface ScenarioFinding extends ReportedFinding {
  readonly path: string;
}

/** Loads a fixture folder into an in-memory KB rooted at `/kb`. */
export { loadFixtureKb as loadFixture } from '../../support/rule-fixtures.js';

/**
 * Runs `rule` on every scenario file of the KB on `fs`, with the bundled
 * step catalog (the engine does not provide `knowledge.steps` yet, so the
 * view adds it by delegation).
 */
export async function checkScenarios(fs: InMemoryFileSystem, rule: AnyRule, catalog: StepCatalog = catalogWith()): Promise<ScenarioFinding[]> {
  const kb = await new Engine({ fs }).openKb('/kb');
  const knowledge = Object.assign(Object.create(Object.getPrototypeOf(kb.knowledge) as object) as typeof kb.knowledge, kb.knowledge, { steps: catalog });
  const view: KbView = {
    root: kb.root,
    config: kb.config,
    knowledge,
    exists: (target) => kb.exists(target),
    isBehindLinkOut: (target) => kb.isBehindLinkOut(target),
    existingPathIgnoringCase: (target) => kb.existingPathIgnoringCase(target),
    kindOf: (target) => kb.kindOf(target),
    markdown: (target) => kb.markdown(target),
    articles: () => kb.articles(),
    scenarios: () => kb.scenarios(),
  };
  const findings: ScenarioFinding[] = [];
  for (const file of kb.scenarios()) {
    (rule as Rule<'scenario'>).check({
      file: file as ScenarioFile,
      kb: view,
      config: kb.config,
      today: new Date(2026, 10, 25),
      knownRuleIds: new Set([rule.id]),
      report: (finding) => findings.push({ ...finding, path: file.path }),
    });
  }
  return findings;
}

/** `# expect-next-line: id[, id]` comment lines of a scenario fixture: a finding of each id starts on the next line. */
export function readScenarioExpectations(text: string): Array<{ ruleId: string; line: number }> {
  return text.split(/\r?\n/).flatMap((line, index) => {
    const ids = /^\s*#\s*expect-next-line:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/.exec(line)?.[1];
    return ids === undefined ? [] : ids.split(',').map((id) => ({ ruleId: id.trim(), line: index + 1 }));
  });
}

/** Applies non-overlapping edits (overlapping ones are skipped, as an editor would). */
export { applyEdits } from '../../support/rule-fixtures.js';
