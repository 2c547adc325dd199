import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CLI_FIXTURES, type CliRun, git } from './cli-harness.js';
import { sarifSchemaErrors } from './sarif-schema.js';

/** What a case's extra checks get: the run, its folder, and a way to run the CLI again the same way. */
export interface CaseContext {
  readonly run: CliRun;
  readonly folder: string;
  rerun(args: readonly string[]): Promise<CliRun>;
}

/** One row of the CLI test table. */
export interface CliCase {
  /** Also the snapshot's file name. */
  readonly name: string;
  /** Fixture KB under test/fixtures/cli/kbs, copied to a temporary working folder; an empty folder without one. */
  readonly fixture?: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Shapes the copied folder first: a git history, or files a fixture cannot hold (binary content). */
  readonly prepare?: (folder: string) => Promise<void>;
  readonly exitCode: number;
  /** Files (relative to the working folder) the run writes or changes, kept in the snapshot. */
  readonly files?: readonly string[];
  /** Further checks, beyond the snapshot. */
  readonly verify?: (context: CaseContext) => Promise<void>;
}

/**
 * A SARIF log made stable for a snapshot: the rule list and rule indexes
 * follow the registry (checked here, not snapshotted), and the version
 * follows the package.
 */
export function normalizeSarif(text: string): string {
  const log = JSON.parse(text) as { runs: Array<{ tool: { driver: { version: string; semanticVersion: string; rules: Array<{ id: string }> | string } }; results: Array<{ ruleId: string; ruleIndex?: number }> }> };
  for (const run of log.runs) {
    const rules = run.tool.driver.rules;
    assert.ok(Array.isArray(rules));
    for (const result of run.results) {
      assert.equal(result.ruleIndex === undefined ? undefined : rules[result.ruleIndex]?.id, result.ruleId, 'ruleIndex must point at the result\'s rule');
      delete result.ruleIndex;
    }
    run.tool.driver.rules = '<the rules of the registry>';
    run.tool.driver.version = '<version>';
    run.tool.driver.semanticVersion = '<version>';
  }
  return `${JSON.stringify(log, null, 2)}\n`;
}

async function writeFile(folder: string, file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(path.join(folder, file)), { recursive: true });
  await fs.writeFile(path.join(folder, file), text);
}

async function readText(folder: string, file: string): Promise<string> {
  return fs.readFile(path.join(folder, file), 'utf8');
}

/** A pull request in a temporary repository: `reference.md` renames the heading `guide.md` links to; `draft.md` is new and untracked. */
async function pullRequestBreakingAnAnchor(folder: string): Promise<void> {
  await git(folder, 'init', '--quiet');
  await git(folder, 'add', '.');
  await git(folder, 'commit', '--quiet', '-m', 'Base');
  await git(folder, 'checkout', '--quiet', '-b', 'rename-heading');
  const reference = path.join(folder, 'articles', 'reference.md');
  await fs.writeFile(reference, (await fs.readFile(reference, 'utf8')).replace('## Configure the proxy', '## Set the proxy'));
  await git(folder, 'commit', '--quiet', '-am', 'Rename the heading');
  await fs.writeFile(path.join(folder, 'articles', 'draft.md'), '---\ntitle: Draft\ndescription: A new page.\nms.topic: reference\nms.date: 01/15/2024\n---\n\n# Draft\n\nSee [the proxy](reference.md#set-the-proxy) and [a page to come](to-come.md).\n');
}

