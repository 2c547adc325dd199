import { describe, it } from 'node:test';
import { workspaceConsistencyProperty } from '../robustness/consistency.js';

describe('the language server agrees with a fresh full check', () => {
  it('after random sequences of workspace operations (a deterministic sample; `npm run fuzz` runs more)', async () => {
    await workspaceConsistencyProperty(4).check({ numRuns: 4, seed: 18 });
  });
});
