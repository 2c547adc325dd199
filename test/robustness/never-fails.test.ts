import { before, describe, it } from 'node:test';
import { engineProperties, incrementalProperty, type PropertyContext, propertyContext } from './properties.js';

/**
 * Runs per property: enough to reach every construct of the generators, few
 * enough to keep the suite fast. `npm run fuzz` runs thousands.
 */
const RUNS = 60;
/** Generated domain files rebuild the KB's knowledge and re-check its articles on every run. */
const DOMAIN_RUNS = 20;

describe('the engine never throws and no rule fails', () => {
  let context: PropertyContext;
  before(async () => {
    context = await propertyContext();
  });

  for (const name of ['random Markdown articles', 'random Markdown as glossary, remediation, cause and claim files, and the articles that read them', 'corpus articles with byte-level mutations', 'corpus articles with line- and character-level mutations', 'random Gherkin scenario files', 'random step catalogs, and the scenarios matched against them', 'random kb.config.json']) {
    it(`on ${name}`, async () => {
      const property = engineProperties(context).find((candidate) => candidate.name === name);
      if (property === undefined) throw new Error(`no property named "${name}"`);
      await property.check({ numRuns: name.includes('glossary') ? DOMAIN_RUNS : RUNS });
    });
  }

  it('on edits applied one by one, which give the findings of a fresh check', async () => {
    await incrementalProperty(context).check({ numRuns: 15 });
  });
});
