import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ruleDocumentationUrl } from '../../server/src/core/index.js';
import type { FormatContext } from '../../server/src/cli/formats/format-context.js';
import { formatRdjson, formatRdjsonl } from '../../server/src/cli/formats/rdjson.js';
import type { ReportedFinding } from '../../server/src/cli/reported-finding.js';
import { copyFixture, git, REPOSITORY_ROOT, runCli } from './cli-harness.js';
import { rdjsonSchemaErrors } from './rdjson-schema.js';
import { applyReviewdogSuggestion, type RdjsonResult } from './reviewdog.js';

const CONTEXT: FormatContext = { cwd: '/repo', repositoryRoot: '/repo', version: '1.2.3', color: false };

function finding(overrides: Partial<ReportedFinding> = {}): ReportedFinding {
  return {
    file: 'kb/a.md', line: 3, column: 5, endLine: 3, endColumn: 9, byteColumn: 5, endByteColumn: 9,
    severity: 'error', rule: 'link-anchor', message: 'No heading "#x".', fixable: false,
    path: '/repo/kb/a.md', safelyFixable: false, lineText: 'See [x](#x).', reviewFix: undefined,
    ...overrides,
  };
}

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

describe('rdjson format', () => {
  it('is valid against reviewdog\'s schema, closed to fields it does not name, with every severity', () => {
    const document = JSON.parse(formatRdjson([finding(), finding({ severity: 'warning' }), finding({ severity: 'info' })], CONTEXT)) as RdjsonResult;
    assert.deepEqual(rdjsonSchemaErrors('rdjson', document), []);
    assert.deepEqual(document.diagnostics.map((diagnostic) => diagnostic.severity), ['ERROR', 'WARNING', 'INFO']);
    assert.equal(document.source.name, 'kb-lint');
  });

  it('is told apart from an invalid document and from a misspelled field by the schema check', () => {
    const document = JSON.parse(formatRdjson([finding()], CONTEXT)) as { diagnostics: Array<Record<string, unknown>> };
    const [diagnostic] = document.diagnostics;
    assert.ok(diagnostic);
    diagnostic.severity = 'FATAL';
    assert.notDeepEqual(rdjsonSchemaErrors('rdjson', document), []);
    diagnostic.severity = 'ERROR';
    diagnostic.suggestion = [];
    assert.match(rdjsonSchemaErrors('rdjson', document).join('\n'), /\(closed\).*suggestion/);
  });

  it('names the rule with its doc page and counts columns in UTF-8 bytes, as reviewdog does', () => {
    const [diagnostic] = (JSON.parse(formatRdjson([finding({ column: 3, endColumn: 5, byteColumn: 6, endByteColumn: 10 })], CONTEXT)) as RdjsonResult).diagnostics;
    assert.deepEqual(diagnostic?.code, { value: 'link-anchor', url: ruleDocumentationUrl('link-anchor') });
    assert.deepEqual(diagnostic?.location, { path: 'kb/a.md', range: { start: { line: 3, column: 6 }, end: { line: 3, column: 10 } } });
    assert.equal(diagnostic?.suggestions, undefined, 'no fix, no suggestion');
  });

  it('rdjsonl: one valid diagnostic per line, nothing for no findings', () => {
    const lines = formatRdjsonl([finding(), finding({ severity: 'warning' })], CONTEXT).split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, 2);
    for (const line of lines) assert.deepEqual(rdjsonSchemaErrors('rdjsonl', JSON.parse(line)), []);
    assert.equal(formatRdjsonl([], CONTEXT), '');
  });
});

/** A fenced block of the README between `<!-- name:start -->` and `<!-- name:end -->`, without its fences. */
function readmeBlock(name: string): string {
  const readme = readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`<!-- ${name}:start -->`);
  const end = readme.indexOf(`<!-- ${name}:end -->`);
  assert.ok(start >= 0 && end > start, `the README has no ${name} block`);
  const block = readme.slice(start, end).split('\n').slice(1, -1);
  assert.match(block[0] ?? '', /^```/);
  assert.equal(block.at(-1), '```');
  return `${block.slice(1, -1).join('\n')}\n`;
}

describe('the worked example of the README: a pull request of the bundled KB', () => {
  it('gives a suggested change for the misspelled term and for the broken anchor, and nothing else', async () => {
    const folder = await copyFixture(undefined);
    folders.push(folder);
    await fs.cp(path.join(REPOSITORY_ROOT, 'kb'), path.join(folder, 'kb'), { recursive: true });
    await git(folder, 'init', '--quiet');
    await git(folder, 'add', '.');
    await git(folder, 'commit', '--quiet', '-m', 'The bundled KB');
    await git(folder, 'checkout', '--quiet', '-b', 'trace-steps');
    await fs.writeFile(path.join(folder, 'pull-request.patch'), readmeBlock('worked-example-patch'));
    await git(folder, 'apply', 'pull-request.patch');
    await fs.rm(path.join(folder, 'pull-request.patch'));
    await git(folder, 'commit', '--quiet', '-am', 'Say how to trace the sign-in');

    const run = await runCli('in-process', folder, ['--changed-lines', 'main', '--format', 'rdjson', 'kb']);
    assert.equal(run.exitCode, 1, run.stderr);
    assert.equal(run.stdout, readmeBlock('worked-example-rdjson'), 'the README shows the output as it is');
    const document = JSON.parse(run.stdout) as RdjsonResult;
    assert.deepEqual(rdjsonSchemaErrors('rdjson', document), []);
    assert.deepEqual(document.diagnostics.map((diagnostic) => diagnostic.code.value), ['term-spelling', 'link-anchor']);

    // Each suggested change, applied on its own as a reviewer would, fixes its problem: the check finds nothing more there.
    const article = 'kb/articles/lync-or-outlook-prompts-first.md';
    const original = await fs.readFile(path.join(folder, article), 'utf8');
    let fixed = original;
    for (const diagnostic of document.diagnostics) {
      assert.equal(diagnostic.location.path, article);
      assert.equal(diagnostic.suggestions?.length, 1, `${diagnostic.code.value} has one suggested change`);
      const suggestion = diagnostic.suggestions?.[0];
      assert.ok(suggestion);
      assert.equal(suggestion.range.start.line, diagnostic.location.range.start.line, 'the suggestion is on the line the comment is on');
      fixed = applyReviewdogSuggestion(fixed, suggestion);
    }
    assert.match(fixed, /while Outlook Anywhere uses Basic authentication\.\n/);
    assert.match(fixed, /\(trace-lync-mapi-com-server-prompt\.md#trace-the-lync-sign-in-with-network-monitor\)/);
    await fs.writeFile(path.join(folder, article), fixed);
    const again = await runCli('in-process', folder, ['--changed-lines', 'main', '--format', 'rdjson', 'kb']);
    assert.equal(again.exitCode, 0, again.stdout);
    assert.deepEqual((JSON.parse(again.stdout) as RdjsonResult).diagnostics, []);
  });
});
