import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Nodes } from 'mdast';
import { Engine, InMemoryFileSystem, parseMarkdown } from '../../../server/src/core/index.js';
import { OPAQUE, sentencesOf } from '../../../server/src/core/markdown/sentences.js';
import { domainClaim } from '../../../server/src/core/rules/domain-claim.js';
import { applyEdits, readExpectations, REPOSITORY_ROOT } from '../../support/rule-fixtures.js';
import { CLAIM_FIXTURES, claimFindings, claimOf, openKb, repositoryKb } from './support.js';

const CLAIM_IDS = readdirSync(path.join(REPOSITORY_ROOT, 'kb', 'claims')).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3)).sort();
const NEAR_MISS = /<!--\s*near-miss\s*-->/;
/** A wrong sentence the rule does not catch yet: it must stay unreported, so that catching it updates the fixture. */
const KNOWN_MISS = /<!--\s*known-miss\s*-->/;

describe('claim fixtures', () => {
  it('exist for every claim of the catalog, and the catalog has at least seven claims', () => {
    assert.ok(CLAIM_IDS.length >= 7, `only ${CLAIM_IDS.length} claims`);
    const fixtures = readdirSync(CLAIM_FIXTURES).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3)).sort();
    assert.deepEqual(fixtures, CLAIM_IDS);
  });

  for (const claimId of CLAIM_IDS) {
    describe(claimId, () => {
      const text = readFileSync(path.join(CLAIM_FIXTURES, `${claimId}.md`), 'utf8');
      const expected = readExpectations(text).filter((expectation) => expectation.ruleId === domainClaim.id);
      const nearMisses = text.split('\n').filter((line) => NEAR_MISS.test(line));

      it('has at least 5 true positives and 5 near misses, and at least 10 of each among the paraphrases', () => {
        assert.ok(expected.length >= 5, `${expected.length} expected findings`);
        assert.ok(nearMisses.length >= 5, `${nearMisses.length} near misses`);
        const paraphrases = text.slice(text.indexOf('\n## Paraphrases\n'));
        assert.ok(text.includes('\n## Paraphrases\n'), 'a "Paraphrases" section');
        assert.ok(readExpectations(paraphrases).length >= 10, 'at least 10 wrong paraphrases');
        assert.ok(paraphrases.split('\n').filter((line) => NEAR_MISS.test(line)).length >= 10, 'at least 10 near misses among the paraphrases');
      });

      it('has few known misses', () => {
        const knownMisses = text.split('\n').filter((line) => KNOWN_MISS.test(line)).length;
        assert.ok(knownMisses * 5 <= expected.length, `${knownMisses} known misses for ${expected.length} expected findings`);
      });

      it('reports each expected sentence, with this claim only, and stays silent on the near misses', async () => {
        const findings = await claimFindings(text);
        const lines = text.split('\n');
        const describeAll = (list: Array<{ claim: string; line: number }>): string[] => list.map((entry) => `${entry.claim}@${entry.line + 1}: ${lines[entry.line] ?? ''}`).sort();
        assert.deepEqual(
          describeAll(findings.map((finding) => ({ claim: claimOf(finding), line: finding.range.start.line }))),
          describeAll(expected.map((expectation) => ({ claim: claimId, line: expectation.line }))),
        );
      });
    });
  }
});

