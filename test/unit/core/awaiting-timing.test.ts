import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AWAITING_TIMING, Engine, InMemoryFileSystem } from '../../../server/src/core/index.js';

const today = (): Date => new Date(2026, 10, 25);
const article = (body: string): string => `---\ntitle: T\ndescription: D\nms.topic: conceptual\nms.date: 11/20/2026\n---\n\n# T\n\n${body}\n`;

async function openKb(): Promise<{ engine: Engine; kb: Awaited<ReturnType<Engine['openKb']>> }> {
  const fs = new InMemoryFileSystem({
    '/kb/kb.config.json': '{}',
    '/kb/articles/a.md': article('See [b](b.md#cause).'),
    '/kb/articles/b.md': article('## Symptoms\n\nText.'),
    '/kb/glossary/widget.md': '---\nterm: Widget Server\nsummary: Hands out widgets.\n---\n\nText.\n',
  });
  const engine = new Engine({ fs, today });
  return { engine, kb: await engine.openKb('/kb') };
}

const rulesOf = (findings: ReadonlyArray<{ ruleId: string }>): string[] => findings.map((finding) => finding.ruleId);

describe('a text its host is still timing', () => {
  it('is a file that exists, with nothing known of it: no finding of its own, none about links into it', async () => {
    const { engine, kb } = await openKb();
    assert.ok(rulesOf(engine.check(kb, '/kb/articles/a.md')).includes('link-anchor'), 'the anchor is missing from the timed text');

    kb.setText('/kb/articles/b.md', AWAITING_TIMING);
    assert.ok(kb.exists('/kb/articles/b.md'));
    assert.equal(kb.textOf('/kb/articles/b.md'), undefined);
    assert.deepEqual(engine.check(kb, '/kb/articles/b.md'), [], 'not reported as unreadable');
    const whileTiming = rulesOf(engine.check(kb, '/kb/articles/a.md'));
    assert.ok(!whileTiming.includes('link-anchor') && !whileTiming.includes('link-target'), whileTiming.join(', '));

    kb.setText('/kb/articles/b.md', article('## Symptoms\n\nText.'));
    assert.ok(rulesOf(engine.check(kb, '/kb/articles/a.md')).includes('link-anchor'), 'checked again once timed');
  });

  it('tells a host which files every check reads, without reading any file\'s references', async () => {
    const { kb } = await openKb();
    assert.equal(kb.dependencies.isReadByEveryFile('/kb/glossary/widget.md'), true);
    assert.equal(kb.dependencies.isReadByEveryFile('/kb/kb.config.json'), true);
    assert.equal(kb.dependencies.isReadByEveryFile('/kb/articles/b.md'), false);
  });
});
