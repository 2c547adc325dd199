import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { RULE_METADATA } from '../../server/src/core/index.js';
import { applyGenerated, editorConfigSchema, generatedContents } from '../../server/src/tools/generated-files.js';
import { REPOSITORY_ROOT } from '../support/rule-fixtures.js';

describe('generated files', () => {
  for (const generated of generatedContents()) {
    it(`${generated.path} is up to date (run npm run generate)`, () => {
      const current = readFileSync(path.join(REPOSITORY_ROOT, generated.path), 'utf8');
      assert.equal(applyGenerated(current, generated), current);
    });
  }
});

describe('the configuration schema editors read', () => {
  const validate = new Ajv({ strict: false }).compile(editorConfigSchema());

  it('accepts every registered rule id with every severity, and "off"', () => {
    for (const rule of RULE_METADATA) {
      for (const setting of ['off', 'info', 'warning', 'error']) assert.ok(validate({ rules: { [rule.id]: setting } }), `${rule.id}: ${setting}`);
    }
  });

  it('flags a mistyped rule id and an unknown severity', () => {
    assert.equal(validate({ rules: { 'link-anchr': 'off' } }), false);
    assert.equal(validate({ rules: { 'link-anchor': 'loud' } }), false);
  });
});

describe('rule documentation', () => {
  for (const rule of RULE_METADATA) {
    it(`${rule.id} has a doc page that names it`, () => {
      const page = path.join(REPOSITORY_ROOT, 'docs', 'rules', `${rule.id}.md`);
      assert.ok(existsSync(page), `missing docs/rules/${rule.id}.md`);
      assert.match(readFileSync(page, 'utf8'), new RegExp(`^# ${rule.id}\\n`));
    });
  }
});