describe('rule domain-claim', () => {
  it('reports the sentence with the claim message, at warning, spanning exactly the sentence', async () => {
    const text = 'Intro here. The prompt comes from\nthe EWS connection. Outro.\n';
    const [finding, ...rest] = await claimFindings(text);
    assert.equal(rest.length, 0);
    assert.ok(finding);
    assert.equal(finding.ruleId, 'domain-claim');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /^The Lync MAPI COM Server prompt doesn't come from EWS/);
    assert.deepEqual(finding.range, { start: { line: 0, character: 12 }, end: { line: 1, character: 19 } });
  });

  it('points at the claim file and at the section that explains it', async () => {
    const [finding] = await claimFindings('The prompt comes from EWS.\n');
    const lineOf = (file: string, line: string): number => readFileSync(path.join(REPOSITORY_ROOT, 'kb', file), 'utf8').split('\n').indexOf(line);
    const claimLines = readFileSync(path.join(REPOSITORY_ROOT, 'kb', 'claims', 'prompt-from-ews.md'), 'utf8').split('\n');
    const explanationLine = claimLines.findIndex((line, index) => index > claimLines.indexOf('---', 1) && line.trim() !== '');
    assert.deepEqual(finding?.related?.map((related) => [related.path, related.range.start.line, related.message]), [
      ['/kb/claims/prompt-from-ews.md', explanationLine, 'Claim "prompt-from-ews": why this is wrong'],
      ['/kb/articles/ews-status-ok-but-mapi-needed.md', lineOf('articles/ews-status-ok-but-mapi-needed.md', '## Cause'), 'What is right: Cause'],
    ]);
  });

  it('reports one finding per sentence and claim', async () => {
    const findings = await claimFindings('The prompt comes from EWS and is caused by Exchange Web Services, and NTLM sends the password.\n');
    assert.deepEqual(findings.map(claimOf), ['ntlm-sends-password', 'prompt-from-ews']);
  });

  it('never reads code, comments, headings, link destinations or front matter', async () => {
    const text = [
      '---',
      'title: The prompt comes from EWS.',
      '---',
      '',
      '# The prompt comes from EWS',
      '',
      '`The prompt comes from EWS.`',
      '',
      '    The prompt comes from EWS.',
      '',
      '<!-- The prompt comes from EWS. -->',
      '',
      'See [this](../the-prompt-comes-from-EWS.md) and <https://example.com/the-prompt-comes-from-EWS>.',
      '',
    ].join('\n');
    assert.deepEqual(await claimFindings(text), []);
  });

  it('uses the severity a claim sets, and the configured severity over it', async () => {
    const claim = readFileSync(path.join(REPOSITORY_ROOT, 'kb', 'claims', 'prompt-from-ews.md'), 'utf8').replace('severity: warning', 'severity: info');
    const [mild] = await claimFindings('The prompt comes from EWS.\n', { '/kb/claims/prompt-from-ews.md': claim });
    assert.equal(mild?.severity, 'info');
    const [configured] = await claimFindings('The prompt comes from EWS.\n', { '/kb/claims/prompt-from-ews.md': claim, '/kb/kb.config.json': '{ "rules": { "domain-claim": "error" } }' });
    assert.equal(configured?.severity, 'error');
  });

  it('checks a KB without claims of its own against the bundled claims', async () => {
    const bundled = repositoryKb();
    const fs = new InMemoryFileSystem({ '/work/article.md': 'The prompt comes from EWS.\n' });
    const files = await bundled.listFiles('/kb', []);
    for (const file of files) fs.write(file, (await bundled.readText(file)) ?? '');
    const engine = new Engine({ fs, today: () => new Date(), bundledRoot: '/kb' });
    const kb = await engine.openKb('/work');
    assert.deepEqual(engine.check(kb, '/work/article.md', { rules: [domainClaim] }).map(claimOf), ['prompt-from-ews']);
  });

  it('reports nothing when the KB has no claims', async () => {
    const fs = new InMemoryFileSystem({ '/kb/kb.config.json': '{}', '/kb/a.md': 'The prompt comes from EWS.\n' });
    const engine = new Engine({ fs, today: () => new Date() });
    const kb = await engine.openKb('/kb');
    assert.deepEqual(engine.check(kb, '/kb/a.md', { rules: [domainClaim] }), []);
  });

  it('finds nothing in the articles of the repository KB', async () => {
    const { engine, kb } = await openKb(repositoryKb());
    const articles = kb.articles();
    assert.ok(articles.length > 0);
    for (const article of articles) assert.deepEqual(engine.check(kb, article.path, { rules: [domainClaim] }).map((finding) => finding.message), [], article.path);
  });
});

/** Block structure without HTML nodes: what a suppression comment must not change. */
function structure(text: string): string {
  const describeNode = (node: Nodes): string => {
    if (node.type === 'paragraph' || node.type === 'tableCell' || node.type === 'heading') return node.type;
    const attributes = node.type === 'list' ? `(${String(node.ordered)},${String(node.start)},${String(node.spread)})` : node.type === 'listItem' ? `(${String(node.spread)})` : '';
    const children = 'children' in node ? (node.children as Nodes[]).filter((child) => child.type !== 'html').map(describeNode).join(',') : '';
    return `${node.type}${attributes}[${children}]`;
  };
  return describeNode(parseMarkdown('/kb/articles/test.md', text).tree);
}

/** The prose a reader sees, sentence by sentence, ignoring comments and line breaks. */
function prose(text: string): string[] {
  return sentencesOf(parseMarkdown('/kb/articles/test.md', text)).map((sentence) => sentence.text.replaceAll(OPAQUE, '').replace(/\s+/g, ' ').trim());
}

