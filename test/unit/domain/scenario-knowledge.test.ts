import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, Knowledge, KnowledgeBase } from '../../../server/src/core/index.js';
import type { KnowledgeFiles } from '../../../server/src/core/domain/knowledge.js';
import { FIXTURE_TODAY } from '../../support/rule-fixtures.js';
import { bundledKbFiles } from '../../support/workspace-harness.js';

/** The domain files of the repository's KB, with a count of how often its step catalogs and models are asked for. */
async function countedDomainFiles(): Promise<{ files: KnowledgeFiles; reads: { steps: number; models: number } }> {
  const kb = await KnowledgeBase.load(bundledKbFiles(), '/kb');
  const own = kb.domainFiles();
  const reads = { steps: 0, models: 0 };
  const files: KnowledgeFiles = {
    glossary: own.glossary,
    remediations: own.remediations,
    causes: own.causes,
    claims: own.claims,
    get steps() {
      reads.steps++;
      return own.steps;
    },
    get models() {
      reads.models++;
      return own.models;
    },
  };
  return { files, reads };
}

describe('step catalogs and problem models are read on first use', () => {
  it('are not read to build the knowledge, nor for its glossary, claims, causes and remediations', async () => {
    const { files, reads } = await countedDomainFiles();
    const knowledge = Knowledge.build(files, 'kb', undefined);
    assert.ok(knowledge.glossary.length > 0 && knowledge.claims.length > 0 && knowledge.causes.length > 0);
    assert.ok(knowledge.remediationsFor(knowledge.causes[0]?.id ?? '').length > 0);
    assert.ok(knowledge.terms.find('Remote users connect through Outlook Anywhere.').length > 0);
    assert.deepEqual(reads, { steps: 0, models: 0 });
  });

  it('are read once, when any of them is first asked for, and then always give the same objects', async () => {
    const { files, reads } = await countedDomainFiles();
    const knowledge = Knowledge.build(files, 'kb', undefined);
    const models = knowledge.models;
    assert.deepEqual(reads, { steps: 1, models: 1 });
    assert.deepEqual(models.map((model) => model.id).sort(), ['lync-mapi-prompt', 'office-fba-prompt']);
    assert.ok(knowledge.stepFiles.length === 2 && knowledge.modelFiles.length === 2);
    assert.deepEqual([knowledge.stepProblems, knowledge.modelProblems], [[], []]);
    assert.equal(knowledge.models, models);
    assert.equal(knowledge.steps, knowledge.steps);
    assert.deepEqual(reads, { steps: 1, models: 1 });
  });

  it('a KB\'s own knowledge reads the bundled step catalogs and models only when its own are asked for', async () => {
    const bundled = await countedDomainFiles();
    const base = Knowledge.build(bundled.files, 'bundled', undefined);
    const own = Knowledge.build({ glossary: [], remediations: [], causes: [], claims: [], steps: [], models: [] }, 'kb', base);
    assert.ok(own.glossary.length > 0);
    assert.deepEqual(bundled.reads, { steps: 0, models: 0 });
    assert.deepEqual(own.models.map((model) => model.id).sort(), ['lync-mapi-prompt', 'office-fba-prompt']);
    assert.deepEqual(bundled.reads, { steps: 1, models: 1 });
  });

  it('checking an article parses no step catalog or model; checking a scenario does', async () => {
    const engine = new Engine({ fs: bundledKbFiles(), today: () => FIXTURE_TODAY });
    const kb = await engine.openKb('/kb');
    const parsed: string[] = [];
    const parse = kb.parse.bind(kb);
    kb.parse = (path) => {
      parsed.push(path);
      return parse(path);
    };
    const scenarioKnowledge = (): string[] => parsed.filter((path) => kb.kindOf(path) === 'steps' || kb.kindOf(path) === 'model');
    const article = kb.checkedPaths().find((path) => kb.kindOf(path) === 'article');
    const scenario = kb.checkedPaths().find((path) => kb.kindOf(path) === 'scenario');
    assert.ok(article !== undefined && scenario !== undefined);
    engine.check(kb, article);
    assert.ok(parsed.length > 0, 'checking the article parsed the KB\'s domain files');
    assert.deepEqual(scenarioKnowledge(), []);
    engine.check(kb, scenario);
    assert.deepEqual(scenarioKnowledge().sort(), ['/kb/models/lync-mapi-prompt.yaml', '/kb/models/office-fba-prompt.yaml', '/kb/steps/catalog.yaml', '/kb/steps/office-fba-prompt.yaml']);
  });
});
