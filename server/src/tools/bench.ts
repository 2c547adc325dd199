import { spawn } from 'node:child_process';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine, InMemoryFileSystem } from '../core/index.js';
import { markdownProcessor, parseMarkdownTree } from '../core/markdown/markdown-syntax.js';
import { NodeFileSystem, toKbPath } from '../node/node-file-system.js';
import { workerCount } from '../cli/parallel-check.js';
import { firstDiagnosticsAtStartUp } from './bench-first-diagnostics.js';
import { benchLanguageServer, languageServerPeakRss } from './bench-lsp.js';
import { benchReparse } from './bench-reparse.js';
import { benchRepositoryModel } from './bench-repository.js';
import { readPeakRss } from './bench-rss.js';
import { childrenCpuMs } from './bench-cpu.js';
import { benchModels } from './bench-models.js';
import { benchPullRequest } from './bench-pull-request.js';

/**
 * `npm run bench`: measures the engine against the Markdown parser it is
 * built on and against markdownlint-cli2, on the real corpus. Prints a table
 * and writes bench/results.json. Not a test: budgets are reported, never
 * asserted, since machines differ.
 */

interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

interface Row {
  readonly name: string;
  readonly unit: string;
  readonly stats: Stats;
  readonly note?: string;
}

const repositoryRoot = process.cwd();
const corpus = path.resolve(repositoryRoot, process.env.KB_BENCH_CORPUS ?? '../shared/corpus/officedocs-support');
const runs = Number(process.env.KB_BENCH_RUNS ?? 5);
const skipScale = process.argv.includes('--skip-scale');
/**
 * `--only=domain-claim` (the cost of that rule), `--only=pull-request` (a PR
 * check against rumdl) or `--only=language-server` (keystroke, hover and peak
 * memory of the language server): measure that alone and print it, without
 * writing bench/results.json.
 */
const only = process.argv.find((argument) => argument.startsWith('--only='))?.slice('--only='.length);
const rows: Row[] = [];
const budgets: Array<{ name: string; budget: string; measured: string; met: boolean }> = [];

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

