// Runs a test suite from the compiled tests in out/test (build first: `npm run build`).
//
//   node test/run-tests.mjs unit         the fast loop: unit and rule-fixture tests, in one process
//   node test/run-tests.mjs property     (also: corpus, cli, protocol, robustness, workspace)
//   node test/run-tests.mjs all          every suite, one after the other (what `npm test` and CI run)
//   node test/run-tests.mjs --list unit  the files of a suite, without running them
//
// Which suite a test file belongs to is decided here and nowhere else. The
// unit suite runs in one process, so what test/support memoises (the bundled
// KB, read once) is shared by every file; the other suites run one process per
// file, as `node --test` does, because they start servers, workers or spend
// seconds each. The real-editor tests (test/e2e) have their own scripts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const COMPILED = path.join(ROOT, 'out', 'test');

/** The suites; a file belongs to the first suite whose pattern matches its path (relative to out/test). */
const SUITES = [
  { name: 'e2e', pattern: /^e2e\//, note: 'real editors: npm run test:e2e' },
  { name: 'corpus', pattern: /corpus[^/]*\.test\.js$/, note: 'the public corpora beside the repository; skipped where absent' },
  { name: 'property', pattern: /\.property\.test\.js$/, note: 'fast-check properties' },
  { name: 'robustness', pattern: /^robustness\//, note: 'hostile input, fuzzing, interrupted writes' },
  { name: 'protocol', pattern: /^protocol\//, note: 'a real language server process over LSP' },
  { name: 'workspace', pattern: /^workspace\//, note: 'the language server\'s workspace and check scheduler in-process, against fresh full checks of the KB' },
  { name: 'cli', pattern: /^cli\/(bin-bundle|cache|changed-lines|changed-since|cli-cases|fix|parallel|parallel-queue|rdjson|sarif-validator|shard)\.test\.js$/, note: 'kb-lint end to end on copied folders, workers, git and the SARIF validator' },
  { name: 'unit', pattern: /^(unit|cli|grammar)\//, note: 'unit and rule-fixture tests on in-memory KBs' },
];

/** Every compiled test file, relative to out/test, sorted. */
function testFiles() {
  if (!existsSync(COMPILED)) throw new Error('out/test is missing: run `npm run build` first.');
  return readdirSync(COMPILED, { recursive: true })
    .map((file) => String(file).split(path.sep).join('/'))
    .filter((file) => file.endsWith('.test.js'))
    .sort();
}

/** The files of each suite; throws when a test file belongs to none, so no test is ever left out. */
function filesBySuite() {
  const bySuite = new Map(SUITES.map((suite) => [suite.name, []]));
  for (const file of testFiles()) {
    const suite = SUITES.find((candidate) => candidate.pattern.test(file));
    if (suite === undefined) throw new Error(`${file} belongs to no test suite: add it to a pattern in test/run-tests.mjs.`);
    bySuite.get(suite.name).push(path.join(COMPILED, file));
  }
  return bySuite;
}

function run(args) {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: ROOT });
  return result.status ?? 1;
}

/** The counts a TAP report ends with (`# pass N`...), added to `totals`. */
function addCounts(tapFile, totals) {
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  for (const key of Object.keys(totals)) {
    const counts = [...tap.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
    if (counts.length > 0) totals[key] += Number(counts[counts.length - 1][1]);
  }
}

function runSuite(name, files, reporter, totals) {
  if (files.length === 0) return 0;
  process.stdout.write(`\n== ${name}: ${files.length} file(s)\n`);
  // A second reporter writes TAP to a file, so the run can end with one line of counts over every suite.
  const tapFile = path.join(reportFolder, `${name}.tap`);
  const reporterArgs = [`--test-reporter=${reporter}`, '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`];
  const status = runReported(name, files, reporterArgs);
  addCounts(tapFile, totals);
  return status;
}

function runReported(name, files, reporterArgs) {
  if (name !== 'unit') return run(['--test', ...reporterArgs, ...files]);
  const imports = files.map((file) => `await import(${JSON.stringify(pathToFileURL(file).href)});`).join('\n');
  return run([...reporterArgs, '--input-type=module', '--eval', imports]);
}

const args = process.argv.slice(2);
const list = args.includes('--list');
const reporterArg = args.find((arg) => arg.startsWith('--reporter='));
const reporter = reporterArg === undefined ? (process.stdout.isTTY ? 'spec' : 'dot') : reporterArg.slice('--reporter='.length);
const wanted = args.filter((arg) => !arg.startsWith('--'));
const known = SUITES.map((suite) => suite.name);
if (wanted.length === 0 || wanted.some((name) => name !== 'all' && !known.includes(name))) {
  process.stderr.write(`usage: node test/run-tests.mjs [--list] [--reporter=spec|dot|tap] <${[...known.filter((name) => name !== 'e2e'), 'all'].join('|')}>...\n`);
  for (const suite of SUITES) process.stderr.write(`  ${suite.name.padEnd(11)} ${suite.note}\n`);
  process.exit(2);
}
const bySuite = filesBySuite();
// `all` runs the fast loop first, so a broken unit test shows before the slow suites start.
const names = wanted.includes('all') ? ['unit', ...known.filter((name) => name !== 'e2e' && name !== 'unit')] : wanted;
const reportFolder = mkdtempSync(path.join(tmpdir(), 'kb-tests-'));
const totals = { pass: 0, fail: 0, skipped: 0, todo: 0 };
let status = 0;
for (const name of names) {
  const files = bySuite.get(name) ?? [];
  if (list) {
    for (const file of files) process.stdout.write(`${path.relative(ROOT, file)}\n`);
    continue;
  }
  status = runSuite(name, files, reporter, totals) || status;
}
rmSync(reportFolder, { recursive: true, force: true });
if (!list) process.stdout.write(`\ntests: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped + totals.todo} skipped\n`);
process.exit(status);
