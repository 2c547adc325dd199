import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Engine, InMemoryFileSystem, RepositoryModel } from '../core/index.js';
import { NodeFileSystem, toKbPath } from '../node/node-file-system.js';

/** Median, min and max of the repository model's cost, in ms, and its share of a cold full check. */
export interface RepositoryModelCost {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** The median cold full check the share is taken of, in ms. */
  readonly fullCheck: number;
  readonly note: string;
}

/**
 * What the Learn repository model adds to a cold run over `root` (texts held
 * in `files`): reading it (publish configuration, `docfx.json` files,
 * redirection files), sorting every file into published or not, and
 * following every redirection, as the rules do; against `fullCheck`, a
 * measured cold full check of the same files.
 */
export function benchRepositoryModel(root: string, files: Readonly<Record<string, string>>, runs: number, fullCheck: number): RepositoryModelCost {
  const paths = Object.keys(files).sort();
  const lowerCase = new Map(paths.map((file) => [file.toLowerCase(), file]));
  const samples: number[] = [];
  let docsets = 0;
  let redirections = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const model = new RepositoryModel(root, paths, (file) => files[file], (file) => lowerCase.get(file.toLowerCase()));
    for (const file of paths) if (file.endsWith('.md')) model.isPublished(file);
    for (const redirection of model.redirections()) model.follow(redirection);
    samples.push(performance.now() - start);
    docsets = model.sourceFiles.filter((file) => file.endsWith('/docfx.json')).length;
    redirections = model.redirections().length;
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? 0;
  return { median, min: samples[0] ?? 0, max: samples[samples.length - 1] ?? 0, fullCheck, note: `${docsets} docfx.json, ${redirections} redirections; ${((median / fullCheck) * 100).toFixed(2)} % of the cold full check` };
}

/** Run alone (`node out/server/src/tools/bench-repository.js [corpus]`): this row only, against one cold full check. */
async function main(): Promise<void> {
  const repositoryRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..', '..');
  const corpus = path.resolve(repositoryRoot, process.argv[2] ?? '../shared/corpus/officedocs-support');
  const fileSystem = new NodeFileSystem();
  const files: Record<string, string> = {};
  for (const file of await fileSystem.listFiles(toKbPath(corpus), ['node_modules', '.git'])) {
    const text = /\.(md|scenario|json)$/.test(file) ? await fileSystem.readText(file) : '';
    if (typeof text === 'string') files[file] = text;
  }
  const start = performance.now();
  const engine = new Engine({ fs: new InMemoryFileSystem(files), bundledRoot: toKbPath(path.join(repositoryRoot, 'kb')), today: () => new Date() });
  engine.checkAll(await engine.openKb(toKbPath(corpus)));
  const cost = benchRepositoryModel(toKbPath(corpus), files, Number(process.env.KB_BENCH_RUNS ?? 5), performance.now() - start);
  process.stdout.write(`repository model: median ${cost.median.toFixed(1)} ms (min ${cost.min.toFixed(1)}, max ${cost.max.toFixed(1)}); cold full check ${cost.fullCheck.toFixed(0)} ms; ${cost.note}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