async function measure(times: number, action: () => Promise<void> | void): Promise<Stats> {
  const samples: number[] = [];
  for (let run = 0; run < times; run++) {
    const start = performance.now();
    await action();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

/**
 * Runs a Node program as a child process; resolves to wall time (ms), user
 * and system CPU time of it and its workers (ms), and peak RSS (bytes): the
 * sum of the peaks of the process and of the worker processes it forked
 * (`processes` of them in all), an upper bound of their combined peak.
 */
async function runProcess(args: string[], env: Record<string, string> = {}): Promise<{ wall: number; cpu: number; rss: number; processes: number; exitCode: number | null }> {
  const rssFile = path.join(tmpdir(), `kb-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const cpuBefore = await childrenCpuMs();
  const start = performance.now();
  let pid: number | undefined;
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', path.join(repositoryRoot, 'bench', 'max-rss.cjs'), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env, KB_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    pid = child.pid;
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const wall = performance.now() - start;
  const peak = await readPeakRss(rssFile, pid);
  await fs.rm(rssFile, { force: true });
  return { wall, cpu: (await childrenCpuMs()) - cpuBefore, rss: peak.sum, processes: peak.processes, exitCode };
}

/** A program measured as a process: a row name, its arguments, extra environment variables. */
interface Program {
  readonly name: string;
  readonly args: string[];
  readonly env?: Record<string, string>;
}

/**
 * Runs each program `times` times, taking turns (one run of each, then the
 * next round), so that a change of the machine's load while the benchmark
 * runs weighs on every program alike. Adds wall, CPU and peak RSS rows.
 */
async function processRows(programs: readonly Program[], times: number): Promise<Map<Program, { wall: Stats; cpu: Stats; rss: Stats; cpuOfRounds: readonly number[] }>> {
  const samples = new Map(programs.map((program) => [program, { walls: [] as number[], cpus: [] as number[], rsses: [] as number[], processes: 0 }]));
  for (let run = 0; run < times; run++) {
    for (const [program, sample] of samples) {
      const result = await runProcess(program.args, program.env);
      sample.walls.push(result.wall);
      sample.cpus.push(result.cpu);
      sample.rsses.push(result.rss);
      sample.processes = Math.max(sample.processes, result.processes);
    }
  }
  return new Map([...samples].map(([program, { walls, cpus, rsses, processes }]) => {
    const wall = stats(walls);
    const cpu = stats(cpus);
    const rss = stats(rsses);
    rows.push({ name: `${program.name}: wall`, unit: 'ms', stats: wall });
    if (!Number.isNaN(cpu.median)) rows.push({ name: `${program.name}: CPU (user + system)`, unit: 'ms', stats: cpu, note: `${(cpu.median / wall.median).toFixed(2)} cores busy on average` });
    rows.push({ name: `${program.name}: peak RSS`, unit: 'MB', stats: { median: rss.median / 1e6, min: rss.min / 1e6, max: rss.max / 1e6 }, note: processes > 1 ? `sum over ${processes} processes` : 'one process' });
    return [program, { wall, cpu, rss, cpuOfRounds: cpus }];
  }));
}

async function articleTexts(): Promise<Map<string, string>> {
  const fileSystem = new NodeFileSystem();
  const engine = new Engine({ fs: fileSystem , today: () => new Date()});
  const kb = await engine.openKb(toKbPath(corpus));
  const texts = new Map<string, string>();
  for (const file of kb.checkedPaths()) {
    if (kb.kindOf(file) !== 'article') continue;
    const text = kb.textOf(file);
    if (text !== undefined) texts.set(file, text);
  }
  return texts;
}

async function allTexts(): Promise<Record<string, string>> {
  const fileSystem = new NodeFileSystem();
  const files: Record<string, string> = {};
  for (const file of await fileSystem.listFiles(toKbPath(corpus), ['node_modules', '.git'])) {
    const text = /\.(md|scenario|json)$/.test(file) ? await fileSystem.readText(file) : '';
    if (typeof text === 'string') files[file] = text;
  }
  return files;
}

/** Copies the corpus `copies` times below a temporary folder made one KB, so links resolve inside each copy. */
async function scaledCorpus(copies: number): Promise<string> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'kb-bench-scale-'));
  for (let copy = 1; copy <= copies; copy++) await fs.cp(corpus, path.join(root, `copy-${copy}`), { recursive: true });
  // One KB of every copy: each copy is a Learn repository of its own, which kb-lint would otherwise check as a KB apart.
  await fs.writeFile(path.join(root, 'kb.config.json'), '{}\n');
  return root;
}

/** Tells on standard error which part runs (the table goes to standard output at the end). */
function progress(part: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${part}\n`);
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/**
 * What `domain-claim` adds to a cold `kb-lint` run in one process: the same
 * run with a configuration that turns the rule off, and with one that keeps
 * it (both given with `--config`, so that the runs differ in that alone).
 * The English model's module loads in both runs; setting it up and reading
 * sentences is what the rule adds.
 *
 * The share is the median of the rounds' own shares: each round runs both
 * programs back to back, so a slow stretch of the machine weighs on both
 * runs of a round, while the medians of each program, taken apart, could
 * come from different stretches (the rule adds about a twentieth of the CPU
 * time; the machine's speed moved by more than that between rounds).
 */
async function domainClaimCost(times: number): Promise<void> {
  // Five rounds at least: a difference of two CPU times is noisier than the ratio of two programs' times.
  const rounds = Math.max(times, 5);
  const folder = await fs.mkdtemp(path.join(tmpdir(), 'kb-bench-claims-'));
  try {
    const withRule = path.join(folder, 'with.json');
    const withoutRule = path.join(folder, 'without.json');
    await fs.writeFile(withRule, '{}\n');
    await fs.writeFile(withoutRule, '{ "rules": { "domain-claim": "off" } }\n');
    const program = (config: string, label: string): Program => ({ name: `kb-lint, one process, ${label}`, args: ['bin/kb-lint.js', '--format', 'json', '--config', config, corpus], env: { KB_LINT_WORKERS: '0' } });
    const on = program(withRule, 'with domain-claim');
    const off = program(withoutRule, 'without domain-claim');
    const measured = await processRows([on, off], rounds);
    // CPU time, not wall time: on a shared machine the wall time of one process swings by more than the rule costs.
    const withCpu = measured.get(on)?.cpuOfRounds ?? [];
    const withoutCpu = measured.get(off)?.cpuOfRounds ?? [];
    const shares = withCpu.map((cpu, round) => (cpu - (withoutCpu[round] ?? Number.NaN)) / (withoutCpu[round] ?? Number.NaN));
    const share = stats(shares.map((value) => value * 100));
    rows.push({ name: 'domain-claim: added to the CPU time of a cold kb-lint run, per round', unit: '%', stats: share, note: `${shares.length} rounds, each with and without the rule` });
    budgets.push({ name: 'domain-claim: added to the CPU time of a cold kb-lint run (median of the rounds)', budget: '<= 10 %', measured: `${share.median.toFixed(1)} %`, met: share.median <= 10 });
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

/**
 * `kb-lint --changed-since` with one changed article, a fresh process and no
 * cache, against rumdl's full cold run of the corpus, taking turns: the
 * ratio of the medians is the budget (issue: a PR check costs what the
 * change costs).
 */
async function pullRequestRows(articles: readonly string[], times: number): Promise<void> {
  const measured = await benchPullRequest(repositoryRoot, corpus, articles, times);
  const pullRequest = { wall: stats(measured.pullRequest.walls), cpu: stats(measured.pullRequest.cpus) };
  const rumdl = { wall: stats(measured.rumdl.walls), cpu: stats(measured.rumdl.cpus) };
  const name = 'PR check: kb-lint --changed-since HEAD~1, one changed article, fresh process, no cache';
  const cpuRatio = pullRequest.cpu.median / rumdl.cpu.median;
  rows.push({ name: `${name}: wall`, unit: 'ms', stats: pullRequest.wall, note: `changed: ${measured.changedArticle}` });
  rows.push({ name: `${name}: CPU (user + system)`, unit: 'ms', stats: pullRequest.cpu, note: `${cpuRatio.toFixed(2)} x rumdl's CPU time` });
  rows.push({ name: 'rumdl check . --no-cache (full cold run): wall', unit: 'ms', stats: rumdl.wall, note: measured.rumdlCommand.startsWith(process.execPath) ? 'through its Node wrapper' : 'native binary' });
  rows.push({ name: 'rumdl check . --no-cache (full cold run): CPU (user + system)', unit: 'ms', stats: rumdl.cpu });
  const wallRatio = pullRequest.wall.median / rumdl.wall.median;
  budgets.push({ name: 'PR check (one changed article) wall / rumdl full cold run wall', budget: '<= 1.0', measured: wallRatio.toFixed(2), met: wallRatio <= 1 });
}

/**
 * An article opened right after `initialize` in a workspace of the whole
 * corpus: time to its first diagnostics (issue budget: 1.5 s), the middle
 * article of the sorted corpus, as for the PR check.
 */
async function firstDiagnosticsRows(times: number): Promise<void> {
  const articles = [...(await articleTexts()).keys()].sort();
  const article = path.relative(corpus, articles[Math.floor(articles.length / 2)] ?? '');
  const sinceOpen: number[] = [];
  const sinceInitialize: number[] = [];
  for (let run = 0; run < times; run++) {
    const measured = await firstDiagnosticsAtStartUp(corpus, article, repositoryRoot);
    sinceOpen.push(measured.sinceOpen);
    sinceInitialize.push(measured.sinceInitialize);
  }
  const name = 'language server: first diagnostics of an article opened right after initialize, whole corpus as workspace';
  const opened = stats(sinceOpen);
  rows.push({ name: `${name}, from didOpen`, unit: 'ms', stats: opened, note: article });
  rows.push({ name: `${name}, from initialize`, unit: 'ms', stats: stats(sinceInitialize) });
  budgets.push({ name: 'first diagnostics of an article opened at start-up, from didOpen (median)', budget: '<= 1500 ms', measured: `${opened.median.toFixed(0)} ms`, met: opened.median <= 1500 });
}

/** Keystroke and hover latency of the language server on long articles, and its peak memory after indexing the corpus. */
async function languageServerRows(): Promise<void> {
  const bundledRoot = path.join(repositoryRoot, 'kb');
  progress('language server latency');
  const latencies = await benchLanguageServer(corpus, bundledRoot);
  for (const latency of latencies) rows.push({ name: `language server: ${latency.name}`, unit: 'ms', stats: { median: latency.p50, min: latency.p50, max: latency.p95 }, note: `p50 ${format(latency.p50)}, p95 ${format(latency.p95)}${latency.note ? `; ${latency.note}` : ''}` });
  const budgetOf = (name: string, limit: number): void => {
    const latency = latencies.find((candidate) => candidate.name === name);
    if (latency !== undefined) budgets.push({ name: `${name} (p95)`, budget: `<= ${limit} ms`, measured: `${format(latency.p95)} ms`, met: latency.p95 <= limit });
  };
  budgetOf('keystroke to diagnostics, 2,000-line article', 30);
  budgetOf('keystroke to diagnostics, 10,000-line article', 200);
  budgetOf('hover on a glossary term, 2,000-line article', 5);
  progress('language server: first diagnostics at start-up');
  await firstDiagnosticsRows(Math.max(1, Math.min(runs, 3)));
  progress('language server memory');
  const serverRss = await languageServerPeakRss(corpus, repositoryRoot);
  rows.push({ name: 'language server: peak RSS after indexing the corpus', unit: 'MB', stats: stats([serverRss / 1e6]) });
  budgets.push({ name: 'language server peak RSS after indexing the corpus', budget: '<= 300 MB', measured: `${(serverRss / 1e6).toFixed(0)} MB`, met: serverRss <= 300e6 });
}

async function main(): Promise<void> {
  if (only === 'domain-claim') {
    progress('domain-claim cost');
    await domainClaimCost(Math.max(1, Math.min(runs, 3)));
    process.stdout.write(`${table().join('\n')}\n`);
    return;
  }
  if (only === 'language-server') {
    await languageServerRows();
    process.stdout.write(`${table().join('\n')}\n`);
    return;
  }
  const texts = await articleTexts();
  if (only === 'pull-request') {
    progress('pull-request check and rumdl');
    await pullRequestRows([...texts.keys()], runs);
    process.stdout.write(`${table().join('\n')}\n`);
    return;
  }
  const megabytes = [...texts.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;
  process.stderr.write(`corpus: ${texts.size} articles, ${megabytes.toFixed(1)} MB; ${runs} runs each\n`);

  progress('parse floor');
  const floor = await measure(runs, () => {
    for (const text of texts.values()) markdownProcessor.parse(text);
  });
  rows.push({ name: 'parse floor (unified + remark-parse + gfm + frontmatter)', unit: 'ms', stats: floor, note: `${(megabytes / (floor.median / 1000)).toFixed(2)} MB/s` });
  // The parse the engine does: the same trees, without the GFM constructs a file cannot contain (bench/profile.md).
  const narrowed = await measure(runs, () => {
    for (const text of texts.values()) parseMarkdownTree(text);
  });
  rows.push({ name: 'parse as the engine does it (GFM constructs left out where they cannot occur)', unit: 'ms', stats: narrowed, note: `${(narrowed.median / floor.median).toFixed(2)} x floor` });

  progress('full check in memory');
  const files = await allTexts();
  const full = await measure(runs, async () => {
    const engine = new Engine({ fs: new InMemoryFileSystem(files), today: () => new Date(), bundledRoot: toKbPath(path.join(repositoryRoot, 'kb')) });
    engine.checkAll(await engine.openKb(toKbPath(corpus)));
  });
  const ratio = full.median / floor.median;
  rows.push({ name: 'full check, cold (index + all rules, in memory)', unit: 'ms', stats: full, note: `${ratio.toFixed(2)} x floor` });
  budgets.push({ name: 'full check cold / parse floor', budget: '<= 1.5', measured: ratio.toFixed(2), met: ratio <= 1.5 });

  progress('Learn repository model');
  const model = benchRepositoryModel(toKbPath(corpus), files, runs, full.median);
  rows.push({ name: 'Learn repository model: read, sort every file, follow every redirection', unit: 'ms', stats: model, note: model.note });
  budgets.push({ name: 'repository model / full check cold', budget: '<= 2 %', measured: `${((model.median / full.median) * 100).toFixed(2)} %`, met: model.median <= full.median * 0.02 });

  const processRuns = Math.max(1, Math.min(runs, 3));
  const kbLint: Program = { name: `kb-lint --format json (process, default: ${workerCount(texts.size, {})} worker processes on ${availableParallelism()} cores)`, args: ['bin/kb-lint.js', '--format', 'json', corpus], env: { KB_LINT_WORKERS: '' } };
  // The other choice than the default (one worker, or none), measured in the same rounds: what a worker changes.
  const otherWorkers = workerCount(texts.size, {}) === 0 ? '1' : '0';
  const markdownlint: Program = { name: 'markdownlint-cli2 (process, default rules)', args: [path.join('node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), `${corpus}/**/*.md`] };
  const kbLintOther: Program = { name: `kb-lint --format json (process, KB_LINT_WORKERS=${otherWorkers})`, args: kbLint.args, env: { KB_LINT_WORKERS: otherWorkers } };
  progress('kb-lint and markdownlint-cli2 as processes');
  const measured = await processRows([kbLint, markdownlint, kbLintOther], processRuns);
  const ours = measured.get(kbLint);
  const reference = measured.get(markdownlint);
  const cpuRatio = (ours?.cpu.median ?? Number.NaN) / (reference?.cpu.median ?? Number.NaN);
  const wallRatio = (ours?.wall.median ?? Number.NaN) / (reference?.wall.median ?? Number.NaN);
  budgets.push({ name: 'kb-lint CPU / markdownlint-cli2 CPU (cold full run)', budget: '<= 1.0', measured: cpuRatio.toFixed(2), met: cpuRatio <= 1 });
  budgets.push({ name: 'kb-lint wall / markdownlint-cli2 wall (cold full run)', budget: '<= 0.7', measured: wallRatio.toFixed(2), met: wallRatio <= 0.7 });
  progress('domain-claim cost');
  await domainClaimCost(processRuns);
  progress('pull-request check and rumdl');
  await pullRequestRows([...texts.keys()], runs);

  const bundledRoot = path.join(repositoryRoot, 'kb');
  progress('Markdown layer');
  for (const row of await benchReparse(corpus)) rows.push({ name: `Markdown layer, ${row.name}`, unit: 'ms', stats: { median: row.median, min: row.min, max: row.max }, note: row.note ?? `p95 ${format(row.p95)}` });
  progress('problem models');
  for (const row of await benchModels(bundledRoot, Math.max(runs, 20))) {
    rows.push({ name: row.name, unit: 'ms', stats: row });
    if (row.budget !== undefined) budgets.push({ name: row.budget.name, budget: `<= ${row.budget.limit} ms`, measured: `${format(row.median)} ms`, met: row.median <= row.budget.limit });
  }

  await languageServerRows();

  if (!skipScale) {
    progress('scale');
    const scaled = await scaledCorpus(8);
    try {
      // The two sizes take turns, as the other process rows do: a 100-second run alone could fall in a slow stretch of a shared machine.
      const small: Program = { name: `scale: kb-lint on ${texts.size} articles`, args: ['bin/kb-lint.js', '--format', 'json', corpus], env: { KB_LINT_WORKERS: '' } };
      const large: Program = { name: `scale: kb-lint on ${texts.size * 8} articles`, args: ['bin/kb-lint.js', '--format', 'json', scaled], env: { KB_LINT_WORKERS: '' } };
      const measured = await processRows([small, large], processRuns);
      const largeOther = await runProcess(large.args, { KB_LINT_WORKERS: otherWorkers });
      const perSmall = (measured.get(small)?.wall.median ?? Number.NaN) / texts.size;
      const perLarge = (measured.get(large)?.wall.median ?? Number.NaN) / (texts.size * 8);
      const largePeak = measured.get(large)?.rss.max ?? Number.NaN;
      const memory = (run: { rss: number; processes: number }): string => `${(run.rss / 1e6).toFixed(0)} MB peak RSS${run.processes > 1 ? ` (sum over ${run.processes} processes)` : ''}`;
      rows.push({ name: `scale: kb-lint on ${texts.size * 8} articles, KB_LINT_WORKERS=${otherWorkers}`, unit: 'ms', stats: stats([largeOther.wall]), note: `${(largeOther.wall / (texts.size * 8)).toFixed(2)} ms/article, ${memory(largeOther)}` });
      budgets.push({ name: 'time per article at 8x scale / at 1x (medians)', budget: '<= 1.1', measured: (perLarge / perSmall).toFixed(2), met: perLarge / perSmall <= 1.1 });
      budgets.push({ name: `CLI peak RSS on ${texts.size * 8} articles (the highest of the rounds, all processes)`, budget: '<= 1000 MB', measured: `${(largePeak / 1e6).toFixed(0)} MB`, met: largePeak <= 1e9 });
    } finally {
      await fs.rm(scaled, { recursive: true, force: true });
    }
  }

  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` };
  const lines = [`machine: ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}`, '', ...table()];
  process.stdout.write(`${lines.join('\n')}\n`);
  await fs.mkdir(path.join(repositoryRoot, 'bench'), { recursive: true });
  await fs.writeFile(path.join(repositoryRoot, 'bench', 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, corpus: { articles: texts.size, megabytes }, runs, rows, budgets }, null, 2)}\n`);
}

/** The rows and budgets measured so far, as Markdown tables. */
function table(): string[] {
  return [
    '| measurement | median | min | max | unit | note |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map((row) => `| ${row.name} | ${format(row.stats.median)} | ${format(row.stats.min)} | ${format(row.stats.max)} | ${row.unit} | ${row.note ?? ''} |`),
    '',
    '| budget | target | measured | met |',
    '| --- | --- | --- | --- |',
    ...budgets.map((budget) => `| ${budget.name} | ${budget.budget} | ${budget.measured} | ${budget.met ? 'yes' : 'NO'} |`),
  ];
}

await main();
