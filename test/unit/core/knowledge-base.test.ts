import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BINARY_FILE, Engine, InMemoryFileSystem, kbRootsIn } from '../../../server/src/core/index.js';

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
    assert.deepEqual(kb.dependencies.dependentsOf({ path: '/kb/b.md', kind: 'article', level: 'outline' }), ['/kb/a.md']);
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

  it('classifies files again after a configuration change or a new file', async () => {
    const fs = new InMemoryFileSystem({
      '/kb/kb.config.json': '{}',
      '/kb/articles/a.md': article(''),
      '/kb/articles/b.md': article(''),
    });
    const kb = await new Engine({ fs, today }).openKb('/kb');
    assert.equal(kb.kindOf('/kb/articles/b.md'), 'article');
    kb.setText('/kb/kb.config.json', '{ "exclude": ["articles/b.md"] }');
    assert.equal(kb.kindOf('/kb/articles/b.md'), undefined);
    assert.deepEqual(kb.checkedPaths(), ['/kb/articles/a.md', '/kb/kb.config.json']);
    kb.setText('/kb/kb.config.json', '{}');
    assert.equal(kb.kindOf('/kb/articles/b.md'), 'article');
    assert.equal(kb.kindOf('/kb/scenarios/new.scenario'), 'scenario');
    kb.setText('/kb/articles/c.md', article(''));
    assert.deepEqual(kb.checkedPaths(), ['/kb/articles/a.md', '/kb/articles/b.md', '/kb/articles/c.md', '/kb/kb.config.json']);
  });

  it('opens a KB from the listing of its folder without listing it again, and ignores the listing of another folder', async () => {
    const files = { '/ws/kb.config.json': '{}', '/ws/a.md': article('[b](sub/b.md)'), '/ws/sub/kb.config.json': '{}', '/ws/sub/b.md': article('Text.') };
    let listings = 0;
    const fs = new InMemoryFileSystem(files);
    const counting = Object.assign(Object.create(fs) as InMemoryFileSystem, {
      listFiles: (...args: Parameters<InMemoryFileSystem['listFiles']>) => {
        listings++;
        return fs.listFiles(...args);
      },
    });
    const engine = new Engine({ fs: counting, today });
    const listing = await engine.listFolder('/ws');
    assert.deepEqual(kbRootsIn(listing), ['/ws', '/ws/sub']);
    const kb = await engine.openKb('/ws', { listing });
    assert.equal(listings, 1);
    const fresh = await new Engine({ fs, today }).openKb('/ws');
    assert.deepEqual(kb.allPaths(), fresh.allPaths());
    assert.deepEqual(kb.checkedPaths(), fresh.checkedPaths());
    await engine.openKb('/ws/sub', { listing });
    assert.equal(listings, 2, 'a listing of another folder is not the KB\'s');
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

  describe('with a configuration override (openKb configPath)', () => {
    const files = {
      '/kb/kb.config.json': '{ "rules": { "link-target": "off" } }',
      '/kb/a.md': article('[x](missing.md)'),
      '/shared/team.json': '{ "rules": { "link-target": "warning" } }',
    };

    it('reads the configuration from the override, wherever it is, instead of the root kb.config.json', async () => {
      const engine = new Engine({ fs: new InMemoryFileSystem(files), today });
      const kb = await engine.openKb('/kb', { configPath: '/shared/team.json' });
      assert.equal(kb.configOverride, '/shared/team.json');
      assert.deepEqual(engine.check(kb, '/kb/a.md').map((finding) => [finding.ruleId, finding.severity]), [['link-target', 'warning']]);
      // The override is the KB's config file: checked, even outside the root; the root's kb.config.json is an ordinary file.
      assert.deepEqual(kb.checkedPaths().map((path) => [path, kb.kindOf(path)]), [['/kb/a.md', 'article'], ['/shared/team.json', 'config']]);
      assert.equal(kb.kindOf('/kb/kb.config.json'), undefined);
      assert.equal(kb.exists('/shared'), false, 'the folder of an override outside the root is not part of the KB');
      assert.deepEqual(engine.check(kb, '/shared/team.json'), []);
      // Without the option, the same KB uses its kb.config.json.
      assert.deepEqual(engine.check(await engine.openKb('/kb'), '/kb/a.md'), []);
    });

    it('reports problems of the override on it, by its own name, and follows its edits', async () => {
      const engine = new Engine({ fs: new InMemoryFileSystem({ ...files, '/shared/team.json': '{ "rules": { "link-target": "loud" } }' }), today });
      const kb = await engine.openKb('/kb', { configPath: '/shared/team.json' });
      const [problem, ...rest] = engine.check(kb, '/shared/team.json');
      assert.deepEqual(rest, []);
      assert.equal(problem?.ruleId, 'config-invalid');
      assert.equal(problem?.path, '/shared/team.json');
      assert.match(problem?.message ?? '', /^"rules\.link-target" must be one of/);
      assert.deepEqual(engine.check(kb, '/kb/a.md').map((finding) => finding.severity), ['error'], 'the invalid key falls back to the default');

      assert.equal(kb.setText('/shared/team.json', '{ "rules": { "link-target": "off" } }'), 'config');
      assert.deepEqual(engine.check(kb, '/shared/team.json'), []);
      assert.deepEqual(engine.check(kb, '/kb/a.md'), []);
      assert.equal(kb.setText('/kb/kb.config.json', '{}'), 'file', 'the root kb.config.json is not the configuration');
      assert.deepEqual(engine.check(kb, '/kb/a.md'), []);
      assert.equal(kb.exists('/shared'), false);
    });

    it('reports an override that cannot be read on it, and uses the defaults', async () => {
      const engine = new Engine({ fs: new InMemoryFileSystem(files), today });
      const kb = await engine.openKb('/kb', { configPath: '/shared/missing.json' });
      assert.ok(kb.checkedPaths().includes('/shared/missing.json'));
      const findings = engine.check(kb, '/shared/missing.json');
      assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.severity, finding.range.start.line]), [['config-invalid', 'error', 0]]);
      assert.match(findings[0]?.message ?? '', /missing\.json does not exist or cannot be read; the defaults are used/);
      assert.deepEqual(engine.check(kb, '/kb/a.md').map((finding) => [finding.ruleId, finding.severity]), [['link-target', 'error']]);

      assert.equal(kb.setText('/shared/missing.json', BINARY_FILE), 'config');
      assert.match(engine.check(kb, '/shared/missing.json')[0]?.message ?? '', /is not valid UTF-8 text/);
      assert.equal(kb.setText('/shared/missing.json', '{ "rules": { "link-target": "off" } }'), 'config');
      assert.deepEqual(engine.check(kb, '/shared/missing.json'), []);
      assert.deepEqual(engine.check(kb, '/kb/a.md'), []);
      assert.equal(kb.setText('/shared/missing.json', undefined), 'config');
      assert.equal(engine.check(kb, '/shared/missing.json')[0]?.ruleId, 'config-invalid');
    });

    it('takes an override inside the root as the config file and keeps it a file of the KB', async () => {
      const engine = new Engine({ fs: new InMemoryFileSystem({ ...files, '/kb/.config/kb.json': '{ "rules": { "link-target": "info" } }' }), today });
      const kb = await engine.openKb('/kb', { configPath: '/kb/.config/kb.json' });
      assert.deepEqual(engine.check(kb, '/kb/a.md').map((finding) => finding.severity), ['info']);
      assert.equal(kb.kindOf('/kb/.config/kb.json'), 'config');
      assert.equal(kb.exists('/kb/.config'), true);
      assert.equal(kb.textOf('/kb/.config/kb.json'), '{ "rules": { "link-target": "info" } }');
    });
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
