import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { REPOSITORY_ROOT } from './support.js';

const schema = JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, 'server', 'problem-model.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const MODELS = path.join(REPOSITORY_ROOT, 'kb', 'models');

describe('problem model JSON Schema', () => {
  for (const name of readdirSync(MODELS).filter((file) => file.endsWith('.yaml'))) {
    it(`describes the bundled model ${name}`, () => {
      const model = parse(readFileSync(path.join(MODELS, name), 'utf8')) as unknown;
      assert.ok(validate(model), JSON.stringify(validate.errors, null, 2));
    });
  }

  it('rejects a model with an unknown key and a rule without `on`', () => {
    assert.equal(validate({ id: 'm', title: 'm', conditions: [], events: [], state: {}, rules: [{ id: 'r' }], outcomes: [], colour: 'blue' }), false);
  });
});
