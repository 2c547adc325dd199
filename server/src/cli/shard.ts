import type { KnowledgeBase } from '../core/index.js';
import { CliError } from './cli-error.js';
import type { OutputStream } from './cli-environment.js';
import { displayPath } from './display-path.js';

/** `--shard <index>/<count>`: this job's place among the jobs that share one check (1-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** A file a run would report, as {@link shareOf} partitions it. */
export interface ShardableFile {
  /**
   * Names the file the same way on every machine and in every job of a
   * matrix: its path relative to the working folder, with forward slashes.
   */
  readonly key: string;
  /** What checking it costs, roughly: see {@link checkingWeight}. */
  readonly weight: number;
}

/** Parses the value of `--shard`; throws a {@link CliError} unless it is `<index>/<count>` with whole numbers `1 <= index <= count`. */
export function parseShard(value: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (match === null) throw new CliError(`--shard needs <index>/<count>, e.g. --shard 1/3 for the first of three jobs, not "${value}".`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new CliError(`--shard ${value}: the number of shards must be at least 1.`);
  if (!Number.isSafeInteger(count)) throw new CliError(`--shard ${value}: that is more shards than files can ever be split into.`);
  if (!Number.isSafeInteger(index) || index < 1 || index > count) throw new CliError(`--shard ${value}: the shard must be between 1 and ${count}.`);
  return { index, count };
}

/**
 * The cost of checking a text, for balancing shards: its characters (parsing
 * and most rules are linear in them; measured on a 2,461-article Learn
 * repository, shards of equal size took much closer CPU times than shards
 * of equal file counts), not counting carriage returns, so that a checkout
 * with CRLF line endings (Git's `core.autocrlf` on Windows) shards exactly
 * like one with LF. One more for the file itself, so empty files count too.
 */
export function checkingWeight(text: string | undefined): number {
  if (text === undefined) return 1;
  let carriageReturns = 0;
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) carriageReturns++;
  return text.length - carriageReturns + 1;
}

/**
 * The files of `shard` among `files`: the files sorted by key (code unit
 * order, not the locale's) and cut into `shard.count` runs of consecutive
 * files of about equal total weight; a file belongs to the run its weight's
 * midpoint falls in. Every file is in exactly one shard, whatever the order
 * of `files`, and on every machine. Consecutive files keep a folder's
 * articles, which link to each other, in one shard. A shard may be empty
 * (more shards than files, or one file outweighing the rest).
 */
export function shareOf<T extends ShardableFile>(files: readonly T[], shard: Shard): T[] {
  const sorted = [...files].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const total = sorted.reduce((sum, file) => sum + file.weight, 0);
  const share: T[] = [];
  let before = 0;
  for (const file of sorted) {
    if (shardNumberOf(before + file.weight / 2, total, shard.count) === shard.index) share.push(file);
    before += file.weight;
  }
  return share;
}

/** The 1-based shard that the weight position `midpoint` (out of `total`) falls in. */
function shardNumberOf(midpoint: number, total: number, count: number): number {
  if (total <= 0) return 1;
  return Math.min(count, Math.floor((midpoint / total) * count) + 1);
}

/** `i/n`, as the command line names the shard. */
export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * Narrows what each KB would report to this job's share of all of them
 * (see {@link shareOf}; files are weighed by their text) and says on
 * `notices` how many files the shard checks. Each KB stays whole: its
 * files' cross-file checks read the files they depend on, in any shard.
 */
export function shareOfPlans<P extends { readonly kb: KnowledgeBase; readonly paths: readonly string[] }>(plans: readonly P[], shard: Shard, cwd: string, notices: OutputStream): P[] {
  const files = plans.flatMap((plan, planIndex) => plan.paths.map((path) => ({ key: displayPath(cwd, path), weight: checkingWeight(plan.kb.textOf(path)), planIndex, path })));
  const share = shareOf(files, shard);
  notices.write(`kb-lint: shard ${shardLabel(shard)} checks ${share.length} of the ${files.length} files to check.\n`);
  return plans.map((plan, planIndex) => ({ ...plan, paths: share.filter((file) => file.planIndex === planIndex).map((file) => file.path) }));
}