describe('fix "Disable domain-claim for this sentence"', () => {
  const cases: Array<{ name: string; text: string; comment: 'next-line' | 'same-line' }> = [
    { name: 'a paragraph that the sentence starts', text: 'Intro line\n\nThe prompt comes from EWS. Other sentence.\n', comment: 'next-line' },
    { name: 'a sentence that starts mid-line', text: 'Some intro. The prompt comes from EWS. Ending.\n', comment: 'next-line' },
    { name: 'a sentence that starts a continuation line', text: 'Some intro.\nThe prompt comes from EWS.\n', comment: 'next-line' },
    { name: 'a continuation line after a hard break', text: 'Some intro.  \nThe prompt comes from EWS.\n', comment: 'next-line' },
    { name: 'a continuation line after a backslash break', text: 'Some intro.\\\nThe prompt comes from EWS.\n', comment: 'next-line' },
    { name: 'the first item of a list', text: '- The prompt comes from EWS.\n- Second item.\n', comment: 'next-line' },
    { name: 'mid-line in a later list item', text: '- First item.\n- Intro. The prompt comes from EWS.\n- Third item.\n', comment: 'next-line' },
    { name: 'an ordered list item', text: '1. Step one.\n2. The prompt comes from EWS.\n3. Step three.\n', comment: 'next-line' },
    { name: 'a nested list item in a block quote', text: '> - Outer item.\n>   - Inner. The prompt comes from EWS.\n> - Last item.\n', comment: 'next-line' },
    { name: 'a block quote', text: '> Note. The prompt comes from EWS.\n> More text.\n', comment: 'next-line' },
    { name: 'a sentence in bold', text: 'Intro. **The prompt comes from EWS.** Outro.\n', comment: 'next-line' },
    { name: 'a paragraph that starts with bold', text: '**The prompt comes from EWS.** Outro.\n', comment: 'next-line' },
    { name: 'a table cell', text: '| A | B |\n|---|---|\n| Intro. The prompt comes from EWS. | x |\n| y | z |\n', comment: 'same-line' },
    { name: 'a table header cell', text: '| The prompt comes from EWS. | B |\n|---|---|\n| x | y |\n', comment: 'same-line' },
    { name: 'a document with CRLF line endings', text: 'Some intro. The prompt comes from EWS.\r\nEnd.\r\n', comment: 'next-line' },
  ];

  for (const { name, text, comment } of cases) {
    it(`silences the sentence and keeps the structure: ${name}`, async () => {
      const [finding, ...rest] = await claimFindings(text);
      assert.equal(rest.length, 0);
      const fix = finding?.fixes?.[0];
      assert.ok(fix);
      assert.equal(fix.title, 'Disable domain-claim for this sentence');
      assert.equal(fix.safe, false);
      assert.match(fix.edits.map((edit) => edit.newText).join(''), comment === 'next-line' ? /<!-- kb-disable-next-line domain-claim -->/ : /<!-- kb-disable-line domain-claim -->/);
      const fixed = applyEdits(text, fix.edits);
      assert.deepEqual(await claimFindings(fixed), [], fixed);
      assert.equal(structure(fixed), structure(text), fixed);
      assert.deepEqual(prose(fixed), prose(text), fixed);
    });
  }

  it('silences only the line of the sentence it fixes', async () => {
    const text = 'The prompt comes from EWS.\n\nNTLM sends the password.\n';
    const findings = await claimFindings(text);
    const fixed = applyEdits(text, findings[0]?.fixes?.[0]?.edits ?? []);
    assert.deepEqual((await claimFindings(fixed)).map(claimOf), ['ntlm-sends-password']);
  });

  it('keeps a sentence that would open a block at the start of a line on its own line', async () => {
    const text = 'Note: see below. - NTLM sends the password.\n';
    const [finding] = await claimFindings(text);
    const fixed = applyEdits(text, finding?.fixes?.[0]?.edits ?? []);
    assert.equal(fixed, 'Note: see below. <!-- kb-disable-line domain-claim --> - NTLM sends the password.\n');
    assert.deepEqual(await claimFindings(fixed), []);
  });
});

describe('documentation examples', () => {
  const page = readFileSync(path.join(REPOSITORY_ROOT, 'docs', 'rules', 'domain-claim.md'), 'utf8');
  const example = (label: string): string => new RegExp(`${label}:\\n\\n\`\`\`markdown\\n([^]*?)\`\`\``).exec(page)?.[1] ?? '';

  it('reports each sentence of the "Reported" example', async () => {
    assert.equal((await claimFindings(example('Reported'))).length, 4);
  });

  it('reports nothing in the "Not reported" example', async () => {
    assert.notEqual(example('Not reported'), '');
    assert.deepEqual(await claimFindings(example('Not reported')), []);
  });
});
