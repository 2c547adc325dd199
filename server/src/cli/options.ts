import { parseArgs } from 'node:util';
import { CliError } from './cli-error.js';
import { isOutputFormat, OUTPUT_FORMATS, type OutputFormat } from './formats/formatters.js';
import { parseShard, type Shard } from './shard.js';

/** One report to write: a format, and the file it goes to (`undefined`: standard output). */
export interface OutputRequest {
  readonly format: OutputFormat;
  readonly file: string | undefined;
}

/** What `--fix` and `--fix-dry-run` ask for. */
export type FixMode = 'off' | 'write' | 'dry-run';

/** The command line, parsed and validated. */
export interface CliOptions {
  readonly paths: readonly string[];
  /** `--config`: the file to read every KB's configuration from instead of its `kb.config.json` (as given, relative to the working folder). */
  readonly config: string | undefined;
  readonly outputs: readonly OutputRequest[];
  readonly quiet: boolean;
  readonly maxWarnings: number | undefined;
  readonly changedSince: string | undefined;
  /** `--changed-lines`: report only the findings on lines changed since this git ref. */
  readonly changedLines: string | undefined;
  /** `--shard`: report only this share of the files, for one job of several that split a check. */
  readonly shard: Shard | undefined;
  readonly fix: FixMode;
  /** Where the cache lives; `undefined` when caching is off. */
  readonly cacheLocation: string | undefined;
  readonly listRules: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

/** Where `--cache` keeps its file when `--cache-location` is not given (relative to the working folder). */
export const DEFAULT_CACHE_LOCATION = '.kb-lint-cache';

/** The text `--help` prints. */
export const USAGE = `Usage: kb-lint [options] [paths...]

Checks the articles and scenario files of the knowledge base(s) at the given
paths (default: the current folder) and prints the findings.

Output:
  -f, --format <name>          ${wrap(`${OUTPUT_FORMATS.join(', ')} (default: stylish).`, 50).join(`\n${' '.repeat(31)}`)}
                               Repeat it to write several formats.
  -o, --output-file <path>     Write the --format given just before it to a file
                               instead of standard output.
  -q, --quiet                  Report errors only.
      --max-warnings <n>       Exit with code 1 when there are more than n warnings.

Configuration:
  -c, --config <path>          Read the configuration from this file instead of
                               kb.config.json: each folder named is one KB (or
                               part of the KB holding it) checked with it.

Scope:
      --changed-since <ref>    Report only the files changed since the git ref,
                               and the files whose findings those changes caused.
      --changed-lines <ref>    Report only the findings on lines added or changed
                               since the git ref (with uncommitted changes).
      --shard <i>/<n>          Report only the i-th of n shares of the files, for
                               one of n CI jobs that split a check; cross-file
                               checks still read the whole KB.

Fixes:
      --fix                    Apply the safe fixes, then report what remains.
      --fix-dry-run            Print the safe fixes as a unified diff; change nothing.

Speed:
      --cache                  Reuse the findings of files that did not change.
      --cache-location <path>  Cache file (default: ${DEFAULT_CACHE_LOCATION}); implies --cache.

Other:
      --list-rules             Print the rules and exit.
  -h, --help                   Print this help and exit.
  -v, --version                Print the version and exit.

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings),
2 the tool could not run.
`;

/** Splits text into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Parses the arguments (without `node` and the script). Throws a {@link CliError} on bad usage. */
export function parseOptions(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        format: { type: 'string', short: 'f', multiple: true },
        'output-file': { type: 'string', short: 'o', multiple: true },
        config: { type: 'string', short: 'c' },
        quiet: { type: 'boolean', short: 'q' },
        'max-warnings': { type: 'string' },
        'changed-since': { type: 'string' },
        'changed-lines': { type: 'string' },
        shard: { type: 'string' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        'list-rules': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals, tokens } = parsed;
  if (values.fix && values['fix-dry-run']) throw new CliError('--fix and --fix-dry-run cannot be used together.');
  const changedSince = values['changed-since'];
  if (changedSince !== undefined && changedSince.trim() === '') throw new CliError('--changed-since needs a git ref, e.g. origin/main.');
  const changedLines = values['changed-lines'];
  if (changedLines !== undefined && changedLines.trim() === '') throw new CliError('--changed-lines needs a git ref, e.g. origin/main.');
  const cacheLocation = values['cache-location'] ?? (values.cache ? DEFAULT_CACHE_LOCATION : undefined);
  if (cacheLocation === '') throw new CliError('--cache-location needs a path.');
  if (values.config !== undefined && values.config.trim() === '') throw new CliError('--config needs the path of a configuration file.');
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    config: values.config,
    outputs: outputRequests(tokens.flatMap((token) => (token.kind === 'option' && (token.name === 'format' || token.name === 'output-file') ? [{ name: token.name, value: token.value ?? '' }] : []))),
    quiet: values.quiet === true,
    maxWarnings: maxWarnings(values['max-warnings']),
    changedSince,
    changedLines,
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    fix: values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : 'off',
    cacheLocation,
    listRules: values['list-rules'] === true,
    help: values.help === true,
    version: values.version === true,
  };
}

/**
 * Pairs each `--output-file` with the `--format` just before it, so
 * `--format sarif --output-file kb.sarif --format github` writes SARIF to a
 * file and GitHub commands to standard output. A lone `--output-file` with
 * at most one `--format` applies to that format wherever it stands.
 */
function outputRequests(options: ReadonlyArray<{ name: 'format' | 'output-file'; value: string }>): OutputRequest[] {
  const requests: Array<{ format: OutputFormat; file: string | undefined }> = [];
  const leadingFiles: string[] = [];
  for (const { name, value } of options) {
    if (name === 'format') {
      if (!isOutputFormat(value)) throw new CliError(`unknown format "${value}"; expected one of ${OUTPUT_FORMATS.join(', ')}.`);
      requests.push({ format: value, file: undefined });
      continue;
    }
    if (value === '') throw new CliError('--output-file needs a path.');
    const last = requests.at(-1);
    if (last === undefined) leadingFiles.push(value);
    else if (last.file === undefined) last.file = value;
    else throw new CliError(`--output-file "${value}": --format ${last.format} already writes to "${last.file}"; put a --format before each --output-file.`);
  }
  if (requests.length === 0) requests.push({ format: 'stylish', file: undefined });
  if (leadingFiles.length > 0) {
    const only = requests.length === 1 ? requests[0] : undefined;
    if (leadingFiles.length > 1 || only === undefined || only.file !== undefined) {
      throw new CliError('each --output-file must follow the --format it is for.');
    }
    only.file = leadingFiles[0];
  }
  return requests;
}

function maxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new CliError(`--max-warnings needs a whole number of warnings, not "${value}".`);
  return Number(value.trim());
}
