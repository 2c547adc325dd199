import { before, describe, it } from 'node:test';
import { ENGINE_PROPERTIES, incrementalProperty, type PropertyContext, propertyContext } from './properties.js';

/**
 * Runs per property: enough to reach every construct of the generators, few
 * enough to keep the suite fast. The seed is fixed so that the suite is
 * reproducible; `npm run fuzz` runs thousands from a new seed each time.
 */
const RUNS = 60;
const SEED = 20261125;
/** Runs of the properties whose runs rebuild the KB's knowledge. */
const COSTLY_RUNS = 20;

describe('the engine never throws and no rule fails', () => {
  let context: PropertyContext;
  before(async () => {
    context = await propertyContext();
  });

  for (const property of ENGINE_PROPERTIES) {
    it(`on ${property.name}`, async () => {
      await property.build(context).check({ numRuns: property.costly ? COSTLY_RUNS : RUNS, seed: SEED });
    });
  }

  it('on edits applied one by one, which give the findings of a fresh check', async () => {
    await incrementalProperty(context).check({ numRuns: 15, seed: SEED });
  });
});
