import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import type { FormatContext } from '../../server/src/cli/formats/format-context.js';
import { FORMATTERS, OUTPUT_FORMATS, type OutputFormat } from '../../server/src/cli/formats/formatters.js';
import { githubStepSummary } from '../../server/src/cli/formats/github-step-summary.js';
import type { ReportedFinding } from '../../server/src/cli/reported-finding.js';
import { cleanEnv, copyFixture, runCli } from './cli-harness.js';

/** Characters that act on a terminal instead of showing (line feeds separate lines and are allowed). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** The workflow commands `--format github` writes, and nothing else that starts with `::`. */
const OWN_COMMAND = /^::(?:error|warning|notice) file=[^:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z0-9-]+::|^::notice title=kb-lint%3A more findings than annotations::/;

/** The problems of an output that a KB's text could turn into actions of a terminal or a GitHub Actions runner. */
function activeParts(format: OutputFormat | 'summary', output: string): string[] {
  const problems: string[] = [];
  const active = ACTIVE.exec(output);
  if (active !== null) problems.push(`raw U+${(active[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')} at ${active.index}`);
  for (const line of output.split('\n')) {
    if (line.includes('##[')) problems.push(`"##[" in: ${line}`);
    if (/^\s*::/.test(line) && !(format === 'github' && OWN_COMMAND.test(line))) problems.push(`a workflow command: ${line}`);
  }
  return problems;
}

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

/** The terminal title, a screen clear, a GitHub Actions mask in the runner's old syntax: in a link target. */
const HOSTILE_TARGET = '\u001b]0;owned\u0007\u001b[2J##[add-mask]secret.md';
/** A file name that starts a workflow command, and one that sets the terminal title. */
const HOSTILE_NAMES = ['::error title=pwned::gotcha.md', '\u001b]0;owned\u0007 notes.md'];

describe('output of a hostile KB', () => {
  it('is inert in every format: escaped control characters, no workflow command, and the same data in the JSON formats', async () => {
    const folder = await copyFixture('basic');
    folders.push(folder);
    for (const name of HOSTILE_NAMES) {
      await fs.writeFile(path.join(folder, 'articles', name), `---\ntitle: T\ndescription: D.\nms.topic: reference\nms.date: 01/15/2024\n---\n\n# T\n\nSee [x](<${HOSTILE_TARGET}>).\n`);
    }
    // From inside the folder, the first name starts each line of it.
    const cwd = path.join(folder, 'articles');
    for (const format of OUTPUT_FORMATS) {
      const run = await runCli('in-process', cwd, ['--format', format, '.'], cleanEnv({ GITHUB_STEP_SUMMARY: path.join(folder, 'summary.md') }));
      assert.equal(run.exitCode, 1, run.stderr);
      assert.ok(run.stdout.includes('gotcha'), `${format} reports the hostile file`);
      assert.deepEqual(activeParts(format, run.stdout), [], `--format ${format}`);
      assert.deepEqual(activeParts('summary', run.stderr), [], `--format ${format}, standard error`);
    }
    assert.deepEqual(activeParts('summary', await fs.readFile(path.join(folder, 'summary.md'), 'utf8')), [], 'the job summary');

    const json = JSON.parse((await runCli('in-process', cwd, ['--format', 'json', '.'])).stdout) as Array<{ file: string; message: string }>;
    assert.ok(json.some((finding) => finding.file === HOSTILE_NAMES[1] && finding.message.includes(HOSTILE_TARGET)), 'JSON still carries the exact name and target');
    const stylish = (await runCli('in-process', cwd, ['.'])).stdout;
    assert.match(stylish, /^\.\/::error title=pwned::gotcha\.md:10:/m, 'the path that would start a command is written as ./');
    assert.ok(stylish.includes('Link target "\\u001b]0;owned\\u0007\\u001b[2J##\\u005badd-mask]secret.md"'), stylish);
  });
});

const CONTEXT: FormatContext = { cwd: '/repo', repositoryRoot: '/repo', version: '1.2.3', color: false, writesJobSummary: true };

/** Text mixing plain words with the characters and sequences that act on terminals and runners. */
const hostileText = fc.array(fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('::', '::error ::', '##[', '##[add-mask]', '\u001b[2J', '\u009b', '\r\n', '\u2028', '\u202e', '  ', '%0A', '`', '|'),
), { maxLength: 6 }).map((parts) => parts.join(''));

const hostileFinding: fc.Arbitrary<ReportedFinding> = fc.record({
  name: hostileText,
  message: hostileText,
  severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
}).map(({ name, message, severity }) => ({
  file: name, line: 1, column: 1, endLine: 1, endColumn: 2, byteColumn: 1, endByteColumn: 2,
  severity, rule: 'link-target', message, fixable: false, path: `/repo/${name.replace(/\//g, '_')}`, safelyFixable: false, lineText: '', reviewFix: undefined,
}));

describe('every format, for any file name and message', () => {
  it('writes nothing active, and the JSON formats parse back to the same text', () => {
    fc.assert(fc.property(fc.array(hostileFinding, { minLength: 1, maxLength: 15 }), (findings) => {
      for (const format of OUTPUT_FORMATS) {
        const output = FORMATTERS[format](findings, CONTEXT);
        assert.deepEqual(activeParts(format, output), [], `--format ${format}:\n${output}`);
      }
      assert.deepEqual(activeParts('summary', githubStepSummary(findings, CONTEXT)), []);
      const json = JSON.parse(FORMATTERS.json(findings, CONTEXT)) as Array<{ file: string; message: string }>;
      assert.deepEqual(json.map((finding) => [finding.file, finding.message]), findings.map((finding) => [finding.file, finding.message]));
      const rdjsonl = FORMATTERS.rdjsonl(findings, CONTEXT).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { message: string });
      assert.deepEqual(rdjsonl.map((diagnostic) => diagnostic.message), findings.map((finding) => finding.message));
    }), { seed: 20261204, numRuns: 300 });
  });
});
