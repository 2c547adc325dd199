import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, InMemoryFileSystem } from '../../server/src/core/index.js';

describe('a tree with hundreds of thousands of blocks side by side', () => {
  it('is checked: no walk of the tree spreads its children into one call', async () => {
    // 150,000 paragraphs (450 KB, within the size limit): a spread of more than about 125,000 values overflows the stack.
    const article = `---\ntitle: Wide\ndescription: A wide article.\nms.topic: conceptual\nms.date: 01/02/2025\n---\n\n# Wide\n\n${'a\n\n'.repeat(150_000)}`;
    const fs = new InMemoryFileSystem({ '/kb/kb.config.json': '{ "useBundledKb": false }\n', '/kb/wide.md': article });
    const engine = new Engine({ fs, today: () => new Date(2025, 0, 3) });
    const kb = await engine.openKb('/kb');
    const findings = engine.check(kb, '/kb/wide.md');
    assert.deepEqual(findings.map((finding) => `${finding.ruleId}: ${finding.message}`), []);
    const file = kb.markdown('/kb/wide.md');
    assert.equal(file?.tree.children.length, 150_002, 'the front matter, the heading and every paragraph');
  });
});
