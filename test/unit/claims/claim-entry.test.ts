import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../../server/src/core/index.js';
import { claimEntry } from '../../../server/src/core/rules/claim-entry.js';
import { REPOSITORY_ROOT } from '../../support/rule-fixtures.js';
import { claimFindings, openKb, repositoryKb } from './support.js';

const CLAIM_PATH = '/kb/claims/prompt-from-ews.md';

async function entryFindings(text: string, claimPath = CLAIM_PATH): Promise<Finding[]> {
  const { engine, kb } = await openKb(repositoryKb({ [claimPath]: text }));
  return engine.check(kb, claimPath, { rules: [claimEntry] });
}

const VALID = `---
id: prompt-from-ews
when:
  - [prompt]
  - comes from [the] {term:exchange-web-services}
unless:
  - [not, never]
message: The prompt doesn't come from EWS.
see: ../articles/ews-status-ok-but-mapi-needed.md#cause
---

The prompt comes from MAPI.
`;

describe('rule claim-entry', () => {
  it('accepts every claim of the repository KB', async () => {
    const { engine, kb } = await openKb(repositoryKb());
    const claims = kb.checkedPaths().filter((file) => kb.kindOf(file) === 'claim');
    assert.ok(claims.length >= 7);
    for (const file of claims) assert.deepEqual(engine.check(kb, file, { rules: [claimEntry] }).map((finding) => finding.message), [], file);
  });

  it('accepts a valid claim', async () => {
    assert.deepEqual(await entryFindings(VALID), []);
  });

  it('reports YAML that cannot be read', async () => {
    const findings = await entryFindings('---\nid: [unclosed\n---\n\nBody.\n');
    assert.ok(findings.some((finding) => finding.message.startsWith('Front matter is not valid YAML')), findings.map((finding) => finding.message).join(' | '));
  });

  it('reports a rejected pattern at the alternative, as an error', async () => {
    const text = VALID.replace('  - [not, never]\n', '  - [not, "re:(?<!x)never"]\n');
    const [finding, ...rest] = await entryFindings(text);
    assert.equal(rest.length, 0);
    assert.equal(finding?.severity, 'error');
    assert.match(finding?.message ?? '', /RE2 syntax only/);
    const line = text.split('\n')[finding?.range.start.line ?? 0] ?? '';
    assert.equal(line.slice(finding?.range.start.character, finding?.range.end.character), 're:(?<!x)never');
  });

  it('does not run a claim with a rejected pattern', async () => {
    const text = VALID.replace('  - [not, never]\n', '  - [not, "re:never(?=x)"]\n');
    assert.deepEqual(await claimFindings('The prompt comes from EWS.\n', { [CLAIM_PATH]: text }), []);
  });

  it('reports an unknown glossary entry', async () => {
    const [finding] = await entryFindings(VALID.replace('{term:exchange-web-services}', '{term:exchange-web-service}'));
    assert.match(finding?.message ?? '', /No glossary entry "exchange-web-service"/);
  });

  it('reports a see link to a missing file or a missing section', async () => {
    const [missingFile] = await entryFindings(VALID.replace('ews-status-ok-but-mapi-needed.md#cause', 'nope.md#cause'));
    assert.equal(missingFile?.message, '"see" points at articles/nope.md, which is not a Markdown file of the KB.');
    const [missingSection] = await entryFindings(VALID.replace('#cause', '#causes'));
    assert.equal(missingSection?.message, '"see" names the section "#causes", but articles/ews-status-ok-but-mapi-needed.md has no such heading.');
    assert.equal(missingSection?.range.start.line, 8);
  });

  it('reports missing keys', async () => {
    const findings = await entryFindings('---\nid: prompt-from-ews\n---\n\nBody.\n');
    assert.deepEqual(findings.map((finding) => finding.message), [
      'Missing required key "message".',
      'Missing required key "see".',
      'Missing required key "statement": the wrong statement as subject, relation and object (or, in the older format, "when" patterns).',
    ]);
  });
});

describe('claim-entry documentation examples', () => {
  const page = readFileSync(path.join(REPOSITORY_ROOT, 'docs', 'rules', 'claim-entry.md'), 'utf8');
  const example = (label: string): string => new RegExp(`${label}[^\\n]*:\\n\\n\`\`\`markdown\\n([^]*?)\`\`\``).exec(page)?.[1] ?? '';

  it('reports the three problems of the "Reported" example', async () => {
    assert.equal((await entryFindings(example('Reported'))).length, 3);
  });

  it('accepts the "Not reported" example and the format example', async () => {
    assert.deepEqual(await entryFindings(example('Not reported')), []);
    const format = /### The claims format\n\n```markdown\n([^]*?)```/.exec(page)?.[1] ?? '';
    assert.deepEqual(await entryFindings(format, '/kb/claims/ntlm-sends-password.md'), []);
  });
});
