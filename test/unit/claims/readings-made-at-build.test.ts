import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Mentions } from '../../../server/src/core/claims/mentions.js';
import { readingsMadeAtBuild } from '../../../server/src/tools/readings-made-at-build.js';
import { bundledKnowledge } from '../../support/rule-fixtures.js';

describe('the readings of the bundled KB\'s phrases made when kb-lint is built', () => {
  it('hold every phrase the bundled claims match with or are blocked by', async () => {
    const knowledge = await bundledKnowledge();
    const readings = readingsMadeAtBuild(knowledge);
    const read = new Set(readings.map(([, words]) => JSON.stringify(words)));
    const slots = knowledge.claims.flatMap((claim) => claim.statements.flatMap((statement) => [statement.subject, statement.object, statement.conditions, statement.exceptions]));
    const phrases = slots.filter((slot): slot is Mentions => slot !== undefined).flatMap((mentions) => [...mentions.phrases, ...mentions.blockers]);
    assert.ok(phrases.length > 20, 'the bundled claims have phrases to read');
    for (const phrase of phrases) assert.ok(read.has(JSON.stringify(phrase.words)), `no reading made at build for "${phrase.words.map((word) => word.text).join(' ')}"`);
  });
});
