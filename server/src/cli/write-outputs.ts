import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CliError } from './cli-error.js';
import type { CliEnvironment, OutputStream } from './cli-environment.js';
import type { FormatContext } from './formats/format-context.js';
import { FORMATTERS } from './formats/formatters.js';
import { githubStepSummary } from './formats/github-step-summary.js';
import type { OutputRequest } from './options.js';
import type { ReportedFinding } from './reported-finding.js';
import { writeOutputFile } from './write-output-file.js';

/**
 * Writes each requested format: to its `--output-file`, or else to `console`
 * (standard output, or standard error while a dry run's diff owns standard
 * output). With `--format github` inside GitHub Actions, also appends the
 * job summary to `GITHUB_STEP_SUMMARY`. An output file is never written
 * through a symbolic link (see {@link writeOutputFile}). Throws a {@link CliError} when an
 * output file cannot be written.
 */
export async function writeOutputs(
  findings: readonly ReportedFinding[],
  requests: readonly OutputRequest[],
  base: Omit<FormatContext, 'color' | 'writesJobSummary'>,
  environment: CliEnvironment,
  console: OutputStream,
): Promise<void> {
  const summaryFile = environment.env.GITHUB_STEP_SUMMARY;
  const writesJobSummary = summaryFile !== undefined && summaryFile !== '' && requests.some((request) => request.format === 'github');
  const context = { ...base, writesJobSummary };
  for (const { format, file } of requests) {
    if (file === undefined) {
      console.write(FORMATTERS[format](findings, { ...context, color: wantsColor(console, environment.env) }));
      continue;
    }
    try {
      await writeOutputFile(file, FORMATTERS[format](findings, { ...context, color: false }), environment.cwd);
    } catch (error) {
      throw new CliError(`cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (writesJobSummary) {
    await fs.appendFile(path.resolve(environment.cwd, summaryFile), githubStepSummary(findings, { ...context, color: false })).catch((error: unknown) => {
      environment.stderr.write(`kb-lint: could not write the job summary (${error instanceof Error ? error.message : String(error)}).\n`);
    });
  }
}

/** Colors only on a terminal, and never when `NO_COLOR` is set (no-color.org). */
function wantsColor(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}
