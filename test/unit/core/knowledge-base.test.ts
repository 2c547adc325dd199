import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BINARY_FILE, Engine, InMemoryFileSystem } from '../../../server/src/core/index.js';

const today = (): Date => new Date(2026, 10, 25);
const article = (body: string): string => `---\ntitle: T\ndescription: D\nms.topic: conceptual\nms.date: 11/20/2026\n---\n\n# T\n\n${body}\n`;

describe('KnowledgeBase', () => {
  it('checks a link anchor across files and follows edits of the target', async () => {
    const fs = new InMemoryFileSystem({
      '/kb/a.md': article('[b](b.md#cause)'),
      '/kb/b.md': article('## Cause\n\nText.'),
    });
    const engine = new Engine({ fs, today });
    const kb = await engine.openKb('/kb');
    assert.deepEqual(engine.check(kb, '/kb/a.md'), []);

    kb.setText('/kb/b.md', article('## Reason\n\nText.'));
    assert.deepEqual(kb.linkingTo('/kb/b.md'), ['/kb/a.md']);
    assert.deepEqual(engine.check(kb, '/kb/a.md').map((finding) => finding.ruleId), ['link-anchor']);
  });

  it('classifies files by kind and skips excluded ones', async () => {
    const fs = new InMemoryFileSystem({
      '/kb/kb.config.json': '{}',
      '/kb/articles/a.md': article(''),
      '/kb/glossary/mapi.md': '---\nterm: MAPI\n---\nDefinition.',
      '/kb/includes/snippet.md': 'no front matter',
      '/kb/README.md': '# Read me',
      '/kb/scenarios/s.scenario': 'Feature: x',
      '/kb/media/x.png': '',
    });
    const kb = await new Engine({ fs, today }).openKb('/kb');
    assert.deepEqual(kb.checkedPaths().map((path) => [path, kb.kindOf(path)]), [
      ['/kb/articles/a.md', 'article'],
      ['/kb/glossary/mapi.md', 'glossary'],
      ['/kb/kb.config.json', 'config'],
      ['/kb/scenarios/s.scenario', 'scenario'],
    ]);
    assert.equal(kb.exists('/kb/media/x.png'), true);
    assert.equal(kb.exists('/kb/media'), true);
  });

  it('reports a binary article instead of failing', async () => {
    const fs = new InMemoryFileSystem({ '/kb/a.md': article('') });
    const engine = new Engine({ fs, today });
    const kb = await engine.openKb('/kb');
    kb.setText('/kb/a.md', BINARY_FILE);
    assert.deepEqual(engine.check(kb, '/kb/a.md').map((finding) => finding.ruleId), ['file-unreadable']);
  });

  it('applies rule severities from the config and a config change re-reads it', async () => {
    const fs = new InMemoryFileSystem({ '/kb/kb.config.json': '{ "rules": { "link-target": "warning" } }', '/kb/a.md': article('[x](missing.md)') });
    const engine = new Engine({ fs, today });
    const kb = await engine.openKb('/kb');
    assert.deepEqual(engine.check(kb, '/kb/a.md').map((finding) => finding.severity), ['warning']);
    assert.equal(kb.setText('/kb/kb.config.json', '{ "rules": { "link-target": "off" } }'), 'config');
    assert.deepEqual(engine.check(kb, '/kb/a.md'), []);
  });

  it('turns a rule that throws into a finding and runs the others', async () => {
    const fs = new InMemoryFileSystem({ '/kb/a.md': article('') });
    const engine = new Engine({ fs, today });
    const kb = await engine.openKb('/kb');
    const throwing = { id: 'boom', description: 'throws', defaultSeverity: 'warning', appliesTo: 'article', fix: 'none', check: () => { throw new Error('bad state'); } } as const;
    const findings = engine.check(kb, '/kb/a.md', { rules: [throwing] });
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? '', /Rule "boom" failed: bad state/);
  });
});
