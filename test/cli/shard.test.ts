import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Engine, type Finding, type InMemoryFileSystem } from '../../server/src/core/index.js';
import { parseOptions } from '../../server/src/cli/options.js';
import { checkingWeight, parseShard, type Shard, shareOf } from '../../server/src/cli/shard.js';
import { operation, type Operation } from '../robustness/consistency.js';
import { FIXTURE_TODAY } from '../support/rule-fixtures.js';
import { bundledKbFiles } from '../support/workspace-harness.js';
import { cleanEnv, copyFixture, git, REPOSITORY_ROOT, runCli } from './cli-harness.js';
import { sarifSchemaErrors } from './sarif-schema.js';

describe('--shard <i>/<n>: parsing', () => {
  it('takes whole numbers with 1 <= i <= n, spaces around them allowed', () => {
    assert.deepEqual(parseShard('1/1'), { index: 1, count: 1 });
    assert.deepEqual(parseShard(' 3 / 4 '), { index: 3, count: 4 });
    assert.deepEqual(parseOptions(['--shard', '2/3']).shard, { index: 2, count: 3 });
    assert.equal(parseOptions([]).shard, undefined);
  });

  for (const [value, message] of [
    ['0/3', 'between 1 and 3'],
    ['4/3', 'between 1 and 3'],
    ['1/0', 'at least 1'],
    ['0/0', 'at least 1'],
    ['-1/3', '<index>/<count>'],
    ['1.5/3', '<index>/<count>'],
    ['1/3/5', '<index>/<count>'],
    ['2', '<index>/<count>'],
    ['a/b', '<index>/<count>'],
    ['', '<index>/<count>'],
    ['1/99999999999999999999', 'more shards than'],
  ] as const) {
    it(`refuses "${value}" with a clear error`, () => {
      assert.throws(() => parseOptions([`--shard=${value}`]), (error: Error) => error.name === 'CliError' && error.message.includes(message));
    });
  }

  it('exits with code 2 and says why, on the command line', async () => {
    const run = await runCli('in-process', REPOSITORY_ROOT, ['--shard', '5/4', 'kb']);
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /--shard 5\/4: the shard must be between 1 and 4/);
  });
});

const shardableFiles = fc.uniqueArray(fc.record({ key: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), weight: fc.integer({ min: 1, max: 5000 }) }), { selector: (file) => file.key, maxLength: 60 });

describe('--shard <i>/<n>: the partition', () => {
  it('puts every file in exactly one shard, whatever the order the files come in, in balanced runs of consecutive files', () => {
    fc.assert(fc.property(shardableFiles, fc.integer({ min: 1, max: 9 }), fc.infiniteStream(fc.nat()), (files, count, randomness) => {
      const shuffled = [...files].sort(() => (randomness.next().value % 3) - 1);
      const shares = Array.from({ length: count }, (_, index) => shareOf(files, { index: index + 1, count }));
      const sharesOfShuffled = Array.from({ length: count }, (_, index) => shareOf(shuffled, { index: index + 1, count }));
      assert.deepEqual(sharesOfShuffled.map((share) => share.map((file) => file.key)), shares.map((share) => share.map((file) => file.key)), 'the input order changed the shards');
      const sortedKeys = files.map((file) => file.key).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      assert.deepEqual(shares.flat().map((file) => file.key), sortedKeys, 'the shards, in order, are not the sorted files, each once');
      const total = files.reduce((sum, file) => sum + file.weight, 0);
      const heaviest = Math.max(0, ...files.map((file) => file.weight));
      for (const share of shares) assert.ok(share.reduce((sum, file) => sum + file.weight, 0) <= total / count + heaviest, 'a shard outweighs its part by more than one file');
    }));
  });

  it('weighs a text alike with LF and CRLF line endings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const lf = text.replaceAll('\r', '');
      assert.equal(checkingWeight(lf.replaceAll('\n', '\r\n')), checkingWeight(lf));
    }));
    assert.equal(checkingWeight(undefined), 1);
    assert.equal(checkingWeight('ab\r\nc'), 5);
  });
});

/** Applies an operation to an in-memory KB as it would be on disk (a buffer is saved; closing one changes nothing). */
async function applyOnFileSystem(files: InMemoryFileSystem, step: Operation): Promise<void> {
  if (step.type === 'write' || step.type === 'buffer') files.write(step.path, step.text);
  else if (step.type === 'delete') files.delete(step.path);
  else if (step.type === 'rename') {
    const text = await files.readText(step.path);
    if (typeof text !== 'string' || step.to === step.path) return;
    files.delete(step.path);
    files.write(step.to, text);
  }
}

/** Every finding of `paths` in a KB opened afresh, as comparable lines. */
async function freshFindings(files: InMemoryFileSystem, paths: (all: readonly string[], texts: (path: string) => string | undefined) => readonly string[]): Promise<string[]> {
  const engine = new Engine({ fs: files, today: () => FIXTURE_TODAY });
  const kb = await engine.openKb('/kb');
  const findings: Finding[] = [];
  for (const file of paths(kb.checkedPaths(), (path) => kb.textOf(path))) {
    findings.push(...engine.check(kb, file));
    kb.releaseSyntaxTree(file);
  }
  return findings.map((finding) => JSON.stringify(finding)).sort();
}

