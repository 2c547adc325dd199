import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockLineage } from '../../../server/src/core/markdown/block-lineage.js';
import { parseMarkdown } from '../../../server/src/core/markdown/parse-markdown.js';
import { reparseMarkdownWithOutcome } from '../../../server/src/core/markdown/reparse-markdown.js';

const PATH = '/kb/articles/article.md';
const TEXT = ['# Title', 'First paragraph. It has two sentences.', 'Second paragraph here.', 'Third one. Also two.', 'Fourth.', 'Fifth.'].join('\n\n') + '\n';

describe('block lineage', () => {
  it('follows a block that an edit before it moved, however many edits ago, and tells how far it moved', () => {
    const original = parseMarkdown(PATH, TEXT);
    const fourth = original.tree.children[4];
    assert.ok(fourth !== undefined);
    const before = blockLineage(fourth);
    const once = reparseMarkdownWithOutcome(original, TEXT.replace('First', 'The first'));
    const twice = reparseMarkdownWithOutcome(once.file, once.file.document.text.replace('Second', 'The second'));
    assert.equal(twice.mode, 'incremental');
    const moved = twice.file.tree.children[4];
    assert.ok(moved !== undefined && moved !== fourth);
    assert.equal(blockLineage(moved).origin, before.origin);
    assert.equal(blockLineage(moved).offset - before.offset, 'The '.length * 2);
    // The block the edit touched is new: a lineage of its own.
    const edited = twice.file.tree.children[2];
    assert.ok(edited !== undefined);
    assert.notEqual(blockLineage(edited).origin, blockLineage(original.tree.children[2] ?? edited).origin);
  });

  it('gives blocks of separate parses of one text separate lineages', () => {
    const one = parseMarkdown(PATH, TEXT).tree.children[0];
    const other = parseMarkdown(PATH, TEXT).tree.children[0];
    assert.ok(one !== undefined && other !== undefined);
    assert.notEqual(blockLineage(one).origin, blockLineage(other).origin);
  });

});
