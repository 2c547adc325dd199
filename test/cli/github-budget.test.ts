import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Severity } from '../../server/src/core/index.js';
import type { FormatContext } from '../../server/src/cli/formats/format-context.js';
import { ANNOTATIONS_PER_STEP, formatGithub } from '../../server/src/cli/formats/github.js';
import type { ReportedFinding } from '../../server/src/cli/reported-finding.js';
import { cleanEnv, copyFixture, git, runCli } from './cli-harness.js';

const CONTEXT: FormatContext = { cwd: '/repo', repositoryRoot: '/repo', version: '1.2.3', color: false };

function finding(severity: Severity, line: number): ReportedFinding {
  return {
    file: 'kb/a.md', line, column: 1, endLine: line, endColumn: 5, byteColumn: 1, endByteColumn: 5,
    severity, rule: 'link-target', message: `Problem on line ${line}.`, fixable: false,
    path: '/repo/kb/a.md', safelyFixable: false, lineText: '', reviewFix: undefined,
  };
}

/** `count` findings of a severity on lines `first`, `first + 1`... */
function many(severity: Severity, count: number, first: number): ReportedFinding[] {
  return Array.from({ length: count }, (_, index) => finding(severity, first + index));
}

/** The workflow commands of the output by kind, and its plain lines. */
function read(output: string): { commands: Map<string, string[]>; plain: string[] } {
  const commands = new Map<string, string[]>();
  const plain: string[] = [];
  for (const line of output.split('\n').filter(Boolean)) {
    const command = /^::(\w+) /.exec(line);
    if (command === null) plain.push(line);
    else commands.set(command[1] ?? '', [...(commands.get(command[1] ?? '') ?? []), line]);
  }
  return { commands, plain };
}

describe('github format within GitHub\'s annotation budget', () => {
  it('prints every finding as an annotation when they fit, errors first', () => {
    const output = formatGithub([...many('warning', 3, 1), ...many('error', 2, 10), ...many('info', 2, 20)], CONTEXT);
    assert.deepEqual(output.split('\n').filter(Boolean).map((line) => line.slice(2, line.indexOf(' '))), ['error', 'error', 'warning', 'warning', 'warning', 'notice', 'notice']);
  });

  it('with 60 errors, 15 warnings and 12 info: 10 of each kind, one notice that counts the rest and says where they are, and the rest in the log', () => {
    const findings = [...many('info', 12, 1), ...many('warning', 15, 100), ...many('error', 60, 200)];
    const { commands, plain } = read(formatGithub(findings, { ...CONTEXT, writesJobSummary: true }));
    assert.equal(commands.get('error')?.length, ANNOTATIONS_PER_STEP.error);
    assert.equal(commands.get('warning')?.length, ANNOTATIONS_PER_STEP.warning);
    const notices = commands.get('notice') ?? [];
    assert.equal(notices.length, ANNOTATIONS_PER_STEP.notice, 'nine info findings and the notice about the rest');
    const overflow = notices.at(-1) ?? '';
    assert.match(overflow, /^::notice title=kb-lint%3A more findings than annotations::58 more findings \(50 errors, 5 warnings, 3 info\) than annotations: GitHub shows at most 10 error, 10 warning and 10 notice annotations per step; all 87 findings are in the job summary, and these 58 follow below this notice\.$/);
    assert.equal(plain.length, 58, 'nothing is dropped');
    assert.ok(plain.every((line) => line.startsWith('kb/a.md:')), plain[0]);
    assert.ok(plain.slice(0, 50).every((line) => / error /.test(line)), 'the rest follow in the same order: errors first');
    const annotatedErrorLines = (commands.get('error') ?? []).map((line) => Number(/,line=(\d+),/.exec(line)?.[1]));
    assert.deepEqual(annotatedErrorLines, Array.from({ length: 10 }, (_, index) => 200 + index), 'the first errors in file order');
  });

  it('says the log holds the rest when there is no job summary', () => {
    const { commands } = read(formatGithub(many('error', 11, 1), CONTEXT));
    assert.match(commands.get('notice')?.[0] ?? '', /1 more finding \(1 error\) than annotations: .*; they follow below this notice\.$/);
  });

  it('annotates the errors on changed lines first', () => {
    const findings = many('error', 30, 1);
    const { commands, plain } = read(formatGithub(findings, { ...CONTEXT, onChangedLine: (reported) => reported.line > 20 }));
    assert.deepEqual((commands.get('error') ?? []).map((line) => Number(/,line=(\d+),/.exec(line)?.[1])), Array.from({ length: 10 }, (_, index) => 21 + index));
    assert.equal(plain.length, 20);
  });
});

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

describe('kb-lint --format github --changed-since', () => {
  it('annotates first the errors on the lines the pull request changed, and the job summary lists every finding', async () => {
    const folder = await copyFixture('pull-request');
    folders.push(folder);
    // Twelve old broken links, then a pull request that adds one at the end of the file.
    const legacy = path.join(folder, 'articles', 'legacy.md');
    await fs.appendFile(legacy, Array.from({ length: 12 }, (_, index) => `\nOld [link ${index}](old-${index}.md).\n`).join(''));
    await git(folder, 'init', '--quiet');
    await git(folder, 'add', '.');
    await git(folder, 'commit', '--quiet', '-m', 'Base');
    await git(folder, 'checkout', '--quiet', '-b', 'change');
    await fs.appendFile(legacy, '\nNew [link](new.md).\n');
    const run = await runCli('in-process', folder, ['--format', 'github', '--changed-since', 'main'], cleanEnv({ GITHUB_STEP_SUMMARY: 'summary.md' }));
    assert.equal(run.exitCode, 1, run.stderr);
    const { commands, plain } = read(run.stdout);
    assert.match(commands.get('error')?.[0] ?? '', /::Link target "new\.md" does not exist/);
    assert.equal(commands.get('error')?.length, 10);
    assert.equal(plain.length, 4, 'the other four errors follow in the log');
    const summary = await fs.readFile(path.join(folder, 'summary.md'), 'utf8');
    assert.equal(summary.split('\n').filter((line) => line.startsWith('| `articles/legacy.md:')).length, 14);
  });
});
