import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claimExplanation, claimIdOfFinding, claimMatches, isQuestionOrFramed, readClaim } from '../../../server/src/core/domain/claims.js';
import type { GlossaryLookup } from '../../../server/src/core/domain/claim-pattern.js';
import { Engine, type Finding, InMemoryFileSystem, parseMarkdown } from '../../../server/src/core/index.js';

const noGlossary: GlossaryLookup = () => undefined;

const VALID = `---
id: prompt-from-ews
severity: info
when:
  - [prompt, prompts]
  - comes from [the] EWS
unless:
  - [not, never]
message: The prompt doesn't come from EWS.
see: ../articles/a.md#cause
---

The prompt comes from the **MAPI** connection.
`;

function read(text: string, path = '/kb/claims/prompt-from-ews.md') {
  return readClaim(parseMarkdown(path, text), 'kb', noGlossary);
}

describe('readClaim', () => {
  it('reads a valid claim', () => {
    const { entry, problems } = read(VALID);
    assert.deepEqual(problems, []);
    assert.ok(entry);
    assert.equal(entry.id, 'prompt-from-ews');
    assert.equal(entry.severity, 'info');
    assert.equal(entry.when.length, 2);
    assert.deepEqual(entry.when[1]?.alternatives, ['comes from [the] EWS']);
    assert.equal(entry.unless.length, 1);
    assert.equal(entry.message, "The prompt doesn't come from EWS.");
    assert.equal(entry.see, '../articles/a.md#cause');
    assert.equal(entry.explanation, 'The prompt comes from the **MAPI** connection.');
    assert.equal(entry.explanationRange.start.line, 12);
  });

  it('defaults the severity to warning and unless to nothing', () => {
    const { entry } = read(VALID.replace('severity: info\n', '').replace('unless:\n  - [not, never]\n', ''));
    assert.equal(entry?.severity, 'warning');
    assert.deepEqual(entry?.unless, []);
  });

  it('reports missing keys, and builds no claim', () => {
    const { entry, problems } = read('---\ntitle: x\n---\n\nBody.\n');
    assert.equal(entry, undefined);
    assert.deepEqual(problems.map((problem) => problem.message), [
      'Missing required key "id".',
      'Missing required key "message".',
      'Missing required key "see".',
      'Missing required key "statement": the wrong statement as subject, relation and object (or, in the older format, "when" patterns).',
    ]);
  });

  it('reports a file without front matter and an empty explanation', () => {
    const { entry, problems } = read('');
    assert.equal(entry, undefined);
    assert.ok(problems.some((problem) => problem.message.startsWith('The file has no front matter block')));
    assert.ok(problems.some((problem) => problem.message.startsWith('The claim has no explanation')));
  });

  it('reports an id that differs from the file name, a bad severity and an external see link', () => {
    const { problems } = read(VALID.replace('id: prompt-from-ews', 'id: other').replace('severity: info', 'severity: fatal').replace('../articles/a.md#cause', 'https://example.com/a'));
    assert.deepEqual(problems.map((problem) => problem.message), [
      '"id" is "other" but the file is named "prompt-from-ews.md"; they must match.',
      '"severity" must be one of error, warning, info; "fatal" is not.',
      '"see" must be a relative link to a KB file, such as "../articles/<article>.md#<section>"; "https://example.com/a" is not.',
    ]);
  });

  it('reports when and unless values of the wrong shape', () => {
    const { entry, problems } = read(VALID.replace('  - [prompt, prompts]\n  - comes from [the] EWS\n', '  - {a: 1}\n').replace('  - [not, never]\n', '  - []\n'));
    assert.equal(entry, undefined);
    assert.deepEqual(problems.map((problem) => problem.message), [
      '"when" must be a list whose items are a phrase or a list of alternative phrases.',
      '"unless" must be a list whose items are a phrase or a list of alternative phrases.',
    ]);
  });

  it('rejects the whole claim when one pattern is unsafe, and points at the alternative', () => {
    const text = VALID.replace('  - [not, never]\n', '  - [not, "re:(?<!x)never"]\n');
    const { entry, problems } = read(text);
    assert.equal(entry, undefined);
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /RE2 syntax only.*The claim is not checked until "unless" is fixed\./);
    const line = text.split('\n')[problems[0]?.range.start.line ?? 0] ?? '';
    assert.equal(line.slice(problems[0]?.range.start.character, problems[0]?.range.end.character), 're:(?<!x)never');
  });
});

