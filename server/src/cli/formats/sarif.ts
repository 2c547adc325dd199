import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { RULE_METADATA, ruleDocumentationUrl, type Severity } from '../../core/index.js';
import type { ReviewFix } from '../review-fix.js';
import type { Shard } from '../shard.js';
import { type FormatContext, type Formatter, repositoryPath } from './format-context.js';
import { inertJson } from './inert-text.js';
import { TOOL_NAME, TOOL_URL } from './tool.js';

const LEVELS: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** The `partialFingerprints` key of every result; bump its version if the hash ever changes. */
export const FINGERPRINT_KEY = 'kbFindingHash/v1';

/**
 * `sarif`: a SARIF 2.1.0 log for GitHub code scanning. Every rule is
 * described in `tool.driver.rules` with its doc page; results point at files
 * relative to the repository root (`%SRCROOT%`) and carry a fingerprint built
 * from the rule, file, message and the text of the finding's line, not its
 * number, so an alert stays the same alert when lines are added above it.
 * A finding with a fix shown to reviewers carries it in `fixes`. A shard's
 * log names its shard in `automationDetails.id` (see {@link shardAutomationId}).
 */
export const formatSarif: Formatter = (findings, context) => {
  const ruleIndex = new Map(RULE_METADATA.map((rule, index) => [rule.id, index]));
  const occurrences = new Map<string, number>();
  const results = findings.map((finding) => {
    const uri = repositoryPath(finding, context);
    const hash = createHash('sha256').update([finding.rule, uri, finding.message, finding.lineText].join('\0')).digest('hex').slice(0, 32);
    const occurrence = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, occurrence);
    const index = ruleIndex.get(finding.rule);
    return {
      ruleId: finding.rule,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: LEVELS[finding.severity],
      message: { text: finding.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: encodeUri(uri), uriBaseId: '%SRCROOT%' },
          region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
        },
      }],
      partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
      ...(finding.reviewFix === undefined ? {} : { fixes: [sarifFix(finding.reviewFix, uri)] }),
    };
  });
  const log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: TOOL_NAME,
          version: context.version,
          semanticVersion: context.version,
          informationUri: TOOL_URL,
          rules: RULE_METADATA.map((rule) => ({
            id: rule.id,
            name: pascalCase(rule.id),
            shortDescription: { text: rule.description },
            fullDescription: { text: rule.description },
            helpUri: ruleDocumentationUrl(rule.id),
            help: { text: `${rule.description} See ${ruleDocumentationUrl(rule.id)}.`, markdown: `${rule.description} [Rule documentation](${ruleDocumentationUrl(rule.id)}).` },
            defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
            properties: { fix: rule.fix, appliesTo: rule.appliesTo },
          })),
        },
      },
      ...(context.shard === undefined ? {} : { automationDetails: { id: shardAutomationId(context.shard) } }),
      originalUriBaseIds: { '%SRCROOT%': { uri: sourceRootUri(context) } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${inertJson(log, 2)}\n`;
};

/**
 * The `runAutomationDetails.id` of one shard's log, e.g. `kb-lint/shard-2-of-4/`:
 * GitHub code scanning keeps one analysis per category (the id up to its last
 * `/`), so the shards of one check must upload under distinct categories or
 * each upload would replace the others' alerts. `upload-sarif` keeps an id
 * the log already has over its `category` input, so a workflow that
 * uploads with one category for all jobs still gets a category per shard.
 */
export function shardAutomationId(shard: Shard): string {
  return `${TOOL_NAME}/shard-${shard.index}-of-${shard.count}/`;
}

/**
 * A SARIF `fix`: the replacements of the fix's edits, in the run's UTF-16
 * columns (an empty deleted region inserts; no inserted content deletes).
 * `properties.safe` tells whether `kb-lint --fix` applies it.
 */
function sarifFix(fix: ReviewFix, uri: string): object {
  return {
    description: { text: fix.title },
    artifactChanges: [{
      artifactLocation: { uri: encodeUri(uri), uriBaseId: '%SRCROOT%' },
      replacements: fix.edits.map((edit) => ({
        deletedRegion: { startLine: edit.line, startColumn: edit.column, endLine: edit.endLine, endColumn: edit.endColumn },
        ...(edit.newText === '' ? {} : { insertedContent: { text: edit.newText } }),
      })),
    }],
    properties: { safe: fix.safe },
  };
}

function pascalCase(id: string): string {
  return id.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** A relative path as a URI reference: each segment percent-encoded, slashes kept. */
function encodeUri(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

function sourceRootUri(context: FormatContext): string {
  const uri = pathToFileURL(context.repositoryRoot).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}
