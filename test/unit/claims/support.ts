import * as path from 'node:path';
import { Engine, type Finding, type InMemoryFileSystem, type KnowledgeBase } from '../../../server/src/core/index.js';
import { domainClaim } from '../../../server/src/core/rules/domain-claim.js';
import { checkInRepositoryKb, repositoryKbFileSystem } from '../../support/repository-kb.js';
import { FIXTURE_TODAY, REPOSITORY_ROOT } from '../../support/rule-fixtures.js';

/** The claim fixtures: one article per claim, named after it. */
export const CLAIM_FIXTURES = path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'claims');

/** The repository's own KB (its claims, glossary and articles) on an in-memory file system rooted at `/kb`, plus `extra` files. */
export function repositoryKb(extra: Readonly<Record<string, string>> = {}): InMemoryFileSystem {
  const fs = repositoryKbFileSystem();
  for (const [file, text] of Object.entries(extra)) fs.write(file, text);
  return fs;
}

/** Opens the KB on `fs` at `/kb`. */
export async function openKb(fs: InMemoryFileSystem): Promise<{ engine: Engine; kb: KnowledgeBase }> {
  const engine = new Engine({ fs, today: () => FIXTURE_TODAY });
  return { engine, kb: await engine.openKb('/kb') };
}

/** The `domain-claim` findings of one article of the repository KB written at `/kb/articles/test.md`. */
export async function claimFindings(text: string, extra: Readonly<Record<string, string>> = {}): Promise<Finding[]> {
  const file = '/kb/articles/test.md';
  if (Object.keys(extra).length === 0) return checkInRepositoryKb(file, text, [domainClaim]);
  const { engine, kb } = await openKb(repositoryKb({ ...extra, [file]: text }));
  return engine.check(kb, file, { rules: [domainClaim] });
}

/** The id of the claim a finding reports (its first related location is the claim file). */
export function claimOf(finding: Finding): string {
  return path.posix.basename(finding.related?.[0]?.path ?? '', '.md');
}
