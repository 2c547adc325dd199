import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import { CLI_FIXTURES } from './cli-harness.js';

/**
 * reviewdog's JSON Schemas of the Reviewdog Diagnostic Format (draft-04,
 * generated from `proto/rdf/reviewdog.proto`; MIT, see the LICENSE beside
 * them): `DiagnosticResult.json` for an rdjson document, `Diagnostic.json`
 * for one line of rdjsonl.
 */
const SCHEMAS = path.join(CLI_FIXTURES, 'reviewdog-rdf');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function readSchema(name: string): Json {
  return JSON.parse(readFileSync(path.join(SCHEMAS, name), 'utf8')) as Json;
}

/**
 * The schema with no property allowed that it does not name, wherever it
 * names properties: the generated schemas allow any, so a misspelled field
 * (`suggestion` for `suggestions`) would pass them and be ignored by reviewdog.
 */
function closed(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, closed(value)]));
  if ('properties' in copy && copy.additionalProperties === true) copy.additionalProperties = false;
  return copy;
}

// The package is CommonJS: its class is the module itself, and also its `default`.
const AjvDraft04 = ajvDraft04.default;
const ajv = new AjvDraft04({ allErrors: true, strict: false });
const validators = {
  rdjson: [ajv.compile(readSchema('DiagnosticResult.json') as object), ajv.compile(closed(readSchema('DiagnosticResult.json')) as object)],
  rdjsonl: [ajv.compile(readSchema('Diagnostic.json') as object), ajv.compile(closed(readSchema('Diagnostic.json')) as object)],
} as const;

/**
 * The violations of an rdjson document (`rdjson`) or of one rdjsonl line
 * (`rdjsonl`), against reviewdog's schema as published and closed to fields
 * it does not name; empty when valid.
 */
export function rdjsonSchemaErrors(kind: keyof typeof validators, value: unknown): string[] {
  return validators[kind].flatMap((validate, index) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${index === 0 ? '' : '(closed) '}${error.instancePath || '/'} ${error.message ?? 'is invalid'}${error.params && 'additionalProperty' in error.params ? `: ${String(error.params.additionalProperty)}` : ''}`);
  });
}
