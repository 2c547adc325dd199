import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { domainClaim } from '../../../server/src/core/rules/domain-claim.js';
import { termSpelling } from '../../../server/src/core/rules/term-spelling.js';
import { openKb, repositoryKb } from './support.js';

// domain-claim keeps each sentence's claims, term-spelling each stretch of prose's spellings, and sentences are kept per block:
// after any edits, a KB that checked every version must report what a KB that reads the final text reports.
const FILE = '/kb/articles/edited.md';
const RULES = [domainClaim, termSpelling];
const PARAGRAPHS = [
  'Autodiscover gives clients both Outlook Anywhere authentication methods. Then the prompt appears.',
  'EWS is available on Exchange Server 2003.',
  'Open the AutoDiscover settings, then restart Outlook.',
  '- Internal users who connect with MAPI over RPC also see the Lync MAPI COM Server prompt.\n- Check the Auto Discover record.',
  '| Setting | Value |\n| --- | --- |\n| Auto-discover | EWS is available on Exchange Server 2003. |',
  '> Autodiscover gives clients both Outlook Anywhere authentication methods.',
];
const INITIAL = `---\ntitle: Edited\ndescription: D\nms.topic: troubleshooting\nms.date: 11/20/2026\n---\n\n# Edited\n\n${PARAGRAPHS.join('\n\n')}\n`;
const SNIPPETS = ['x', ' ', '.', '\n', '\n\n', 'Auto', 'Discover', 'AutoDiscover ', 'not ', 'EWS is available on Exchange Server 2003. ', '- ', '> ', '`', '**', '[', '](b.md)', '| '];

const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: fc.constantFrom(...SNIPPETS) });

describe('domain-claim and term-spelling after edits', () => {
  it('report the same findings as a fresh check of the final text', async () => {
    await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 10 }), async (edits) => {
      const { engine, kb } = await openKb(repositoryKb({ [FILE]: INITIAL }));
      let text = INITIAL;
      engine.check(kb, FILE, { rules: RULES });
      for (const { at, remove, insert } of edits) {
        const start = at % (text.length + 1);
        text = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
        kb.setText(FILE, text);
        engine.check(kb, FILE, { rules: RULES });
      }
      const fresh = await openKb(repositoryKb({ [FILE]: text }));
      assert.deepEqual(engine.check(kb, FILE, { rules: RULES }), fresh.engine.check(fresh.kb, FILE, { rules: RULES }), JSON.stringify(text));
    }), { numRuns: 25 });
  });
});
