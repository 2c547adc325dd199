import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, InMemoryFileSystem } from '../../../server/src/core/index.js';
import { claimExplanationTargets, claimHoverAt } from '../../../server/src/core/language/claim-explanation.js';
import { domainClaim } from '../../../server/src/core/rules/domain-claim.js';

function claimFile(see: string): string {
  return `---
id: prompt-from-ews
when:
  - [prompt]
  - comes from EWS
message: The prompt doesn't come from EWS.
see: ${see}
---

The prompt comes from MAPI.
`;
}

const ARTICLE = '/kb/articles/a.md';
const WHOLE_LINE = { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } };

async function explanationsFor(see: string) {
  const fs = new InMemoryFileSystem({
    '/kb/kb.config.json': '{}',
    '/kb/claims/prompt-from-ews.md': claimFile(see),
    [ARTICLE]: '# A\n\nThe prompt comes from EWS.\n\n## Cause\n\nMAPI.\n',
    '/secret.md': '# Secret\n',
    '/kb/notes.txt': 'not Markdown\n',
  });
  const engine = new Engine({ fs, today: () => new Date() });
  const kb = await engine.openKb('/kb');
  const findings = engine.check(kb, ARTICLE, { rules: [domainClaim] });
  assert.equal(findings.length, 1, 'the claim is reported, whatever its see link');
  return {
    targets: claimExplanationTargets(kb, findings, WHOLE_LINE),
    hover: claimHoverAt(kb, findings, WHOLE_LINE.start, (path) => `file://${path}`)?.markdown ?? '',
  };
}

describe('claim explanations in the editor', () => {
  it('offers to open a see target that is a Markdown file of the KB, and links it from the hover', async () => {
    const { targets, hover } = await explanationsFor('../articles/a.md#cause');
    assert.deepEqual(targets.map((target) => [target.path, target.fragment]), [[ARTICLE, 'cause']]);
    assert.match(hover, /\[Read the explanation\]\(file:\/\/\/kb\/articles\/a\.md#cause\)/);
  });

  it('neither offers nor links a see target outside the KB, missing from its file list, or not Markdown', async () => {
    for (const see of ['../../secret.md', '../articles/missing.md#cause', '../notes.txt', 'command:workbench.action.terminal.new']) {
      const { targets, hover } = await explanationsFor(see);
      assert.deepEqual(targets, [], see);
      assert.doesNotMatch(hover, /Read the explanation|secret|command:/, see);
      assert.match(hover, /The prompt comes from MAPI\./, 'the explanation itself is still shown');
    }
  });
});
