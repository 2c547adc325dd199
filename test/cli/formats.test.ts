import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULE_METADATA, ruleDocumentationUrl } from '../../server/src/core/index.js';
import { formatCheckstyle } from '../../server/src/cli/formats/checkstyle.js';
import type { FormatContext } from '../../server/src/cli/formats/format-context.js';
import { formatGithub } from '../../server/src/cli/formats/github.js';
import { githubStepSummary, SUMMARY_BYTE_LIMIT } from '../../server/src/cli/formats/github-step-summary.js';
import { formatJson } from '../../server/src/cli/formats/json.js';
import { FINGERPRINT_KEY, formatSarif } from '../../server/src/cli/formats/sarif.js';
import { formatStylish } from '../../server/src/cli/formats/stylish.js';
import type { ReportedFinding } from '../../server/src/cli/reported-finding.js';
import { sarifSchemaErrors } from './sarif-schema.js';

const CONTEXT: FormatContext = { cwd: '/repo/docs', repositoryRoot: '/repo', version: '1.2.3', color: false };

function finding(overrides: Partial<ReportedFinding> = {}): ReportedFinding {
  return {
    file: 'kb/a.md',
    line: 3,
    column: 5,
    endLine: 3,
    endColumn: 9,
    byteColumn: 5,
    endByteColumn: 9,
    severity: 'error',
    rule: 'link-anchor',
    message: 'No heading "#x".',
    fixable: false,
    path: '/repo/docs/kb/a.md',
    safelyFixable: false,
    lineText: 'See [x](#x).',
    reviewFix: undefined,
    ...overrides,
  };
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  partialFingerprints: Record<string, string>;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }>;
}

interface SarifLog {
  runs: Array<{ tool: { driver: { name: string; version: string; informationUri: string; rules: Array<{ id: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }> } }; results: SarifResult[] }>;
}

function sarif(findings: readonly ReportedFinding[]): SarifLog {
  return JSON.parse(formatSarif(findings, CONTEXT)) as SarifLog;
}

describe('github format', () => {
  it('escapes %, CR and LF in the message and also : and , in properties, as the Actions runner expects', () => {
    const output = formatGithub([finding({ path: '/repo/docs/kb/a, b:c.md', message: '100% sure: a, b\r\nnext line' })], CONTEXT);
    assert.equal(output, '::error file=docs/kb/a%2C b%3Ac.md,line=3,col=5,endLine=3,endColumn=9,title=link-anchor::100%25 sure: a, b%0D%0Anext line\n');
  });

  it('maps severities to error, warning and notice commands and names files from the repository root', () => {
    const output = formatGithub([finding(), finding({ severity: 'warning' }), finding({ severity: 'info' })], CONTEXT);
    assert.deepEqual(output.split('\n').filter(Boolean).map((line) => line.slice(0, line.indexOf(' '))), ['::error', '::warning', '::notice']);
    assert.match(output, /file=docs\/kb\/a\.md,/);
  });

  it('writes a job summary with counts by rule, doc links and every finding', () => {
    const many = Array.from({ length: 120 }, (_, index) => finding({ line: index + 1, message: 'a | b <c>' }));
    const summary = githubStepSummary(many, CONTEXT);
    assert.match(summary, /\*\*120 errors, 0 warnings, 0 info\*\* in 1 file\./);
    assert.ok(summary.includes(`| [\`link-anchor\`](${ruleDocumentationUrl('link-anchor')}) | 120 |`));
    assert.equal(summary.split('\n').filter((line) => line.startsWith('| `docs/kb/a.md:')).length, 120);
    assert.ok(summary.includes('a \\| b &lt;c&gt;'), 'messages stay in their cell and render no HTML');
    assert.doesNotMatch(summary, /more/);
    assert.equal(githubStepSummary([], CONTEXT), '### kb-lint\n\nNo problems found.\n\n');
  });

  it('keeps the job summary within GitHub\'s 1 MiB per step and says how many findings did not fit', () => {
    const many = Array.from({ length: 6000 }, (_, index) => finding({ line: index + 1, message: 'x'.repeat(200) }));
    const summary = githubStepSummary(many, CONTEXT);
    assert.ok(Buffer.byteLength(summary) <= SUMMARY_BYTE_LIMIT, `${Buffer.byteLength(summary)} bytes`);
    const listed = summary.split('\n').filter((line) => line.startsWith('| `docs/kb/a.md:')).length;
    assert.ok(listed > 1000 && listed < 6000, `${listed} rows`);
    assert.ok(summary.includes(`…and ${6000 - listed} more, which do not fit in a job summary`));
  });
});