describe('claimMatches', () => {
  const claim = read(VALID).entry!;

  it('needs every when pattern in the sentence', () => {
    assert.ok(claimMatches(claim, 'The prompt comes from the EWS connection.'));
    assert.ok(!claimMatches(claim, 'The dialog comes from the EWS connection.'));
  });

  it('is cancelled by an unless pattern', () => {
    assert.ok(!claimMatches(claim, 'The prompt never comes from EWS.'));
  });

  it('is cancelled by questions and by framing as a myth, whatever unless says', () => {
    assert.ok(!claimMatches(claim, 'So the prompt comes from EWS?'));
    assert.ok(!claimMatches(claim, 'Does the prompt come from EWS, or does the prompt comes from EWS?"'));
    assert.ok(!claimMatches(claim, 'A common misconception is that the prompt comes from EWS.'));
    assert.ok(!claimMatches(claim, 'Some admins wrongly assume the prompt comes from EWS.'));
  });

  it('knows a question and a framed statement when it sees one', () => {
    assert.ok(isQuestionOrFramed('Is it EWS?'));
    assert.ok(isQuestionOrFramed('Is it "EWS?"'));
    assert.ok(isQuestionOrFramed("It's a myth that EWS raises it."));
    assert.ok(!isQuestionOrFramed('It is EWS.'));
    assert.ok(!isQuestionOrFramed('The mythical EWS raises it.'));
  });
});

describe('claimExplanation and claimIdOfFinding', () => {
  async function knowledge() {
    const fs = new InMemoryFileSystem({ '/kb/kb.config.json': '{}', '/kb/claims/prompt-from-ews.md': VALID, '/kb/articles/a.md': '# A\n\n## Cause\n\nMAPI.\n' });
    return (await new Engine({ fs, today: () => new Date() }).openKb('/kb')).knowledge;
  }

  it('returns the explanation and the resolved see target of a claim', async () => {
    assert.deepEqual(claimExplanation(await knowledge(), 'prompt-from-ews'), {
      id: 'prompt-from-ews',
      message: "The prompt doesn't come from EWS.",
      markdown: 'The prompt comes from the **MAPI** connection.',
      see: '../articles/a.md#cause',
      seePath: '/kb/articles/a.md',
      seeFragment: 'cause',
    });
  });

  it('never resolves a see link that leaves the KB or names a file outside its file list', async () => {
    for (const see of ['../../etc/passwd', '../../outside/notes.md#cause', '../articles/missing.md', '../kb.config.json', '/etc/hosts.md']) {
      const fs = new InMemoryFileSystem({
        '/kb/kb.config.json': '{}',
        '/kb/claims/prompt-from-ews.md': VALID.replace('see: ../articles/a.md#cause', `see: ${see}`),
        '/kb/articles/a.md': '# A\n',
        '/outside/notes.md': '# Secret\n\n## Cause\n',
        '/etc/hosts.md': '# Hosts\n',
      });
      const explanation = claimExplanation((await new Engine({ fs, today: () => new Date() }).openKb('/kb')).knowledge, 'prompt-from-ews');
      assert.equal(explanation?.seePath, undefined, see);
    }
  });

  it('returns undefined for an unknown claim', async () => {
    assert.equal(claimExplanation(await knowledge(), 'nope'), undefined);
  });

  it('finds the claim of a domain-claim finding through its first related location', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const finding: Finding = { ruleId: 'domain-claim', severity: 'warning', path: '/kb/articles/a.md', range, message: 'x', related: [{ path: '/kb/claims/prompt-from-ews.md', range, message: 'x' }] };
    assert.equal(claimIdOfFinding(await knowledge(), finding), 'prompt-from-ews');
    assert.equal(claimIdOfFinding(await knowledge(), { ...finding, ruleId: 'link-target' }), undefined);
    assert.equal(claimIdOfFinding(await knowledge(), { ...finding, related: [] }), undefined);
  });
});
