import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CORPORA, fixSafetyProperty } from './fix-safety.js';

describe('safe fixes on the real corpora', { skip: CORPORA.length === 0 ? 'no shared corpus beside the repository' : false }, () => {
  it('change the syntax tree only at the fixed nodes, and a second run finds nothing to fix (a deterministic sample; `npm run fuzz` runs 2,000 cases)', async () => {
    const applied: number[] = [];
    const property = await fixSafetyProperty((count) => applied.push(count));
    await property?.check({ numRuns: 40, seed: 18 });
    assert.equal(applied.length, 40);
    // Most cases plant a mistake that a safe fix repairs: the property is not vacuous.
    assert.ok(applied.filter((count) => count > 0).length >= 15, `fixes applied per case: ${applied.join(' ')}`);
  });
});
