import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, type Finding, InMemoryFileSystem, ruleById } from '../../../server/src/core/index.js';
import { applyEdits } from '../../support/rule-fixtures.js';

const today = (): Date => new Date(2026, 10, 25);

const CAUSES: Record<string, string> = {
  '/kb/causes/basic-auth.md': '---\nid: basic-auth\ntitle: Basic authentication\nsignals: [outlook anywhere uses basic authentication]\n---\n\nBody.\n',
  '/kb/causes/cancelled.md': '---\nid: cancelled\ntitle: Cancelled prompt\nsignals: [canceled the prompt]\n---\n\nBody.\n',
  '/kb/remediations/ntlm.md': '---\nid: ntlm\ntitle: Switch to NTLM\nresolves: [basic-auth]\nrank: 1\ntradeoffs: Domain-joined computers only.\n---\n\nBody.\n',
  '/kb/remediations/cache.md': '---\nid: cache\ntitle: Cache the credentials\nresolves: [basic-auth]\nrank: 2\ntradeoffs: Hard to maintain.\n---\n\nBody.\n',
  '/kb/remediations/educate.md': '---\nid: educate\ntitle: Educate users\nresolves: [basic-auth, cancelled]\nrank: 3\ntradeoffs: Users still see the prompt.\n---\n\nBody.\n',
};

/** Checks one file of a KB built from `files` with one rule. */
async function check(files: Record<string, string>, path: string, ruleId: string): Promise<{ findings: Finding[]; text: string; recheck: (text: string) => Finding[] }> {
  const rule = ruleById(ruleId);
  assert.ok(rule, `no rule ${ruleId}`);
  const engine = new Engine({ fs: new InMemoryFileSystem(files), today });
  const kb = await engine.openKb('/kb');
  return {
    findings: engine.check(kb, path, { rules: [rule] }),
    text: kb.textOf(path) ?? '',
    recheck: (text) => {
      kb.setText(path, text);
      return engine.check(kb, path, { rules: [rule] });
    },
  };
}

describe('remediation-link', () => {
  const article = '---\ntitle: A\ncauses: [cancelled, basic-auth]\n---\n\n# A\n\n## Resolution\n\nFirst, restart Lync.\n\n## More information\n\nText.\n';

  it('inserts every remediation of the declared causes, by rank, with title and trade-offs', async () => {
    const { findings, text, recheck } = await check({ ...CAUSES, '/kb/articles/a.md': article }, '/kb/articles/a.md', 'remediation-link');
    assert.equal(findings.length, 1);
    const fix = findings[0]?.fixes?.[0];
    assert.equal(fix?.title, 'Link remediation steps');
    assert.equal(fix?.safe, false);
    const fixed = applyEdits(text, fix?.edits ?? []);
    assert.equal(fixed, [
      '---', 'title: A', 'causes: [cancelled, basic-auth]', '---', '', '# A', '', '## Resolution', '', 'First, restart Lync.', '',
      '1. [Switch to NTLM](../remediations/ntlm.md): Domain-joined computers only.',
      '2. [Cache the credentials](../remediations/cache.md): Hard to maintain.',
      '3. [Educate users](../remediations/educate.md): Users still see the prompt.',
      '', '## More information', '', 'Text.', '',
    ].join('\n'));
    assert.deepEqual(recheck(fixed), [], 'once applied, the fix is no longer offered, so it cannot duplicate the list');
  });

  it('skips remediations that Resolution already links and keeps CRLF line breaks', async () => {
    const crlf = '---\r\ntitle: A\r\ncauses: [cancelled, basic-auth]\r\n---\r\n\r\n# A\r\n\r\n## Resolution\r\n\r\nSee [NTLM](../remediations/ntlm.md).\r\n';
    const { findings, text } = await check({ ...CAUSES, '/kb/articles/a.md': crlf }, '/kb/articles/a.md', 'remediation-link');
    const fixed = applyEdits(text, findings[0]?.fixes?.[0]?.edits ?? []);
    assert.equal(fixed.slice(crlf.length - 2), '\r\n\r\n1. [Cache the credentials](../remediations/cache.md): Hard to maintain.\r\n2. [Educate users](../remediations/educate.md): Users still see the prompt.\r\n');
  });

  it('accepts any one remediation of each cause', async () => {
    const linked = article.replace('First, restart Lync.', '- [Educate users](../remediations/educate.md)');
    const { findings } = await check({ ...CAUSES, '/kb/articles/a.md': linked }, '/kb/articles/a.md', 'remediation-link');
    assert.deepEqual(findings, []);
  });
});

