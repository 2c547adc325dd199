import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, parseConfig } from '../../../server/src/core/index.js';

describe('parseConfig', () => {
  it('accepts comments and trailing commas and fills defaults', () => {
    const { config, problems } = parseConfig('/kb/kb.config.json', '{\n  // comment\n  "staleAfterDays": 365,\n}\n');
    assert.deepEqual(problems, []);
    assert.equal(config.staleAfterDays, 365);
    assert.deepEqual(config.articles, DEFAULT_CONFIG.articles);
  });

  it('reports wrong types at the value and keeps the other keys', () => {
    const text = '{ "staleAfterDays": "soon", "glossary": "terms" }';
    const { config, problems } = parseConfig('/kb/kb.config.json', text);
    assert.equal(problems.length, 1);
    assert.equal(config.staleAfterDays, DEFAULT_CONFIG.staleAfterDays);
    assert.equal(config.glossary, 'terms');
    assert.equal(problems[0]?.range.start.character, text.indexOf('"soon"'));
  });

  it('reports unknown keys at the key', () => {
    const text = '{ "colour": 1 }';
    const { problems } = parseConfig('/kb/kb.config.json', text);
    assert.match(problems[0]?.message ?? '', /Unknown key "colour"/);
    assert.equal(problems[0]?.range.start.character, text.indexOf('"colour"'));
  });

  it('survives syntax errors and non-objects with defaults', () => {
    for (const text of ['{ "rules": ', '[]', '', 'null', '{"rules": {"link-target": "loud"}}']) {
      const { config, problems } = parseConfig('/kb/kb.config.json', text);
      assert.ok(problems.length > 0, text);
      assert.deepEqual(config.rules, {});
    }
  });

  it('treats huge globs as data', () => {
    const { config, problems } = parseConfig('/kb/kb.config.json', '{ "articles": ["**/**/**/**/*.md"] }');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.articles, ['**/**/**/**/*.md']);
  });
});
