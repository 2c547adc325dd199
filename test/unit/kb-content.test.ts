import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { Engine, type KnowledgeBase, resolveLink } from '../../server/src/core/index.js';
import { NodeFileSystem, toKbPath } from '../../server/src/node/node-file-system.js';
import { REPOSITORY_ROOT } from '../support/rule-fixtures.js';

// Facts about the KB that ships with the tool; an edit that breaks one fails here, not in a user's editor.
describe('the bundled KB (kb/)', () => {
  const root = toKbPath(path.join(REPOSITORY_ROOT, 'kb'));
  // The CLI bundles this same folder, so checking it with itself as the bundled KB is what `kb-lint kb` does.
  const engine = new Engine({ fs: new NodeFileSystem(), today: () => new Date(), bundledRoot: root });
  let kb: KnowledgeBase;
  before(async () => {
    kb = await engine.openKb(root);
  });

  /** Every KB path that some article links to. */
  const linkedFromArticles = (): Set<string> => new Set(kb.articles().flatMap((article) => article.links.flatMap((link) => {
    const resolved = resolveLink(article.path, link.url);
    return resolved.kind === 'relative' ? [resolved.path] : [];
  })));

  it('has no error and no warning (kb-lint kb)', () => {
    const loud = [...engine.checkAll(kb).values()].flat().filter((finding) => finding.severity !== 'info');
    assert.deepEqual(loud.map((finding) => `${path.posix.relative(root, finding.path)}:${finding.range.start.line + 1} ${finding.ruleId}: ${finding.message}`), []);
  });

  it('covers every row of each model\'s decision table with a scenario (model-coverage)', () => {
    const uncovered = [...engine.checkAll(kb).values()].flat().filter((finding) => finding.ruleId === 'model-coverage');
    assert.deepEqual(uncovered.map((finding) => `${path.posix.relative(root, finding.path)}: ${finding.message}`), []);
  });

  it('defines at least 30 glossary terms, all of its own', () => {
    const glossary = kb.knowledge.glossary;
    assert.ok(glossary.length >= 30, `only ${glossary.length} glossary entries`);
    assert.deepEqual(glossary.filter((entry) => entry.source !== 'kb').map((entry) => entry.id), []);
  });

  it('links every glossary term from at least one article', () => {
    const linked = linkedFromArticles();
    assert.deepEqual(kb.knowledge.glossary.filter((entry) => !linked.has(entry.path)).map((entry) => entry.id), []);
  });

  it('links every remediation from at least one article', () => {
    const linked = linkedFromArticles();
    assert.ok(kb.knowledge.remediations.length >= 3, `only ${kb.knowledge.remediations.length} remediations`);
    assert.deepEqual(kb.knowledge.remediations.filter((remediation) => !linked.has(remediation.path)).map((remediation) => remediation.id), []);
  });

  it('declares every cause in at least one article', () => {
    const declared = new Set(kb.articles().flatMap((article) => {
      const causes = article.frontMatter?.data?.causes;
      return Array.isArray(causes) ? causes.map(String) : [];
    }));
    assert.ok(kb.knowledge.causes.length >= 2, `only ${kb.knowledge.causes.length} causes`);
    assert.deepEqual(kb.knowledge.causes.filter((cause) => !declared.has(cause.id)).map((cause) => cause.id), []);
  });

  it('ranks its remediations without ties, the recommended one first', () => {
    const ranks = kb.knowledge.remediations.map((remediation) => remediation.rank);
    assert.deepEqual(ranks, ranks.map((_, index) => index + 1));
    assert.equal(kb.knowledge.remediations[0]?.id, 'switch-outlook-anywhere-to-ntlm');
  });
});
