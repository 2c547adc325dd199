import * as path from 'node:path';
import { toNativePath } from '../../node/node-file-system.js';
import type { ReportedFinding } from '../reported-finding.js';
import type { Shard } from '../shard.js';

/** What a formatter may know besides the findings. */
export interface FormatContext {
  /** The working folder (native path): `file` fields are relative to it. */
  readonly cwd: string;
  /** The repository root (native path): code scanning and annotations name files relative to it. */
  readonly repositoryRoot: string;
  readonly version: string;
  /** Whether to color the output (a terminal that did not ask for `NO_COLOR`). */
  readonly color: boolean;
  /**
   * With `--changed-since` or `--changed-lines`: whether a finding is on a
   * line changed since the ref (outputs with a budget show those first).
   */
  readonly onChangedLine?: (finding: ReportedFinding) => boolean;
  /** With `--shard`: the share of the files this report covers, one of several reports of one check. */
  readonly shard?: Shard;
  /** Whether a GitHub job summary with every finding is written (`GITHUB_STEP_SUMMARY` is set). */
  readonly writesJobSummary?: boolean;
}

/** Renders findings, already filtered and sorted, as the text of one output. */
export type Formatter = (findings: readonly ReportedFinding[], context: FormatContext) => string;

/** The finding's file relative to the repository root, with forward slashes. */
export function repositoryPath(finding: ReportedFinding, context: FormatContext): string {
  return path.relative(context.repositoryRoot, toNativePath(finding.path)).split(path.sep).join('/');
}
