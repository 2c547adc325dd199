import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readWords } from '../../../server/src/core/claims/read-sentence.js';
import { parseForm } from '../../../server/src/core/claims/relations.js';
import type { Finding } from '../../../server/src/core/index.js';
import { claimEntry } from '../../../server/src/core/rules/claim-entry.js';
import { claimFindings, claimOf, openKb, repositoryKb } from './support.js';

const CLAIM_PATH = '/kb/claims/my-claim.md';

function claimFile(statement: string): string {
  return `---
id: my-claim
statement:
${statement}
message: The prompt doesn't come from EWS.
see: ../articles/ews-status-ok-but-mapi-needed.md#cause
---

The prompt comes from MAPI.
`;
}

async function entryFindings(files: Readonly<Record<string, string>>, path = CLAIM_PATH): Promise<Finding[]> {
  const { engine, kb } = await openKb(repositoryKb(files));
  return engine.check(kb, path, { rules: [claimEntry] });
}

/** The part of the file a finding points at. */
function marked(text: string, finding: Finding | undefined): string {
  const line = text.split('\n')[finding?.range.start.line ?? 0] ?? '';
  return line.slice(finding?.range.start.character, finding?.range.end.character);
}

describe('reading a sentence', () => {
  it('gives lemmas and a negation that covers its clause only', () => {
    const words = readWords('The prompt comes from EWS, not from MAPI.');
    assert.deepEqual(words.map((word) => word.lemma).slice(0, 5), ['the', 'prompt', 'come', 'from', 'ews']);
    assert.deepEqual(words.filter((word) => word.negated).map((word) => word.text), ['from', 'mapi']);
  });

  it('keeps the negation scopes of grammatical negators only, and adds those the model does not know', () => {
    assert.deepEqual(readWords('Resetting EWS prevents the prompt.').filter((word) => word.negated), []);
    assert.deepEqual(readWords('Changing EWS fails to stop the prompt.').filter((word) => word.negated).map((word) => word.text), ['stop', 'the', 'prompt']);
    assert.ok(readWords('Use MAPI instead of EWS.').find((word) => word.text === 'ews')?.negated);
  });

  it('keeps a file name in one clause and marks words between quotation marks', () => {
    const words = readWords('ucmapi.exe connects before the prompt.');
    assert.deepEqual(words.filter((word) => word.text === '.').map((word) => word.boundary), [false, true]);
    assert.deepEqual(readWords('Users write "EWS is down" in tickets.').filter((word) => word.quoted).map((word) => word.text), ['"', 'ews', 'is', 'down']);
  });

  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => Array.isArray(readWords(text))));
  });
});

describe('statements', () => {
  it('flags paraphrases and stays silent on the same words denied, asked, supposed or reported', async () => {
    const text = [
      'The sign-in dialog box is raised by EWS.',
      'The prompt comes from EWS, not from MAPI.',
      'The prompt comes from MAPI, not from EWS.',
      'Is the prompt raised by EWS?',
      'If EWS raised the prompt, resetting it would help.',
      'Users keep saying that EWS raises the prompt.',
      'Some write "EWS raises the prompt" in their tickets.',
    ].join('\n\n');
    const findings = await claimFindings(`${text}\n`);
    assert.deepEqual(findings.map((finding) => [finding.range.start.line, claimOf(finding)]), [[0, 'prompt-from-ews'], [2, 'prompt-from-ews']]);
  });

  it('learns a new name from a glossary alias, and a new verb from a relation form', async () => {
    const sentence = 'The prompt is spawned by the web services endpoint.\n';
    assert.deepEqual(await claimFindings(sentence), []);
    const glossary = (await openKb(repositoryKb())).kb.textOf('/kb/glossary/exchange-web-services.md') ?? '';
    const withAlias = { '/kb/glossary/exchange-web-services.md': glossary.replace('aliases:\n  - EWS\n', 'aliases:\n  - EWS\n  - web services endpoint\n') };
    assert.deepEqual((await claimFindings(sentence, withAlias)).map(claimOf), ['prompt-from-ews']);
    const verb = 'EWS begets the prompt.\n';
    assert.deepEqual(await claimFindings(verb), []);
    const relation = (await openKb(repositoryKb())).kb.textOf('/kb/claims/relations/comes-from.md') ?? '';
    assert.deepEqual((await claimFindings(verb, { '/kb/claims/relations/comes-from.md': relation.replace('forms:\n', 'forms:\n  - O beget S\n') })).map(claimOf), ['prompt-from-ews']);
  });

  it('reads a denied statement: reported when the sentence denies the relation', async () => {
    const claim = claimFile('  subject: term:ntlm-authentication\n  relation: sends\n  object: hash\n  polarity: denied');
    const findings = await claimFindings('NTLM never sends a hash.\n\nNTLM sends a hash.\n', { [CLAIM_PATH]: claim });
    assert.deepEqual(findings.filter((finding) => claimOf(finding) === 'my-claim').map((finding) => finding.range.start.line), [0]);
  });

  it('stays fast on a long run-on sentence made of claim words', { timeout: 60_000 }, async () => {
    const sentence = `${'the prompt comes from EWS and EWS raises the prompt, '.repeat(2000)}end.\n`;
    assert.ok((await claimFindings(sentence)).length <= 1);
  });
});

describe('claim-entry on statements and relations', () => {
  it('accepts a statement over known entries and relations', async () => {
    assert.deepEqual(await entryFindings({ [CLAIM_PATH]: claimFile('  subject: prompt\n  relation: comes-from\n  object: term:exchange-web-services') }), []);
  });

  it('reports an unknown relation, glossary entry, key and polarity at their place', async () => {
    const text = claimFile('  subject: prompt\n  relation: originates-in\n  object: term:exchange-web-service\n  polarity: maybe\n  verb: come');
    const findings = await entryFindings({ [CLAIM_PATH]: text });
    assert.deepEqual(findings.map((finding) => marked(text, finding)).sort(), ['maybe', 'originates-in', 'term:exchange-web-service', 'verb'].sort());
    assert.match(findings.map((finding) => finding.message).join(' '), /No relation "originates-in"/);
    assert.deepEqual(await claimFindings('The prompt comes from EWS.\n', { '/kb/claims/prompt-from-ews.md': text.replace('my-claim', 'prompt-from-ews') }), [], 'a broken claim is not run');
  });

  it('reports unusable forms of a relation file and keeps the others', async () => {
    const path = '/kb/claims/relations/begets.md';
    const text = '---\nid: begets\nforms:\n  - beget O\n  - "[the] S beget O"\n  - S beget S\n  - S beget|spawn O\n---\n\nThe subject begets the object.\n';
    const findings = await entryFindings({ [path]: text }, path);
    assert.deepEqual(findings.map((finding) => marked(text, finding)), ['[the] S beget O', 'S beget S']);
    assert.equal(typeof parseForm('S beget|spawn O'), 'object');
    assert.match(String(parseForm('beget')), /names neither the subject/);
  });
});
