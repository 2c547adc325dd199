import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, InMemoryFileSystem, ruleById } from '../../../server/src/core/index.js';
import { applyEdits } from '../../support/rule-fixtures.js';

const today = (): Date => new Date(2026, 10, 25);

/** The tool's own KB, as the engine finds it next to the extension or the CLI. */
const BUNDLED: Record<string, string> = {
  '/tool/kb/kb.config.json': '{}',
  '/tool/kb/glossary/outlook-anywhere.md': '---\nterm: Outlook Anywhere\navoid:\n  - Outlook anywhere\n---\n\nThe Exchange feature that carries MAPI over HTTPS.\n',
  '/tool/kb/causes/basic-auth.md': '---\nid: basic-auth\ntitle: Outlook Anywhere uses Basic authentication\nsignals: [outlook anywhere uses basic authentication]\n---\n\nBody.\n',
  '/tool/kb/remediations/switch-to-ntlm.md': '---\nid: switch-to-ntlm\ntitle: Switch Outlook Anywhere to NTLM authentication\nresolves: [basic-auth]\nrank: 1\ntradeoffs: Helps only domain-joined computers.\n---\n\nBody.\n',
};

const article = (body: string, frontMatter = ''): string => `---\ntitle: T\ndescription: D\nms.topic: troubleshooting\nms.date: 11/20/2026\n${frontMatter}---\n\n# T\n\n${body}\n`;

async function openKb(files: Record<string, string>): Promise<{ engine: Engine; kb: Awaited<ReturnType<Engine['openKb']>> }> {
  const engine = new Engine({ fs: new InMemoryFileSystem({ ...BUNDLED, ...files }), bundledRoot: '/tool/kb', today });
  return { engine, kb: await engine.openKb('/work/kb') };
}

const termSpelling = ruleById('term-spelling');
const remediationLink = ruleById('remediation-link');
assert.ok(termSpelling && remediationLink);

describe('bundled knowledge', () => {
  it('gives a KB without a glossary the hovers of the bundled glossary but not its spelling findings', async () => {
    const { engine, kb } = await openKb({ '/work/kb/a.md': article('Remote users connect through Outlook anywhere.') });
    assert.equal(kb.knowledge.glossaryEntry('outlook-anywhere')?.source, 'bundled');
    assert.deepEqual(engine.check(kb, '/work/kb/a.md', { rules: [termSpelling] }), []);
  });

  it('reports the bundled glossary\'s spellings when the KB opts in with bundledGlossarySpelling', async () => {
    const { engine, kb } = await openKb({
      '/work/kb/kb.config.json': '{ "bundledGlossarySpelling": true }',
      '/work/kb/a.md': article('Remote users connect through Outlook anywhere.'),
    });
    const findings = engine.check(kb, '/work/kb/a.md', { rules: [termSpelling] });
    assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.message]), [
      ['term-spelling', '"Outlook anywhere" is a spelling to avoid; the glossary spells it "Outlook Anywhere".'],
    ]);
    assert.equal(findings[0]?.related?.[0]?.path, '/tool/kb/glossary/outlook-anywhere.md');
    assert.match(findings[0]?.related?.[0]?.message ?? '', /bundled/);
  });

  it('lets an entry of the KB override the bundled entry with the same id', async () => {
    const { engine, kb } = await openKb({
      '/work/kb/glossary/outlook-anywhere.md': '---\nterm: Outlook Anywhere\navoid:\n  - OA\n---\n\nOur own definition.\n',
      '/work/kb/a.md': article('Outlook anywhere is fine here, but OA is not.'),
    });
    assert.equal(kb.knowledge.glossaryEntry('outlook-anywhere')?.source, 'kb');
    assert.deepEqual(engine.check(kb, '/work/kb/a.md', { rules: [termSpelling] }).map((finding) => finding.message), [
      '"OA" is a spelling to avoid; the glossary spells it "Outlook Anywhere".',
    ]);
  });

  it('adds the KB\'s own entries to the bundled ones', async () => {
    const { engine, kb } = await openKb({
      '/work/kb/kb.config.json': '{ "bundledGlossarySpelling": true }',
      '/work/kb/glossary/netmon.md': '---\nterm: Network Monitor\navoid: [NetMon]\n---\n\nA capture tool.\n',
      '/work/kb/a.md': article('Outlook anywhere and NetMon.'),
    });
    assert.deepEqual(engine.check(kb, '/work/kb/a.md', { rules: [termSpelling] }).map((finding) => finding.range.start.character), [0, 21]);
  });

  it('is ignored when the KB sets useBundledKb to false', async () => {
    const { engine, kb } = await openKb({
      '/work/kb/kb.config.json': '{ "useBundledKb": false, "bundledGlossarySpelling": true }',
      '/work/kb/a.md': article('Remote users connect through Outlook anywhere.', 'causes: [basic-auth]\n'),
    });
    assert.equal(kb.knowledge.glossary.length, 0);
    assert.deepEqual(engine.check(kb, '/work/kb/a.md', { rules: [termSpelling] }), []);
    assert.deepEqual(engine.check(kb, '/work/kb/a.md', { rules: [remediationLink] }).map((finding) => finding.message), [
      '"causes" names "basic-auth", which is not a cause (none exist).',
    ]);
  });

  it('offers the bundled remediations in the Resolution fix, linked where the KB keeps remediations', async () => {
    const { engine, kb } = await openKb({ '/work/kb/articles/a.md': article('## Resolution\n\nRestart Lync.', 'causes: [basic-auth]\n') });
    const [finding] = engine.check(kb, '/work/kb/articles/a.md', { rules: [remediationLink] });
    assert.ok(finding?.fixes?.[0]);
    const fixed = applyEdits(kb.textOf('/work/kb/articles/a.md') ?? '', finding.fixes[0].edits);
    assert.match(fixed, /Restart Lync\.\n\n1\. \[Switch Outlook Anywhere to NTLM authentication\]\(\.\.\/remediations\/switch-to-ntlm\.md\): Helps only domain-joined computers\.\n$/);
  });
});
