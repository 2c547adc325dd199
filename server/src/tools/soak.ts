import * as path from 'node:path';
import { Engine, RULES } from '../core/index.js';
import { NodeFileSystem, toKbPath } from '../node/node-file-system.js';

/**
 * `npm run soak`: the whole engine, every rule on, over a real KB (by default
 * the corpus of Microsoft support articles beside the repository). Fails
 * (exit 1) when a rule threw on any file; prints the findings per rule.
 */
const folder = path.resolve(process.argv[2] ?? process.env.KB_BENCH_CORPUS ?? '../shared/corpus/officedocs-support');
const engine = new Engine({ fs: new NodeFileSystem(), bundledRoot: toKbPath(path.resolve('kb')) });
const kb = await engine.openKb(toKbPath(folder));
const byRule = new Map<string, number>();
const failures: string[] = [];
let files = 0;
for (const file of kb.checkedPaths()) {
  files++;
  for (const finding of engine.check(kb, file)) {
    byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
    if (/^Rule ".*" failed: /.test(finding.message)) failures.push(`${file}: ${finding.message}`);
  }
  kb.releaseSyntaxTree(file);
}
process.stdout.write(`${files} files, ${RULES.length} rules\n`);
for (const [rule, count] of [...byRule].sort((a, b) => b[1] - a[1])) process.stdout.write(`${String(count).padStart(7)}  ${rule}\n`);
process.stdout.write(failures.length === 0 ? 'no rule failed on any file\n' : `${failures.length} rule failures:\n${failures.join('\n')}\n`);
process.exitCode = failures.length === 0 ? 0 : 1;