describe('--shard <i>/<n>: exactness', () => {
  it('the shards of random KBs, each checked in a KB of its own, find together exactly what one full check finds', async () => {
    await fc.assert(fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 4 }), fc.integer({ min: 2, max: 4 }), async (operations, count) => {
      const files = bundledKbFiles();
      for (const step of operations) await applyOnFileSystem(files, step);
      const full = await freshFindings(files, (all) => all);
      const union: string[] = [];
      for (let index = 1; index <= count; index++) {
        const shard: Shard = { index, count };
        union.push(...await freshFindings(files, (all, textOf) => shareOf(all.map((file) => ({ key: file, weight: checkingWeight(textOf(file)) })), shard).map((file) => file.key)));
      }
      assert.deepEqual(union.sort(), full);
    }), { numRuns: 5, seed: 19 });
  });
});

/**
 * The repository's KB on disk, with articles and a scenario whose findings
 * come from other files: anchors of linked articles, an `@article:` tag
 * naming no article (a scenario reads every article's path and id).
 */
async function kbWithCrossFileFindings(): Promise<string> {
  const folder = await copyFixture(undefined);
  await fs.cp(path.join(REPOSITORY_ROOT, 'kb'), folder, { recursive: true });
  await fs.cp(path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'cli', 'kbs', 'basic', 'articles'), path.join(folder, 'articles'), { recursive: true });
  await fs.writeFile(path.join(folder, 'articles', 'see-also.md'), [
    '---', 'title: See also', 'description: Links into other articles.', 'ms.topic: troubleshooting', 'ms.date: 01/15/2026', 'appliesto:', '  - Lync 2010', '---', '',
    '# See also', '', '## Symptoms', '', 'See [the cause](ews-status-ok-but-mapi-needed.md#no-such-section) and [the trace](trace-lync-mapi-com-server-prompt.md#cause).', '',
    '## Cause', '', 'Read [setup](setup.md#missing-anchor).', '', '## Resolution', '', 'Nothing.', '',
  ].join('\n'));
  await fs.writeFile(path.join(folder, 'scenarios', 'shard.scenario'), '@article:articles/no-such-article.md\nFeature: Shards\n\n  Scenario: s\n    Given the client is Lync 2010\n    When Lync starts\n');
  return folder;
}

interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
}

async function jsonRun(folder: string, args: readonly string[], env = cleanEnv()): Promise<{ exitCode: number; findings: JsonFinding[]; stderr: string; stdout: string }> {
  const run = await runCli('in-process', folder, ['--format', 'json', ...args], env, () => FIXTURE_TODAY);
  assert.notEqual(run.exitCode, 2, run.stderr);
  const findings = args.includes('--fix-dry-run') ? [] : JSON.parse(run.stdout) as JsonFinding[];
  return { exitCode: run.exitCode, findings, stderr: run.stderr, stdout: run.stdout };
}

const lines = (findings: readonly JsonFinding[]): string[] => findings.map((finding) => JSON.stringify(finding)).sort();

