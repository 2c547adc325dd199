import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURE_TODAY } from '../support/rule-fixtures.js';
import { cleanEnv, REPOSITORY_ROOT, runCli } from './cli-harness.js';
import { assertMatchesSnapshot } from './snapshot.js';

// Public Learn repositories sit beside the repository where they are available.
const CORPORA = path.resolve(REPOSITORY_ROOT, '..', 'shared', 'corpus');
const EXCHANGE = path.join(CORPORA, 'officedocs-exchange');
const SUPPORT = path.join(CORPORA, 'officedocs-support');

interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly rule: string;
  readonly message: string;
}

/** The findings of one run as `file:line:column severity rule message`, files named from the repository root, sorted. */
async function findingsFrom(repository: string, cwd: string, args: readonly string[]): Promise<string[]> {
  const run = await runCli('in-process', cwd, [...args, '--format', 'json'], cleanEnv(), () => FIXTURE_TODAY);
  assert.equal(run.stderr, '');
  assert.ok(run.exitCode === 0 || run.exitCode === 1, `exit code ${run.exitCode}`);
  const findings = JSON.parse(run.stdout) as JsonFinding[];
  return findings.map((finding) => `${path.relative(repository, path.resolve(cwd, finding.file)).split(path.sep).join('/')}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule} ${finding.message}`).sort();
}

for (const [name, repository, subset] of [['officedocs-exchange', EXCHANGE, 'Exchange/ExchangeServer/high-availability'], ['officedocs-support', SUPPORT, 'SkypeforBusiness/SkypeServer/server-im-presence']] as const) {
  describe(`kb-lint on a part of ${name}`, { skip: existsSync(repository) ? false : `no corpus at ${repository}` }, () => {
    it('reports the same findings for the same files whichever folder was named', async () => {
      const fromRoot = await findingsFrom(repository, repository, [subset]);
      const fromSubset = await findingsFrom(repository, path.join(repository, subset), ['.']);
      const fromDocset = (await findingsFrom(repository, path.join(repository, subset.split('/')[0] ?? ''), ['.'])).filter((line) => line.startsWith(`${subset}/`));
      assert.ok(fromRoot.length > 0, 'the subset has findings to compare');
      assert.deepEqual(fromSubset, fromRoot);
      assert.deepEqual(fromDocset, fromRoot);
      // Links to other docsets and to the repository's own files resolve: nothing is "outside the KB".
      assert.deepEqual(fromRoot.filter((line) => line.includes(' link-outside-kb ')), []);
    });
  });
}

describe('kb-lint over officedocs-exchange', { skip: existsSync(EXCHANGE) ? false : `no corpus at ${EXCHANGE}` }, () => {
  it('reports exactly the errors reviewed in corpus-exchange-errors.review.md, and as many warnings of each rule', async () => {
    const findings = await findingsFrom(EXCHANGE, EXCHANGE, ['.']);
    const errors = findings.filter((line) => /^\S+ error /.test(line));
    // Warnings and infos are counted by rule (over two thousand articles lack ms.date); every error is listed.
    const counts = new Map<string, number>();
    for (const line of findings.filter((candidate) => !errors.includes(candidate))) {
      const [, severity, rule] = /^\S+ (\S+) (\S+) /.exec(line) ?? [];
      counts.set(`${rule} ${severity}`, (counts.get(`${rule} ${severity}`) ?? 0) + 1);
    }
    const summary = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => `${key} x${count}`);
    await assertMatchesSnapshot('corpus-exchange-errors', `${[...errors, '', ...summary].join('\n')}\n`);
  });
});
