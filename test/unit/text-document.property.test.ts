import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from '../../server/src/core/text-document.js';

/** Text of short lines with every kind of line ending, mixed: LF, CRLF, a lone CR, and LF before CR. */
const text = fc.string({ unit: fc.constantFrom('\n', '\r', '\r\n', '\n\r', 'a', 'é', ' '), maxLength: 60 });

describe('TextDocument', () => {
  it('has the lines that LF, CRLF and a lone CR end, as the Language Server Protocol counts them', () => {
    fc.assert(fc.property(text, (content) => {
      const document = new TextDocument('/kb/a.md', content);
      const lines = content.split(/\r\n|\r|\n/);
      assert.equal(document.lineCount, lines.length);
      let offset = 0;
      lines.forEach((line, index) => {
        assert.equal(document.lineStart(index), offset, JSON.stringify({ content, index }));
        assert.equal(document.lineText(index), line);
        offset += line.length + (content.startsWith('\r\n', offset + line.length) ? 2 : 1);
      });
    }), { numRuns: 2000 });
  });

  it('turns every offset into a position and back, an offset inside a CRLF becoming the end of its line', () => {
    fc.assert(fc.property(text, (content) => {
      const document = new TextDocument('/kb/a.md', content);
      for (let offset = 0; offset <= content.length; offset++) {
        const insideCrlf = content[offset] === '\n' && content[offset - 1] === '\r';
        assert.equal(document.offsetAt(document.positionAt(offset)), insideCrlf ? offset - 1 : offset, JSON.stringify({ content, offset }));
      }
    }), { numRuns: 1000 });
  });
});