describe('sarif format', () => {
  it('is valid against the SARIF 2.1.0 schema, with every level and an empty range', () => {
    const log = sarif([finding(), finding({ severity: 'warning', rule: 'section-required' }), finding({ severity: 'info', rule: 'image-alt', line: 1, column: 1, endLine: 1, endColumn: 1 })]);
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.deepEqual(log.runs[0]?.results.map((result) => result.level), ['error', 'warning', 'note']);
  });

  it('is told apart from an invalid log by the schema check', () => {
    const log = sarif([finding()]);
    const result = log.runs[0]?.results[0];
    assert.ok(result);
    result.level = 'fatal';
    assert.notDeepEqual(sarifSchemaErrors(log), []);
  });

  it('describes every rule with its doc page and default level, and indexes results into that list', () => {
    const log = sarif([finding({ rule: 'section-required' })]);
    const driver = log.runs[0]?.tool.driver;
    assert.equal(driver?.name, 'kb-lint');
    assert.equal(driver?.version, '1.2.3');
    assert.deepEqual(driver?.rules.map((rule) => rule.id), RULE_METADATA.map((rule) => rule.id));
    for (const rule of driver?.rules ?? []) assert.equal(rule.helpUri, ruleDocumentationUrl(rule.id));
    const result = log.runs[0]?.results[0];
    assert.equal(driver?.rules[result?.ruleIndex ?? -1]?.id, 'section-required');
  });

  it('locates results relative to the repository root under %SRCROOT%', () => {
    const location = sarif([finding({ path: '/repo/docs/kb/my file.md' })]).runs[0]?.results[0]?.locations[0]?.physicalLocation;
    assert.deepEqual(location?.artifactLocation, { uri: 'docs/kb/my%20file.md', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(location?.region, { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 });
  });

  it('keeps fingerprints when lines move, and tells apart other text, other messages and repeats', () => {
    const fingerprint = (reported: ReportedFinding): string | undefined => sarif([reported]).runs[0]?.results[0]?.partialFingerprints[FINGERPRINT_KEY];
    const original = fingerprint(finding());
    assert.equal(fingerprint(finding({ line: 40, endLine: 40 })), original, 'lines inserted above do not change it');
    assert.notEqual(fingerprint(finding({ lineText: 'See [y](#x).' })), original);
    assert.notEqual(fingerprint(finding({ message: 'No heading "#z".' })), original);
    const repeated = sarif([finding(), finding({ column: 20, endColumn: 24 })]).runs[0]?.results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]?.split(':')[1]);
    assert.deepEqual(repeated, ['1', '2']);
  });
});

describe('json format', () => {
  it('prints exactly the contract fields, in order', () => {
    const [entry] = JSON.parse(formatJson([finding({ fixable: true })], CONTEXT)) as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(entry ?? {}), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message', 'fixable']);
    assert.equal(entry?.fixable, true);
  });
});

describe('checkstyle format', () => {
  it('escapes XML and replaces characters XML cannot hold', () => {
    const output = formatCheckstyle([finding({ file: 'a&b.md', message: 'Bad "x" <y> \u0001 it\'s' })], CONTEXT);
    assert.ok(output.includes('<file name="a&amp;b.md">'));
    assert.ok(output.includes('message="Bad &quot;x&quot; &lt;y&gt; \ufffd it&apos;s" source="kb-lint.link-anchor"'));
  });
});

describe('stylish format', () => {
  it('colors severities only when asked and counts safe fixes', () => {
    const findings = [finding({ safelyFixable: true }), finding({ severity: 'warning' })];
    const plain = formatStylish(findings, CONTEXT);
    assert.ok(!plain.includes('\u001b'), 'no escape sequences without color');
    assert.match(plain, /^2 problems \(1 error, 1 warning, 0 info\)$/m);
    assert.match(plain, /^1 problem can be fixed with --fix\.$/m);
    assert.ok(formatStylish(findings, { ...CONTEXT, color: true }).includes('\u001b[31merror\u001b[0m'));
  });
});