describe('--shard <i>/<n> through kb-lint, on a KB with cross-file findings', () => {
  it('reports, over the shards, each finding of a full run once; each shard exits on its own findings', async () => {
    const folder = await kbWithCrossFileFindings();
    try {
      const full = await jsonRun(folder, []);
      assert.ok(new Set(full.findings.map((finding) => finding.file)).size >= 3, 'the fixture should have findings in several files');
      assert.ok(full.findings.some((finding) => finding.rule === 'link-anchor') && full.findings.some((finding) => finding.rule === 'scenario-article-link'));
      assert.deepEqual(lines((await jsonRun(folder, ['--shard', '1/1'])).findings), lines(full.findings));
      for (const count of [2, 3]) {
        const shards = [];
        for (let index = 1; index <= count; index++) shards.push(await jsonRun(folder, ['--shard', `${index}/${count}`]));
        assert.deepEqual(lines(shards.flatMap((shard) => shard.findings)), lines(full.findings), `the ${count} shards together`);
        const fileShards = shards.map((shard) => new Set(shard.findings.map((finding) => finding.file)));
        for (const [index, files] of fileShards.entries()) {
          for (const file of files) assert.ok(fileShards.every((other, otherIndex) => otherIndex === index || !other.has(file)), `${file} is reported by two shards`);
        }
        for (const shard of shards) {
          assert.equal(shard.exitCode, shard.findings.some((finding) => finding.severity === 'error') ? 1 : 0);
          assert.match(shard.stderr, new RegExp(`kb-lint: shard \\d/${count} checks \\d+ of the \\d+ files to check\\.`));
        }
        assert.ok(shards.some((shard) => shard.exitCode === 0) || count === 2, 'with three shards, one should hold no error');
      }
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });

  it('writes one valid SARIF log per shard, each under a category of its own, whose results add up to a full run', async () => {
    const folder = await kbWithCrossFileFindings();
    try {
      const results = async (file: string): Promise<{ id: string | undefined; results: string[] }> => {
        const log = JSON.parse(await fs.readFile(path.join(folder, file), 'utf8')) as { runs: Array<{ automationDetails?: { id: string }; results: Array<{ partialFingerprints: object; locations: unknown }> }> };
        assert.deepEqual(sarifSchemaErrors(log), []);
        return { id: log.runs[0]?.automationDetails?.id, results: (log.runs[0]?.results ?? []).map((result) => JSON.stringify(result)) };
      };
      await jsonRun(folder, ['--format', 'sarif', '--output-file', 'full.sarif']);
      const full = await results('full.sarif');
      assert.equal(full.id, undefined, 'a full run leaves the category to the upload');
      const shards = [];
      for (let index = 1; index <= 3; index++) {
        await jsonRun(folder, ['--shard', `${index}/3`, '--format', 'sarif', '--output-file', `shard-${index}.sarif`]);
        shards.push(await results(`shard-${index}.sarif`));
      }
      assert.deepEqual(shards.map((shard) => shard.id), ['kb-lint/shard-1-of-3/', 'kb-lint/shard-2-of-3/', 'kb-lint/shard-3-of-3/']);
      assert.deepEqual(shards.flatMap((shard) => shard.results).sort(), [...full.results].sort());
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });

  it('heads each shard\'s GitHub job summary with its shard', async () => {
    const folder = await kbWithCrossFileFindings();
    try {
      const summary = path.join(folder, 'summary.md');
      const run = await runCli('in-process', folder, ['--format', 'github', '--shard', '2/3'], cleanEnv({ GITHUB_STEP_SUMMARY: summary }), () => FIXTURE_TODAY);
      assert.notEqual(run.exitCode, 2, run.stderr);
      assert.match(await fs.readFile(summary, 'utf8'), /^### kb-lint, shard 2 of 3$/m);
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });

  it('with --changed-since, shares out the files a change affects', async () => {
    const folder = await kbWithCrossFileFindings();
    try {
      await git(folder, 'init', '--quiet');
      await git(folder, 'add', '.');
      await git(folder, 'commit', '--quiet', '-m', 'Base');
      // Renaming a heading breaks the anchors other articles link to: the change reaches files it did not touch.
      const setup = path.join(folder, 'articles', 'setup.md');
      await fs.writeFile(setup, (await fs.readFile(setup, 'utf8')).replace(/^## (.*)$/m, '## Renamed $1'));
      const trace = path.join(folder, 'articles', 'trace-lync-mapi-com-server-prompt.md');
      await fs.writeFile(trace, (await fs.readFile(trace, 'utf8')).replace(/^## Cause$/m, '## Why'));
      await git(folder, 'commit', '--quiet', '-am', 'Change');
      const changed = await jsonRun(folder, ['--changed-since', 'HEAD~1']);
      assert.ok(changed.findings.some((finding) => finding.file === 'articles/see-also.md'), 'the change should affect see-also.md');
      const shards = [await jsonRun(folder, ['--changed-since', 'HEAD~1', '--shard', '1/2']), await jsonRun(folder, ['--changed-since', 'HEAD~1', '--shard', '2/2'])];
      assert.deepEqual(lines(shards.flatMap((shard) => shard.findings)), lines(changed.findings));
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });

  it('with --cache, each job reuses a cache of its own and finds the same', async () => {
    const folder = await kbWithCrossFileFindings();
    const userCache = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-lint-user-cache-'));
    try {
      const env = cleanEnv({ XDG_CACHE_HOME: userCache });
      const full = await jsonRun(folder, []);
      const union: JsonFinding[] = [];
      for (const index of [1, 2]) {
        const args = ['--shard', `${index}/2`, '--cache-location', `shard-${index}.cache`];
        const first = await jsonRun(folder, args, env);
        await fs.access(path.join(folder, `shard-${index}.cache`));
        assert.deepEqual(lines((await jsonRun(folder, args, env)).findings), lines(first.findings), 'a cached run of the shard found something else');
        union.push(...first.findings);
      }
      assert.deepEqual(lines(union), lines(full.findings));
    } finally {
      await Promise.all([folder, userCache].map((created) => fs.rm(created, { recursive: true, force: true })));
    }
  });

  it('with --fix-dry-run, each shard fixes only its own files, and the shards together fix what a full run fixes', async () => {
    const folder = await kbWithCrossFileFindings();
    try {
      const fixedFiles = (patch: string): string[] => [...patch.matchAll(/^\+\+\+ b\/(.*)$/gm)].map((match) => match[1] ?? '').sort();
      const full = fixedFiles((await jsonRun(folder, ['--fix-dry-run'])).stdout);
      assert.ok(full.length > 0, 'the fixture should have safe fixes');
      const shards = [fixedFiles((await jsonRun(folder, ['--fix-dry-run', '--shard', '1/2'])).stdout), fixedFiles((await jsonRun(folder, ['--fix-dry-run', '--shard', '2/2'])).stdout)];
      assert.deepEqual([...shards[0] ?? [], ...shards[1] ?? []].sort(), full);
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
});
