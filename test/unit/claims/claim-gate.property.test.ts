import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mayHold, mayHoldWithin } from '../../../server/src/core/claims/statement.js';
import { claimWords, mayStateAnyClaim } from '../../../server/src/core/domain/claims.js';
import { parseMarkdown } from '../../../server/src/core/index.js';
import { blockSentencesOf, wordsInBlockMaterial } from '../../../server/src/core/markdown/sentences.js';
import { CLAIM_FIXTURES, openKb, repositoryKb } from './support.js';

/** The sentences of the claim fixtures: wrong statements, paraphrases and near misses, as written. */
const FIXTURE_SENTENCES = readdirSync(CLAIM_FIXTURES)
  .filter((name) => name.endsWith('.md'))
  .flatMap((name) => readFileSync(path.join(CLAIM_FIXTURES, name), 'utf8').split('\n'))
  .filter((line) => line.startsWith('- '))
  .map((line) => line.slice(2).replace(/<!--.*?-->/g, '').trim());

/**
 * What may be written inside a sentence's words without changing them for a
 * reader: emphasis that splits a word, character references, escapes, inline
 * HTML; and what stands between words: code, comments, line breaks, links.
 */
const INSERTIONS = ['*', '**', '_', '<b>', '</b>', '<!-- note -->', '`code`', '\\', '\n', '<br>', '[', '](https://contoso.com)', '![image](a.png)', '&nbsp;'];

/** A fixture sentence with markup inserted at random places, and some letters written as character references. */
const markedUpSentence = fc
  .tuple(fc.constantFrom(...FIXTURE_SENTENCES), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INSERTIONS)), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 3 }))
  .map(([sentence, insertions, references]) => {
    let text = sentence;
    for (const index of references) {
      const at = index % Math.max(1, text.length);
      const character = text[at] ?? '';
      if (/[A-Za-z]/.test(character)) text = `${text.slice(0, at)}&#${character.charCodeAt(0)};${text.slice(at + 1)}`;
    }
    for (const [index, insertion] of insertions) {
      const at = index % (text.length + 1);
      text = `${text.slice(0, at)}${insertion}${text.slice(at)}`;
    }
    return text;
  });

/** An article made of such sentences, in paragraphs, list items, block quotes and table cells. */
const article = fc.array(fc.tuple(fc.constantFrom('', '- ', '> ', '| ', '1. '), markedUpSentence), { minLength: 1, maxLength: 6 }).map((blocks) => {
  const lines = blocks.map(([prefix, sentence]) => (prefix === '| ' ? `| ${sentence.replace(/[|\n]/g, ' ')} | x |\n| --- | --- |` : `${prefix}${sentence}`));
  return `---\ntitle: Test\n---\n\n# Test\n\n${lines.join('\n\n')}\n`;
});

describe('the test of a block before its sentences are read (domain-claim)', () => {
  it('passes wherever one of its sentences may hold a statement of the catalog', async () => {
    const { kb } = await openKb(repositoryKb());
    const claims = kb.knowledge.claims;
    const statements = claims.flatMap((claim) => claim.statements);
    const searched = new Set(claimWords(claims));
    assert.ok(statements.length >= 7, 'the catalog is written as statements');
    let mayHoldSomewhere = 0;
    fc.assert(fc.property(article, (text) => {
      const file = parseMarkdown('/kb/articles/test.md', text);
      for (const block of file.tree.children) {
        const found = wordsInBlockMaterial(block, claimWords(claims));
        for (const sentence of blockSentencesOf(file, block)) {
          for (const statement of statements) {
            if (!mayHold(statement, sentence.text.toLowerCase())) continue;
            mayHoldSomewhere++;
            // A word that is not searched for counts as found.
            assert.ok(mayHoldWithin(statement, (word) => found.has(word) || !searched.has(word)), `"${sentence.text}" may hold a statement that the text test rules out`);
            assert.ok(mayStateAnyClaim(claims, found));
          }
        }
      }
    }), { numRuns: 300 });
    // The property is not vacuous: the generated sentences do name the entities of statements.
    assert.ok(mayHoldSomewhere > 100, `${mayHoldSomewhere} sentences may hold a statement`);
  });

  it('rules out a block that names no claim entity, and passes one that does', async () => {
    const { kb } = await openKb(repositoryKb());
    const claims = kb.knowledge.claims;
    const words = claimWords(claims);
    const [heading, unrelated] = parseMarkdown('/kb/articles/a.md', '# Prompt\n\nThe printer driver stops when the spooler restarts.\n').tree.children;
    assert.ok(heading !== undefined && unrelated !== undefined);
    assert.deepEqual([...wordsInBlockMaterial(heading, words)], [], 'a heading makes no sentences');
    assert.equal(mayStateAnyClaim(claims, wordsInBlockMaterial(unrelated, words)), false);
    const [related] = parseMarkdown('/kb/articles/b.md', 'The pr*om*pt comes from &#69;WS.\n').tree.children;
    assert.ok(related !== undefined);
    assert.deepEqual(new Set(wordsInBlockMaterial(related, ['prompt', 'ews', 'mapi'])), new Set(['prompt', 'ews']));
    assert.equal(mayStateAnyClaim(claims, wordsInBlockMaterial(related, words)), true);
    const [first, second] = parseMarkdown('/kb/articles/c.md', 'The pro\n\nmpt stays.\n').tree.children;
    assert.ok(first !== undefined && second !== undefined);
    assert.deepEqual([first, second].map((block) => [...wordsInBlockMaterial(block, ['prompt', 'pro', 'mpt'])]), [['pro'], ['mpt']], 'a block is searched alone, as a sentence never crosses blocks');
  });

  it('leaves out of the words looked for those with a sigma, whose lower case depends on their place, and those of one or two characters; one list per catalog', async () => {
    const { kb } = await openKb(repositoryKb());
    assert.ok(claimWords(kb.knowledge.claims).length > 20);
    assert.ok(claimWords(kb.knowledge.claims).every((word) => !/[σς]/u.test(word) && word.length >= 3));
    assert.equal(claimWords(kb.knowledge.claims), claimWords(kb.knowledge.claims), 'one list per catalog, so that blocks keep what they hold');
  });
});
