import * as path from 'node:path';
import { Engine, isInside, type KnowledgeBase } from '../core/index.js';
import { NodeFileSystem, toKbPath } from '../node/node-file-system.js';
import { filesAffectedBy } from './affected-files.js';
import { changedFilesSince } from './changed-files.js';
import { cacheKeyFile } from './cache-signing.js';
import { CheckCache } from './check-cache.js';
import { CliError } from './cli-error.js';
import type { CliEnvironment } from './cli-environment.js';
import { displayPath } from './display-path.js';
import { FileChecker } from './file-checker.js';
import { type FileFix, fixFiles } from './fix-files.js';
import { boundHeapForLargeKbs } from './large-kb.js';
import type { CliOptions } from './options.js';
import { checkInParallel, workerCount } from './parallel-check.js';
import { progressBarFor } from './progress-bar.js';
import { compareReportedFindings, type ReportedFinding, toReportedFindings } from './reported-finding.js';
import { shareOfPlans } from './shard.js';
import { openTargets } from './targets.js';

/** What a run found and fixed (in memory: the caller writes fixes or prints them). */
export interface LintOutcome {
  /** Every finding in the reported files, sorted; after `--fix`, those that remain. */
  readonly findings: readonly ReportedFinding[];
  readonly fixes: readonly FileFix[];
  /** Every file of the checked KBs (checked or not), for `--fix` to find what an interrupted run left. */
  readonly kbFiles: readonly string[];
}

interface KbPlan {
  readonly kb: KnowledgeBase;
  readonly checker: FileChecker;
  readonly paths: readonly string[];
}

/**
 * Checks what the command line names: opens the KBs, narrows the reported
 * files to `--changed-since` and then to this job's `--shard` when given,
 * applies safe fixes in memory for `--fix` and `--fix-dry-run`, then checks
 * every reported file against its whole KB. Throws a {@link CliError} when
 * it cannot run.
 */
export async function lintTargets(environment: CliEnvironment, options: CliOptions, version: string): Promise<LintOutcome> {
  const { cwd, env, stderr } = environment;
  const fileSystem = environment.fs ?? new NodeFileSystem({ blocking: true });
  const today = environment.today ?? (() => new Date());
  const engine = new Engine({ fs: fileSystem, today, ...(environment.bundledRoot === undefined ? {} : { bundledRoot: toKbPath(environment.bundledRoot) }) });
  // Git runs before the KBs open, while this process is small: each git command forks it, which costs
  // more CPU the more memory it holds (about 5 ms at start-up, 40 ms with a KB in memory). An error of
  // the paths is still reported first.
  const changedFiles = options.changedSince === undefined ? undefined : await settled(changedFilesSince(options.changedSince, cwd, env));
  const targets = await openTargets(engine, fileSystem, cwd, options.paths, options.config);
  boundHeapForLargeKbs(targets.map((target) => target.kb));
  const changed = changedFiles?.();
  const cache = options.cacheLocation === undefined ? undefined : await loadCache(path.resolve(cwd, options.cacheLocation), env);
  const cacheInputs = { version, today: today(), fs: fileSystem, bundledRoot: environment.bundledRoot === undefined ? undefined : toKbPath(environment.bundledRoot) };

  const kbPlans: KbPlan[] = [];
  // A --config file is reported wherever it is, once, though every KB reads it.
  const reportedConfigs = new Set<string>();
  for (const { kb, scopes, namedFiles } of targets) {
    const checkedPaths = kb.checkedPaths();
    for (const file of new Set(namedFiles.filter((named) => !checkedPaths.includes(named)))) {
      stderr.write(`kb-lint: ${displayPath(cwd, file)} is not checked: it is not an article or scenario of its KB, or kb.config.json excludes it.\n`);
    }
    const checker = await FileChecker.create(engine, kb, cache, cacheInputs);
    const override = kb.configOverride;
    const inScope = checkedPaths.filter((file) => (file === override ? !reportedConfigs.has(file) : scopes.some((scope) => isInside(file, scope))));
    if (override !== undefined) reportedConfigs.add(override);
    kbPlans.push({ kb, checker, paths: changed === undefined ? inScope : await filesAffectedBy(kb, inScope, changed) });
  }
  const plans = options.shard === undefined ? kbPlans : shareOfPlans(kbPlans, options.shard, cwd, stderr);

  const total = plans.reduce((sum, plan) => sum + plan.paths.length, 0);
  const fixes: FileFix[] = [];
  if (options.fix !== 'off') {
    const fixing = progressBarFor(stderr, env, 'Fixing', total);
    let fixed = 0;
    for (const { kb, checker, paths } of plans) {
      for (const file of paths) {
        fixes.push(...fixFiles(kb, [file], (checked) => checker.check(checked)));
        fixing?.update(++fixed);
      }
    }
    fixing?.clear();
  }

  const progress = progressBarFor(stderr, env, 'Checking', total);
  const findings: ReportedFinding[] = [];
  let done = 0;
  // Workers open the KB from disk themselves: only for the real file system, and not when fixes or the cache are in play.
  const mayUseWorkers = options.fix === 'off' && cache === undefined && environment.fs === undefined;
  for (const { kb, checker, paths } of plans) {
    const workers = mayUseWorkers ? workerCount(paths.length, env) : 0;
    // Each file's findings are turned into their (smaller) reported form as soon as it is checked, and its tree is freed.
    const checkHere = (file: string): void => {
      findings.push(...toReportedFindings(checker.check(file), kb, cwd));
      kb.releaseSyntaxTree(file);
    };
    if (workers > 0) {
      const before = done;
      await checkInParallel(kb, paths, {
        workers,
        bundledRoot: cacheInputs.bundledRoot,
        today: cacheInputs.today,
        onProgress: (count) => progress?.update(before + count),
        checkHere,
        onWorkerFindings: (remote) => findings.push(...toReportedFindings(remote, kb, cwd)),
      });
      done += paths.length;
    } else {
      for (const file of paths) {
        checkHere(file);
        progress?.update(++done);
      }
    }
  }
  progress?.clear();
  if (cache !== undefined) {
    await cache.save(cwd).catch((error: unknown) => {
      stderr.write(`kb-lint: could not write the cache (${error instanceof Error ? error.message : String(error)}); the next run checks everything again.\n`);
    });
  }
  return { findings: findings.sort(compareReportedFindings), fixes, kbFiles: plans.flatMap(({ kb }) => kb.allPaths()) };
}

/** The cache at `location`, verified with the user's key; throws a {@link CliError} when there is no key to verify it with. */
async function loadCache(location: string, env: Readonly<Record<string, string | undefined>>): Promise<CheckCache> {
  const keyFile = cacheKeyFile(env);
  if (keyFile === undefined) throw new CliError('--cache needs a home folder (HOME, or XDG_CACHE_HOME) to keep the key that signs the cache.');
  return CheckCache.load(location, keyFile).catch((error: unknown) => {
    throw new CliError(`--cache: ${error instanceof Error ? error.message : String(error)}`);
  });
}

/** `promise`'s outcome, as a function that returns its value or throws its error when called. */
function settled<T>(promise: Promise<T>): Promise<() => T> {
  return promise.then(
    (value) => () => value,
    (error: unknown) => () => {
      throw error;
    },
  );
}