describe('term-spelling', () => {
  it('replaces a long form followed by the term in parentheses with the term alone', async () => {
    const files = {
      '/kb/glossary/iis.md': '---\nterm: IIS\navoid: [Internet Information Server]\n---\n\nThe web server.\n',
      '/kb/a.md': '# A\n\nCheck the Internet Information Server (IIS) logs.\n',
    };
    const { findings, text, recheck } = await check(files, '/kb/a.md', 'term-spelling');
    assert.deepEqual(findings.map((finding) => [finding.severity, finding.range.start.character, finding.range.end.character]), [['warning', 10, 37]]);
    assert.equal(findings[0]?.fixes?.[0]?.safe, true);
    const fixed = applyEdits(text, findings[0]?.fixes?.[0]?.edits ?? []);
    assert.equal(fixed, '# A\n\nCheck the IIS logs.\n');
    assert.deepEqual(recheck(fixed), []);
  });
});

describe('glossary-entry', () => {
  it('reports a spelling claimed by two entries on both, each pointing at the other', async () => {
    const files = {
      '/kb/glossary/exchange-web-services.md': '---\nterm: Exchange Web Services\naliases:\n  - EWS\n---\n\nDefinition.\n',
      '/kb/glossary/ews-status.md': '---\nterm: EWS status\naliases: [ews]\n---\n\nDefinition.\n',
    };
    const first = await check(files, '/kb/glossary/exchange-web-services.md', 'glossary-entry');
    const second = await check(files, '/kb/glossary/ews-status.md', 'glossary-entry');
    assert.deepEqual(first.findings.map((finding) => [finding.range.start.line, finding.related?.[0]?.path, finding.related?.[0]?.range.start.line]), [[3, '/kb/glossary/ews-status.md', 2]]);
    assert.deepEqual(second.findings.map((finding) => [finding.range.start.line, finding.related?.[0]?.path, finding.related?.[0]?.range.start.line]), [[2, '/kb/glossary/exchange-web-services.md', 3]]);
    assert.match(first.findings[0]?.message ?? '', /"EWS" is also an alias of glossary entry "ews-status"/);
  });
});

describe('cause-entry', () => {
  it('warns, below its error default, about a cause that no remediation resolves', async () => {
    const { findings } = await check({ '/kb/causes/orphan.md': '---\nid: orphan\ntitle: Orphan\nsignals: [x]\n---\n\nBody.\n' }, '/kb/causes/orphan.md', 'cause-entry');
    assert.deepEqual(findings.map((finding) => [finding.severity, finding.range.start.line]), [['warning', 2]]);
  });
});

describe('cause-undeclared', () => {
  it('finds a signal split by a link and adds the cause to the front matter', async () => {
    const files = { ...CAUSES, '/kb/a.md': '---\ntitle: A\n---\n\n# A\n\nThe user canceled [the prompt](b.md) yesterday.\n' };
    const { findings, text, recheck } = await check(files, '/kb/a.md', 'cause-undeclared');
    assert.deepEqual(findings.map((finding) => [finding.severity, finding.range.start.line, finding.range.start.character, finding.range.end.character]), [['info', 6, 9, 29]]);
    assert.match(findings[0]?.message ?? '', /mentions "canceled the prompt", a signal of the cause "cancelled"/);
    const fixed = applyEdits(text, findings[0]?.fixes?.[0]?.edits ?? []);
    assert.equal(fixed, '---\ntitle: A\ncauses: [cancelled]\n---\n\n# A\n\nThe user canceled [the prompt](b.md) yesterday.\n');
    assert.deepEqual(recheck(fixed), []);
  });
});
