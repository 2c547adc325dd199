import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/core/index.js';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from '../../server/src/lsp/convert.js';

describe('finding to diagnostic', () => {
  const range = { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } };
  const finding: Finding = {
    ruleId: 'link-anchor',
    severity: 'warning',
    path: '/kb/a.md',
    range,
    message: 'No heading "#caus".',
    fixes: [{ title: 'Change the anchor to "#cause"', safe: false, edits: [{ range, newText: '#cause' }] }],
    related: [{ path: '/kb/b.md', range, message: 'Target file' }],
  };

  it('carries what the editor shows and nothing the code actions do not read', () => {
    assert.deepEqual(toDiagnostic(finding), {
      range,
      severity: 2,
      code: 'link-anchor',
      codeDescription: { href: 'https://github.com/kb-authoring/kb-authoring/blob/main/docs/rules/link-anchor.md' },
      source: DIAGNOSTIC_SOURCE,
      message: 'No heading "#caus".',
      relatedInformation: [{ location: { uri: 'file:///kb/b.md', range }, message: 'Target file' }],
    });
  });
});