/** The CLI test table: every case runs in-process and as a subprocess, against the same snapshot. */
export const CLI_CASES: readonly CliCase[] = [
  { name: 'help', args: ['--help'], exitCode: 0 },
  { name: 'clean-kb', fixture: 'clean', args: [], exitCode: 0 },
  { name: 'stylish', fixture: 'basic', args: [], exitCode: 1 },
  { name: 'json', fixture: 'basic', args: ['--format', 'json'], exitCode: 1 },
  {
    name: 'sarif-file-and-github',
    fixture: 'basic',
    args: ['--format', 'sarif', '--output-file', 'reports/kb.sarif', '--format', 'github'],
    env: { GITHUB_STEP_SUMMARY: 'summary.md' },
    exitCode: 1,
    files: ['reports/kb.sarif', 'summary.md'],
    async verify({ folder }) {
      assert.deepEqual(sarifSchemaErrors(JSON.parse(await readText(folder, 'reports/kb.sarif'))), []);
    },
  },
  { name: 'checkstyle', fixture: 'basic', args: ['--format', 'checkstyle'], exitCode: 1 },
  { name: 'quiet', fixture: 'basic', args: ['--quiet'], exitCode: 1 },
  { name: 'warnings-within-max', fixture: 'basic', args: ['articles/missing-cause.md', '--max-warnings', '1'], exitCode: 0 },
  { name: 'warnings-over-max', fixture: 'basic', args: ['articles/missing-cause.md', '--max-warnings', '0'], exitCode: 1 },
  {
    name: 'fix',
    fixture: 'basic',
    args: ['--fix'],
    exitCode: 1,
    files: ['articles/broken-links.md'],
    async verify({ folder, rerun }) {
      const fixed = await fs.stat(path.join(folder, 'articles', 'broken-links.md'));
      const again = await rerun(['--fix']);
      assert.equal(again.exitCode, 1);
      assert.doesNotMatch(again.stderr, /Fixed/, 'a second --fix must find nothing to fix');
      assert.equal((await fs.stat(path.join(folder, 'articles', 'broken-links.md'))).mtimeMs, fixed.mtimeMs, 'a second --fix must not touch the file');
    },
  },
  {
    name: 'fix-dry-run',
    fixture: 'basic',
    args: ['--fix-dry-run'],
    exitCode: 1,
    async verify({ run, folder, rerun }) {
      const original = await fs.readFile(path.join(CLI_FIXTURES, 'kbs', 'basic', 'articles', 'broken-links.md'), 'utf8');
      assert.equal(await readText(folder, 'articles/broken-links.md'), original, 'a dry run changes nothing');
      await fs.writeFile(path.join(folder, 'fixes.patch'), run.stdout);
      await git(folder, 'apply', 'fixes.patch');
      assert.equal((await rerun(['--fix-dry-run'])).stdout, '', 'after applying the printed diff, nothing is left to fix');
    },
  },
  { name: 'changed-since-anchor-broken-in-unchanged-file', fixture: 'pull-request', prepare: pullRequestBreakingAnAnchor, args: ['--changed-since', 'main', '--format', 'json'], exitCode: 1 },
  { name: 'changed-since-outside-git', fixture: 'basic', args: ['--changed-since', 'main'], exitCode: 2 },
  {
    name: 'changed-since-unknown-ref',
    fixture: 'basic',
    async prepare(folder) {
      await git(folder, 'init', '--quiet');
      await git(folder, 'add', '.');
      await git(folder, 'commit', '--quiet', '-m', 'Base');
    },
    args: ['--changed-since', 'no-such-branch'],
    exitCode: 2,
  },
  { name: 'unknown-option', args: ['--colour'], exitCode: 2 },
  { name: 'unknown-format', fixture: 'basic', args: ['--format', 'junit'], exitCode: 2 },
  { name: 'output-file-without-its-format', fixture: 'basic', args: ['--format', 'json', '--format', 'github', '--output-file', 'a.txt', '--output-file', 'b.txt'], exitCode: 2 },
  { name: 'missing-path', fixture: 'basic', args: ['no-such-folder'], exitCode: 2 },
  {
    name: 'unreadable-config',
    fixture: 'basic',
    prepare: (folder) => fs.writeFile(path.join(folder, 'kb.config.json'), Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x7d])),
    args: [],
    exitCode: 2,
  },
  {
    name: 'binary-article',
    fixture: 'clean',
    prepare: (folder) => fs.writeFile(path.join(folder, 'articles', 'scan.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a])),
    args: ['--format', 'json'],
    exitCode: 1,
  },
  { name: 'named-file-not-checked', fixture: 'clean', args: ['README.md'], exitCode: 0 },
  {
    name: 'config-option',
    fixture: 'basic',
    prepare: (folder) => writeFile(folder, 'ci/kb-lint.json', '{ "useBundledKb": false, "staleAfterDays": 36500, "rules": { "image-alt": "off", "link-target": "warning" } }\n'),
    args: ['--config', 'ci/kb-lint.json'],
    exitCode: 1,
    async verify({ run, rerun }) {
      assert.doesNotMatch(run.stdout, /image-alt/, 'the --config file turns image-alt off, which kb.config.json keeps on');
      assert.match((await rerun([])).stdout, /image-alt/);
    },
  },
  {
    name: 'config-option-outside-kb',
    fixture: 'basic',
    async prepare(folder) {
      // No kb.config.json: the folder named is the KB, and the --config file lies outside it.
      await fs.rm(path.join(folder, 'kb.config.json'));
      await writeFile(folder, 'ci/kb-lint.json', '{\n  "useBundledKb": false,\n  "staleAfterDays": 36500,\n  "rules": { "link-target": "loud" }\n}\n');
    },
    args: ['--config', 'ci/kb-lint.json', '--format', 'json', 'articles'],
    exitCode: 1,
  },
  { name: 'config-option-missing', fixture: 'basic', args: ['--config', 'ci/no-such.json'], exitCode: 2 },
  {
    name: 'cache',
    fixture: 'basic',
    args: ['--cache', '--format', 'json'],
    exitCode: 1,
    async verify({ run, folder, rerun }) {
      await fs.access(path.join(folder, '.kb-lint-cache'));
      assert.deepEqual(await rerun(['--cache', '--format', 'json']), run, 'a run from the cache reports the same');
    },
  },
];
