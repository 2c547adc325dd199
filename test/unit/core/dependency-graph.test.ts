import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEPENDENCY_KINDS, Engine, InMemoryFileSystem } from '../../../server/src/core/index.js';

const today = (): Date => new Date(2026, 10, 25);
const article = (body: string): string => `---\ntitle: T\ndescription: D\nms.topic: conceptual\nms.date: 11/20/2026\n---\n\n# T\n\n${body}\n`;

async function openKb(): Promise<Awaited<ReturnType<Engine['openKb']>>> {
  const fs = new InMemoryFileSystem({
    '/kb/kb.config.json': '{}',
    '/kb/articles/a.md': article('See [b](b.md#cause) and ![x](media/x.png).'),
    '/kb/articles/b.md': article('## Cause\n\nText.'),
    '/kb/articles/c.md': article('No links.'),
    '/kb/claims/c1.md': '---\nid: c1\nwhen:\n  - - moon\nmessage: No.\nsee: ../articles/b.md#cause\n---\n\nWhy.\n',
    '/kb/scenarios/s.scenario': '@article:articles/b.md\nFeature: f\n',
    '/kb/scenarios/untagged.scenario': 'Feature: g\n',
    '/kb/models/m.yaml': 'id: m\n',
  });
  return new Engine({ fs, today }).openKb('/kb');
}

describe('DependencyGraph', () => {
  it('records each reference once, with its kind', async () => {
    const kb = await openKb();
    const describe = (path: string): string[] => kb.dependencies.dependenciesOf(path).map((dependency) => `${dependency.kind} ${'path' in dependency.to ? dependency.to.path : `kind:${dependency.to.fileKind}`}`);
    assert.deepEqual(describe('/kb/articles/a.md'), [
      'link /kb/articles/b.md',
      'image /kb/articles/media/x.png',
      'claim-explanation /kb/articles/b.md',
      'knowledge kind:config', 'knowledge kind:glossary', 'knowledge kind:remediation', 'knowledge kind:cause', 'knowledge kind:claim', 'knowledge kind:steps',
      'learn-repository kind:repository',
    ]);
    assert.ok(describe('/kb/claims/c1.md').includes('claim-see /kb/articles/b.md'));
    assert.ok(describe('/kb/scenarios/s.scenario').includes('scenario-article kind:article'));
    assert.ok(!describe('/kb/scenarios/untagged.scenario').includes('scenario-article kind:article'));
    assert.deepEqual(new Set(DEPENDENCY_KINDS.map((kind) => kind.id)).size, DEPENDENCY_KINDS.length);
  });

  it('names the dependents a change reaches, by what they read', async () => {
    const kb = await openKb();
    const dependents = (path: string, level: 'existence' | 'outline' | 'text'): string[] | 'all' => kb.dependencies.dependentsOf({ path, kind: kb.kindOf(path), level });
    // Anchors of b: the linking article, the claim whose see: names it, the tagged scenario; every article shows the claim's section.
    assert.deepEqual(dependents('/kb/articles/b.md', 'outline'), ['/kb/articles/a.md', '/kb/articles/c.md', '/kb/claims/c1.md', '/kb/scenarios/s.scenario']);
    // Only its text: just the articles that show the claim's section (its heading's range may move).
    assert.deepEqual(dependents('/kb/articles/b.md', 'text'), ['/kb/articles/a.md', '/kb/articles/c.md']);
    assert.deepEqual(dependents('/kb/articles/c.md', 'text'), []);
    assert.deepEqual(dependents('/kb/articles/c.md', 'existence'), ['/kb/scenarios/s.scenario']);
    // An image appearing: the article showing it, also through a different letter case or a folder.
    assert.deepEqual(dependents('/kb/articles/media/x.png', 'existence'), ['/kb/articles/a.md']);
    assert.deepEqual(dependents('/kb/articles/MEDIA/x.png', 'existence'), ['/kb/articles/a.md']);
    assert.deepEqual(dependents('/kb/articles/media/x.png', 'text'), []);
    // A scenario's text: the other scenario files compare their cases with it, and the model lists the rows it covers.
    assert.deepEqual(dependents('/kb/scenarios/untagged.scenario', 'text'), ['/kb/models/m.yaml', '/kb/scenarios/s.scenario']);
    assert.deepEqual(dependents('/kb/scenarios/new.scenario', 'existence'), ['/kb/models/m.yaml', '/kb/scenarios/s.scenario', '/kb/scenarios/untagged.scenario']);
    // What every file reads.
    assert.equal(dependents('/kb/claims/c1.md', 'text'), 'all');
    assert.equal(dependents('/kb/kb.config.json', 'text'), 'all');
  });

  it('follows edits: a new link is a new dependency, a removed one is gone', async () => {
    const kb = await openKb();
    const of = (path: string): string[] | 'all' => kb.dependencies.dependentsOf({ path, kind: 'article', level: 'existence' });
    assert.deepEqual(of('/kb/articles/new.md'), ['/kb/scenarios/s.scenario']);
    kb.setText('/kb/articles/c.md', article('See [new](new.md).'));
    assert.deepEqual(of('/kb/articles/new.md'), ['/kb/articles/c.md', '/kb/scenarios/s.scenario']);
    kb.setText('/kb/articles/c.md', article('No links.'));
    assert.deepEqual(of('/kb/articles/new.md'), ['/kb/scenarios/s.scenario']);
  });
});
