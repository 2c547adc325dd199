import { spawn } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine, InMemoryFileSystem } from '../core/index.js';
import { markdownProcessor } from '../core/markdown/parse-markdown.js';
import { NodeFileSystem, toKbPath } from '../node/node-file-system.js';
import { benchLanguageServer, languageServerPeakRss } from './bench-lsp.js';
import { benchReparse } from './bench-reparse.js';
import { evaluateScenarioFile } from '../core/scenario/evaluate.js';
import { parseScenarioFile } from '../core/scenario/scenario-file.js';

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

/** Runs a Node program as a child process; resolves to wall time (ms) and peak RSS (bytes). */
async function runProcess(args: string[]): Promise<{ wall: number; rss: number; exitCode: number | null }> {
  const rssFile = path.join(tmpdir(), `kb-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const start = performance.now();
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', path.join(repositoryRoot, 'bench', 'max-rss.cjs'), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, KB_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const wall = performance.now() - start;
  const rss = Number(await fs.readFile(rssFile, 'utf8').catch(() => '0'));
  await fs.rm(rssFile, { force: true });
  return { wall, rss, exitCode };
}

async function processRow(name: string, args: string[], times: number): Promise<{ wall: Stats; rss: Stats }> {
  const walls: number[] = [];
  const rsses: number[] = [];
  for (let run = 0; run < times; run++) {
    const result = await runProcess(args);
    walls.push(result.wall);
    rsses.push(result.rss);
  }
  const wall = stats(walls);
  const rss = stats(rsses);
  rows.push({ name: `${name}: wall`, unit: 'ms', stats: wall });
  rows.push({ name: `${name}: peak RSS`, unit: 'MB', stats: { median: rss.median / 1e6, min: rss.min / 1e6, max: rss.max / 1e6 } });
  return { wall, rss };
}

async function articleTexts(): Promise<Map<string, string>> {
  const fileSystem = new NodeFileSystem();
  const engine = new Engine({ fs: fileSystem });
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

/** One feature with 200 scenarios, taken round-robin from the bundled KB's scenario files. */
async function twoHundredScenarios(bundledRoot: string): Promise<string> {
  const folder = path.join(bundledRoot, 'scenarios');
  const blocks: string[] = [];
  for (const name of (await fs.readdir(folder)).filter((file) => file.endsWith('.scenario')).sort()) {
    const text = await fs.readFile(path.join(folder, name), 'utf8');
    blocks.push(...text.split(/\n(?=\s*Scenario:)/).slice(1).map((block) => block.trimEnd()));
  }
  const scenarios = Array.from({ length: 200 }, (_, index) => blocks[index % blocks.length] ?? '');
  return `Feature: Two hundred scenarios\n\n${scenarios.join('\n\n')}\n`;
}

/** Copies the corpus `copies` times below a temporary folder, so links resolve inside each copy. */
async function scaledCorpus(copies: number): Promise<string> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'kb-bench-scale-'));
  for (let copy = 1; copy <= copies; copy++) await fs.cp(corpus, path.join(root, `copy-${copy}`), { recursive: true });
  return root;
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

async function main(): Promise<void> {
  const texts = await articleTexts();
  const megabytes = [...texts.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;
  process.stderr.write(`corpus: ${texts.size} articles, ${megabytes.toFixed(1)} MB; ${runs} runs each\n`);

  const floor = await measure(runs, () => {
    for (const text of texts.values()) markdownProcessor.parse(text);
  });
  rows.push({ name: 'parse floor (unified + remark-parse + gfm + frontmatter)', unit: 'ms', stats: floor, note: `${(megabytes / (floor.median / 1000)).toFixed(2)} MB/s` });

  const files = await allTexts();
  const full = await measure(runs, async () => {
    const engine = new Engine({ fs: new InMemoryFileSystem(files), bundledRoot: toKbPath(path.join(repositoryRoot, 'kb')) });
    engine.checkAll(await engine.openKb(toKbPath(corpus)));
  });
  const ratio = full.median / floor.median;
  rows.push({ name: 'full check, cold (index + all rules, in memory)', unit: 'ms', stats: full, note: `${ratio.toFixed(2)} x floor` });
  budgets.push({ name: 'full check cold / parse floor', budget: '<= 1.5', measured: ratio.toFixed(2), met: ratio <= 1.5 });

  const processRuns = Math.max(1, Math.min(runs, 3));
  const ours = await processRow('kb-lint --format json (process)', ['bin/kb-lint.js', '--format', 'json', corpus], processRuns);
  const reference = await processRow('markdownlint-cli2 (process, default rules)', [path.join('node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), `${corpus}/**/*.md`], processRuns);
  budgets.push({ name: 'kb-lint wall / markdownlint-cli2 wall', budget: '<= 1.0', measured: (ours.wall.median / reference.wall.median).toFixed(2), met: ours.wall.median <= reference.wall.median });

  const bundledRoot = path.join(repositoryRoot, 'kb');
  for (const row of await benchReparse(corpus)) rows.push({ name: `Markdown layer, ${row.name}`, unit: 'ms', stats: { median: row.median, min: row.min, max: row.max }, note: row.note ?? `p95 ${format(row.p95)}` });
  const latencies = await benchLanguageServer(corpus, bundledRoot);
  for (const latency of latencies) rows.push({ name: `language server: ${latency.name}`, unit: 'ms', stats: { median: latency.p50, min: latency.p50, max: latency.p95 }, note: `p50 ${format(latency.p50)}, p95 ${format(latency.p95)}${latency.note ? `; ${latency.note}` : ''}` });
  const budgetOf = (name: string, limit: number): void => {
    const latency = latencies.find((candidate) => candidate.name === name);
    if (latency !== undefined) budgets.push({ name: `${name} (p95)`, budget: `<= ${limit} ms`, measured: `${format(latency.p95)} ms`, met: latency.p95 <= limit });
  };
  budgetOf('keystroke to diagnostics, 2,000-line article', 50);
  budgetOf('keystroke to diagnostics, 10,000-line article', 200);
  budgetOf('hover on a glossary term, 2,000-line article', 5);
  const scenarioFile = await twoHundredScenarios(bundledRoot);
  const catalog = (await new Engine({ fs: new NodeFileSystem(), bundledRoot: toKbPath(bundledRoot) }).bundledKnowledge()).steps;
  const scenarios = await measure(Math.max(runs, 20), () => {
    evaluateScenarioFile(parseScenarioFile('/bench/many.scenario', scenarioFile), catalog);
  });
  rows.push({ name: 'scenario file of 200 scenarios: parse and evaluate', unit: 'ms', stats: scenarios });
  budgets.push({ name: '200-scenario file, parse and evaluate (median)', budget: '<= 50 ms', measured: `${format(scenarios.median)} ms`, met: scenarios.median <= 50 });

  const serverRss = await languageServerPeakRss(corpus, repositoryRoot);
  rows.push({ name: 'language server: peak RSS after indexing the corpus', unit: 'MB', stats: stats([serverRss / 1e6]) });
  budgets.push({ name: 'language server peak RSS after indexing the corpus', budget: '<= 300 MB', measured: `${(serverRss / 1e6).toFixed(0)} MB`, met: serverRss <= 300e6 });

  if (!skipScale) {
    const scaled = await scaledCorpus(8);
    try {
      const small = await runProcess(['bin/kb-lint.js', '--format', 'json', path.join(scaled, 'copy-1')]);
      const large = await runProcess(['bin/kb-lint.js', '--format', 'json', scaled]);
      const perSmall = small.wall / texts.size;
      const perLarge = large.wall / (texts.size * 8);
      rows.push({ name: `scale: kb-lint on ${texts.size} articles`, unit: 'ms', stats: stats([small.wall]), note: `${perSmall.toFixed(2)} ms/article, ${(small.rss / 1e6).toFixed(0)} MB` });
      rows.push({ name: `scale: kb-lint on ${texts.size * 8} articles`, unit: 'ms', stats: stats([large.wall]), note: `${perLarge.toFixed(2)} ms/article, ${(large.rss / 1e6).toFixed(0)} MB` });
      budgets.push({ name: 'time per article at 8x scale / at 1x', budget: '<= 1.1', measured: (perLarge / perSmall).toFixed(2), met: perLarge / perSmall <= 1.1 });
      budgets.push({ name: `CLI peak RSS on ${texts.size * 8} articles`, budget: '<= 1000 MB', measured: `${(large.rss / 1e6).toFixed(0)} MB`, met: large.rss <= 1e9 });
    } finally {
      await fs.rm(scaled, { recursive: true, force: true });
    }
  }

  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` };
  const lines = [
    `machine: ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}`,
    '',
    '| measurement | median | min | max | unit | note |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map((row) => `| ${row.name} | ${format(row.stats.median)} | ${format(row.stats.min)} | ${format(row.stats.max)} | ${row.unit} | ${row.note ?? ''} |`),
    '',
    '| budget | target | measured | met |',
    '| --- | --- | --- | --- |',
    ...budgets.map((budget) => `| ${budget.name} | ${budget.budget} | ${budget.measured} | ${budget.met ? 'yes' : 'NO'} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await fs.mkdir(path.join(repositoryRoot, 'bench'), { recursive: true });
  await fs.writeFile(path.join(repositoryRoot, 'bench', 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, corpus: { articles: texts.size, megabytes }, runs, rows, budgets }, null, 2)}\n`);
}

await main();
