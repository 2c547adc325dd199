import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Engine, InMemoryFileSystem } from '../../../server/src/core/index.js';

const today = (): Date => new Date(2026, 10, 25);

const ARTICLE = (title: string, body: string): string => `---\ntitle: ${title}\ndescription: D\nms.topic: troubleshooting\nms.date: 11/20/2026\nappliesto:\n  - Lync 2010\n---\n\n# ${title}\n\n${body}\n`;

const FILES: Record<string, string> = {
  '/kb/kb.config.json': '{}',
  '/kb/a.md': ARTICLE('A', '## Symptoms\n\nSee [b](b.md#cause).\n\n## Cause\n\nText.\n\n## Resolution\n\n- Step one\n- Step two'),
  '/kb/b.md': ARTICLE('B', '## Symptoms\n\nSee [a](a.md#resolution) and [c](c.md).\n\n## Cause\n\nText.\n\n## Resolution\n\n```\ncode\n```'),
  '/kb/c.md': ARTICLE('C', '## Symptoms\n\n> quoted [b](b.md#symptoms)\n\n## Cause\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n## Resolution\n\nDone.'),
};

const SNIPPETS = ['## Cause\n', '\n', '\n\n', '# Title\n', '[x](a.md#cause)', '[y](missing.md)', '```\n', '> ', '- item\n', '| c |\n', 'word ', '<a name="cause"></a>', '---\n', '![](img.png)', 'Outlook anywhere '];
const paths = ['/kb/a.md', '/kb/b.md', '/kb/c.md'];

const edit = fc.record({
  file: fc.constantFrom(...paths),
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.constantFrom(...SNIPPETS),
});

describe('incremental KB updates', () => {
  it('after any sequence of edits, findings and parsed data equal those of a KB loaded from the final texts', async () => {
    await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 8 }), async (edits) => {
      const engine = new Engine({ fs: new InMemoryFileSystem(FILES), today });
      const kb = await engine.openKb('/kb');
      const texts = new Map(paths.map((path) => [path, FILES[path] ?? '']));
      for (const path of paths) engine.check(kb, path); // parse everything once, so later edits re-parse incrementally
      for (const { file, at, remove, insert } of edits) {
        const text = texts.get(file) ?? '';
        const start = at % (text.length + 1);
        const next = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
        texts.set(file, next);
        kb.setText(file, next);
        for (const path of paths) engine.check(kb, path);
      }
      const fresh = await new Engine({ fs: new InMemoryFileSystem({ ...FILES, ...Object.fromEntries(texts) }), today }).openKb('/kb');
      for (const path of paths) {
        assert.deepEqual(engine.check(kb, path), engine.check(fresh, path), path);
        const incremental = kb.markdown(path);
        const full = fresh.markdown(path);
        assert.deepEqual(incremental?.tree, full?.tree, `${path}: tree`);
        assert.deepEqual([...(incremental?.anchors ?? [])], [...(full?.anchors ?? [])], `${path}: anchors`);
      }
    }), { numRuns: 60 });
  });
});
