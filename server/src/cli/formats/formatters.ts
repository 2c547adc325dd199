import { formatCheckstyle } from './checkstyle.js';
import type { Formatter } from './format-context.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatRdjson, formatRdjsonl } from './rdjson.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

/** Every output format `--format` accepts, by name. */
export const FORMATTERS = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  checkstyle: formatCheckstyle,
  rdjson: formatRdjson,
  rdjsonl: formatRdjsonl,
} as const satisfies Record<string, Formatter>;

/** The name of an output format. */
export type OutputFormat = keyof typeof FORMATTERS;

/** The format names, in the order help text lists them. */
export const OUTPUT_FORMATS = Object.keys(FORMATTERS) as readonly OutputFormat[];

/** Whether `name` is a format `--format` accepts. */
export function isOutputFormat(name: string): name is OutputFormat {
  return Object.hasOwn(FORMATTERS, name);
}
