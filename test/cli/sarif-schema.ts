import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CLI_FIXTURES } from './cli-harness.js';

/**
 * The SARIF 2.1.0 JSON schema, as the SARIF SDK publishes it (the file
 * `sarif-2.1.0.json` of the npm package `@microsoft/sarif-multitool-linux`
 * 5.7.0). That copy declares JSON Schema 2020-12, hence Ajv's 2020 build.
 */
const schema = JSON.parse(readFileSync(path.join(CLI_FIXTURES, 'sarif-schema-2.1.0.json'), 'utf8')) as object;

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'https://example.invalid/base/'));
ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

const validate = ajv.compile(schema);

/** The schema violations of a SARIF log, one line each; empty when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}
