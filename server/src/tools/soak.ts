import * as path from 'node:path';
import { Engine, RULES } from '../core/index.js';
import { NodeFileSystem, toKbPath } from '../node/node-file-system.js';
import { formatSoakReport, soakKb } from './soak-corpus.js';

/**
 * `npm run soak`: the whole engine, every rule on, over a real KB (by default
 * the corpus of Microsoft support articles beside the repository). Prints the
 * findings per rule; fails (exit 1) when the engine threw on a file or a rule
 * failed on one.
 */
const folder = path.resolve(process.argv[2] ?? process.env.KB_BENCH_CORPUS ?? '../shared/corpus/officedocs-support');
const engine = new Engine({ fs: new NodeFileSystem(), today: () => new Date(), bundledRoot: toKbPath(path.resolve('kb')) });
const report = soakKb(engine, await engine.openKb(toKbPath(folder)));
process.stdout.write(formatSoakReport(report, RULES.length));
process.exitCode = report.files > 0 && report.crashes.length === 0 && report.ruleFailures.length === 0 ? 0 : 1;
