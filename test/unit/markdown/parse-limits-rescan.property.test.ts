import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { slowShapeExcess } from '../../../server/src/core/markdown/parse-limits.js';

// After an edit, the scan counts again only from a checkpoint before the edit until its state meets the previous scan's:
// its result must be that of a scan of the whole new text, whatever the edit (line breaks, fences, front matter, counts over a limit).
const LINES = [
  'Some *text* here.', 'Title', '===', '---', '> quoted', 'lazy line', '```', '~~~', '', '', '- item', '1. item', '# Heading',
  '| a | b |', '*a *b *c *d *e *f *g *h *i *j *k *l *m *n *o *p *q *r *s *t *u *v *w *x *y *z *A *B *C *D *E *F *G', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[', ']]]', '`code` and `more', '...', '    indented', '_under_ **strong**',
];
const FRONT_MATTER = ['', '---\ntitle: T\n---\n', '---\ntitle: never closed\n', '---\n...\n'];
const block = fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 12 });
const documentText = fc
  .record({ frontMatter: fc.constantFrom(...FRONT_MATTER), block, repeat: fc.integer({ min: 1, max: 40 }), tail: block, lineEnding: fc.constantFrom('\n', '\n', '\r\n', '\r') })
  .map(({ frontMatter, block, repeat, tail, lineEnding }) => (frontMatter + Array.from({ length: repeat }, () => block.join('\n')).join('\n') + '\n' + tail.join('\n')).replace(/\n/g, lineEnding));
const SNIPPETS = ['\n', '\r', '\r\n', '\n\n', '===', '---', '\n---\n', '...', '> ', '```', '\n```\n', '*', '**', '_', '[', ']', '`', 'word ', '\nTitle\n===\n', '# '];
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 40 }), insert: fc.constantFrom('', ...SNIPPETS) });

describe('slowShapeExcess after an edit', () => {
  it('finds what a scan of the whole new text finds', () => {
    fc.assert(
      fc.property(documentText, fc.array(edit, { minLength: 1, maxLength: 5 }), (initial, edits) => {
        let text = initial;
        slowShapeExcess(text);
        for (const { at, remove, insert } of edits) {
          const start = at % (text.length + 1);
          const next = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
          // The whole scan first: the next edit then starts from the incremental scan's checkpoints, the newest scan of its text.
          const whole = slowShapeExcess(next);
          assert.deepEqual(slowShapeExcess(next, text), whole, JSON.stringify({ text, next }));
          text = next;
        }
      }),
      { numRuns: 400 },
    );
  });
});
