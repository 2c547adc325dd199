import { RULE_METADATA } from '../core/index.js';
import { type ChangedLines, changedLinesSince, onChangedLines } from './changed-lines.js';
import { CliError } from './cli-error.js';
import type { CliEnvironment } from './cli-environment.js';
import { displayPath } from './display-path.js';
import { fixPatch } from './fix-patch.js';
import { visibleText } from './formats/inert-text.js';
import { lintTargets } from './lint-targets.js';
import { type CliOptions, parseOptions, USAGE } from './options.js';
import { findRepositoryRoot } from './repository-root.js';
import { toolVersion } from './version.js';
import { describeFix, writeFixes } from './write-fixes.js';
import { writeOutputs } from './write-outputs.js';

export type { CliEnvironment, OutputStream } from './cli-environment.js';
// For the process entry: a V8 setting for the whole process, not for one call of `main`.
export { turnOffPretenuring } from '../node/heap-growth.js';

/** Exit code: no errors (and no more warnings than `--max-warnings`). */
export const EXIT_OK = 0;
/** Exit code: errors found, or more warnings than `--max-warnings`. */
export const EXIT_FINDINGS = 1;
/** Exit code: the tool could not run (bad arguments, unreadable configuration, no git repository...), or `--fix` could not write every fixed file. */
export const EXIT_USAGE = 2;

/**
 * Runs `kb-lint` and resolves to its exit code. Never throws: a failure to
 * run is printed to standard error, without a stack trace, with exit code 2.
 */
export async function main(environment: CliEnvironment): Promise<number> {
  let options: CliOptions;
  try {
    options = parseOptions(environment.argv);
  } catch (error) {
    environment.stderr.write(`kb-lint: ${messageOf(error)}\nRun "kb-lint --help" for usage.\n`);
    return EXIT_USAGE;
  }
  try {
    return await run(environment, options);
  } catch (error) {
    environment.stderr.write(`kb-lint: ${error instanceof CliError ? error.message : `internal error: ${messageOf(error)}`}\n`);
    return EXIT_USAGE;
  }
}

async function run(environment: CliEnvironment, options: CliOptions): Promise<number> {
  const { stdout, stderr, cwd } = environment;
  if (options.help) {
    stdout.write(USAGE);
    return EXIT_OK;
  }
  const version = await toolVersion();
  if (options.version) {
    stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  if (options.listRules) {
    for (const rule of RULE_METADATA) stdout.write(`${rule.id.padEnd(24)} ${rule.defaultSeverity.padEnd(8)} ${`fix: ${rule.fix}`.padEnd(16)} ${rule.description}\n`);
    return EXIT_OK;
  }

  const changedLines = await changedLinesFor(environment, options);
  const startedAt = Date.now();
  // Findings on changed lines are in changed files: --changed-lines alone checks only the files --changed-since would.
  const outcome = await lintTargets(environment, { ...options, changedSince: options.changedSince ?? options.changedLines }, version);
  const unwrittenFixes = options.fix === 'write' ? await writeFixes(outcome.fixes, outcome.kbFiles, startedAt, cwd, stderr) : 0;
  if (options.fix === 'dry-run') {
    stdout.write(await fixPatch(outcome.fixes, cwd));
    for (const fix of outcome.fixes) stderr.write(`Would fix ${describeFix(fix)} in ${visibleText(displayPath(cwd, fix.path))}.\n`);
  }

  const onChangedLine = changedLines === undefined ? undefined : await onChangedLines(changedLines, outcome.findings);
  const reported = options.changedLines !== undefined && onChangedLine !== undefined ? outcome.findings.filter(onChangedLine) : outcome.findings;
  const findings = options.quiet ? reported.filter((finding) => finding.severity === 'error') : reported;
  const context = { cwd, repositoryRoot: await findRepositoryRoot(cwd), version, ...(onChangedLine === undefined ? {} : { onChangedLine }), ...(options.shard === undefined ? {} : { shard: options.shard }) };
  // A dry run's diff owns standard output, so that it can be piped to `git apply`.
  await writeOutputs(findings, options.outputs, context, environment, options.fix === 'dry-run' ? stderr : stdout);

  if (unwrittenFixes > 0) {
    stderr.write(`kb-lint: the fixes of ${unwrittenFixes} file${unwrittenFixes === 1 ? '' : 's'} could not be written.\n`);
    return EXIT_USAGE;
  }
  const errors = reported.filter((finding) => finding.severity === 'error').length;
  const warnings = reported.filter((finding) => finding.severity === 'warning').length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    stderr.write(`kb-lint: ${warnings} warning${warnings === 1 ? '' : 's'} found; --max-warnings allows ${options.maxWarnings}.\n`);
    return EXIT_FINDINGS;
  }
  return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * The lines changed since `--changed-lines`' ref, which filter the report;
 * else, for `--format github` with `--changed-since`, since that ref, to
 * annotate findings on changed lines first. Asked before checking, so a bad
 * ref stops the run early.
 */
async function changedLinesFor(environment: CliEnvironment, options: CliOptions): Promise<ChangedLines | undefined> {
  if (options.changedLines !== undefined) return changedLinesSince(options.changedLines, environment.cwd, environment.env, '--changed-lines');
  if (options.changedSince !== undefined && options.outputs.some((output) => output.format === 'github')) {
    return changedLinesSince(options.changedSince, environment.cwd, environment.env, '--changed-since');
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
