import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, InMemoryFileSystem, type KnowledgeBase } from '../../../server/src/core/index.js';

const today = (): Date => new Date(2026, 10, 25);
const frontMatter = (fields: string): string => `---\ntitle: T\ndescription: D\n${fields}---\n\n# T\n\nText.\n`;

/** A Learn repository with one docset (`docs/`) whose docfx.json publishes `articles/` and supplies metadata. */
function learnRepository(extra: Readonly<Record<string, string>> = {}): InMemoryFileSystem {
  return new InMemoryFileSystem({
    '/repo/.openpublishing.publish.config.json': JSON.stringify({ docsets_to_publish: [{ docset_name: 'docs', build_source_folder: 'docs' }] }),
    '/repo/docs/docfx.json': `{
  "build": {
    "content": [
      { "files": ["**/*.md", "**/*.yml"], "src": "articles", "exclude": ["**/includes/**", "README.md"] },
      { "files": ["TOC.md"] }
    ],
    "globalMetadata": { "ms.topic": "conceptual", "ms.date": "10/01/2026", "ms.author": "everyone" },
    "fileMetadata": {
      "ms.author": { "articles/**.md": "writer", "articles/outlook/**/*.md": "outlook-writer" },
      "ms.topic": { "articles/troubleshoot/**/*.md": "troubleshooting" }
    }
  }
}`,
    '/repo/docs/TOC.md': '# [Setup](articles/setup.md)\n## [Missing](articles/missing.md)\n',
    '/repo/docs/articles/setup.md': frontMatter(''),
    '/repo/docs/articles/outlook/profile.md': frontMatter('ms.author: own-alias\n'),
    '/repo/docs/articles/outlook/deep/cache.md': frontMatter(''),
    '/repo/docs/articles/troubleshoot/prompt.md': frontMatter(''),
    '/repo/docs/articles/includes/note.md': 'An include: no front matter, no H1.',
    '/repo/docs/articles/README.md': 'Read me.',
    '/repo/docs/unpublished.md': 'Not in any content group.',
    '/repo/samples/script.ps1': 'Get-Mailbox',
    ...extra,
  });
}

async function open(fs: InMemoryFileSystem): Promise<{ engine: Engine; kb: KnowledgeBase }> {
  const engine = new Engine({ fs, today });
  return { engine, kb: await engine.openKb('/repo') };
}

function metadataOf(kb: KnowledgeBase, path: string): Record<string, unknown> {
  const file = kb.markdown(path);
  assert.ok(file);
  return Object.fromEntries([...kb.effectiveMetadata(file)].map(([key, value]) => [key, value.value]));
}

describe('Learn repository model', () => {
  it('makes articles of the pages the docset publishes only; TOC.md is a table of contents, docfx.json a repository file', async () => {
    const { kb } = await open(learnRepository());
    assert.deepEqual(kb.checkedPaths().map((path) => [path, kb.kindOf(path)]), [
      ['/repo/.openpublishing.publish.config.json', 'repository'],
      ['/repo/docs/TOC.md', 'toc'],
      ['/repo/docs/articles/outlook/deep/cache.md', 'article'],
      ['/repo/docs/articles/outlook/profile.md', 'article'],
      ['/repo/docs/articles/setup.md', 'article'],
      ['/repo/docs/articles/troubleshoot/prompt.md', 'article'],
      ['/repo/docs/docfx.json', 'repository'],
    ]);
  });

  it('merges metadata: globalMetadata, then fileMetadata globs relative to docfx.json (the later glob wins), then the front matter', async () => {
    const { kb } = await open(learnRepository());
    assert.deepEqual(metadataOf(kb, '/repo/docs/articles/setup.md'), { title: 'T', description: 'D', 'ms.topic': 'conceptual', 'ms.date': '10/01/2026', 'ms.author': 'writer' });
    // `articles/**.md` (DocFX's any-depth form) and `articles/outlook/**/*.md` both match: the later one wins.
    assert.equal(metadataOf(kb, '/repo/docs/articles/outlook/deep/cache.md')['ms.author'], 'outlook-writer');
    assert.equal(metadataOf(kb, '/repo/docs/articles/outlook/profile.md')['ms.author'], 'own-alias');
    assert.equal(metadataOf(kb, '/repo/docs/articles/troubleshoot/prompt.md')['ms.topic'], 'troubleshooting');
    const file = kb.markdown('/repo/docs/articles/setup.md');
    assert.ok(file);
    const source = kb.effectiveMetadata(file).get('ms.author')?.supplied?.source;
    assert.deepEqual([source?.path, source?.section, source?.glob, source?.range.start.line], ['/repo/docs/docfx.json', 'fileMetadata', 'articles/**.md', 8]);
  });

  it('lets metadata rules see the effective metadata', async () => {
    const { engine, kb } = await open(learnRepository());
    // ms.topic and ms.date come from docfx.json; the troubleshooting topic from fileMetadata asks for appliesto.
    assert.deepEqual(engine.check(kb, '/repo/docs/articles/setup.md').filter((finding) => finding.ruleId.startsWith('frontmatter')), []);
    const prompt = engine.check(kb, '/repo/docs/articles/troubleshoot/prompt.md').filter((finding) => finding.ruleId === 'frontmatter-required');
    assert.deepEqual(prompt.map((finding) => finding.message), ['Missing front matter key "appliesto".']);
    // As the Learn build's validation report has it: missing metadata is a warning in a repository it publishes.
    assert.deepEqual(prompt.map((finding) => finding.severity), ['warning']);
  });

  it('checks only the links of a table of contents', async () => {
    const { engine, kb } = await open(learnRepository());
    assert.deepEqual(engine.check(kb, '/repo/docs/TOC.md').map((finding) => `${finding.ruleId}@${finding.range.start.line}`), ['link-target@1']);
  });

  it('resolves ~/ from the docset folder and lets links reach any file of the repository', async () => {
    const fs = learnRepository({
      '/repo/docs/articles/links.md': frontMatter('') + '\n[Setup](~/articles/setup.md) [Script](../../samples/script.ps1) [Include](includes/note.md) [Gone](~/articles/gone.md) [Shared](../common/shared.md)\n',
      // The build fills docs/common from another repository: links into it cannot be checked here.
      '/repo/.openpublishing.publish.config.json': JSON.stringify({ docsets_to_publish: [{ build_source_folder: 'docs' }], dependent_repositories: [{ path_to_root: 'docs/Common', url: 'https://example.invalid/shared' }] }),
    });
    const { engine, kb } = await open(fs);
    const findings = engine.check(kb, '/repo/docs/articles/links.md').filter((finding) => finding.ruleId.startsWith('link-'));
    assert.deepEqual(findings.map((finding) => `${finding.ruleId}: ${finding.message}`), ['link-target: Link target "~/articles/gone.md" does not exist (looked for docs/articles/gone.md in the KB).']);
  });

  it('reads the model again when docfx.json changes, and says the whole KB is affected', async () => {
    const { engine, kb } = await open(learnRepository());
    const docfx = kb.textOf('/repo/docs/docfx.json') ?? '';
    assert.equal(kb.setText('/repo/docs/docfx.json', docfx.replace('"ms.date": "10/01/2026", ', '')), 'config');
    assert.deepEqual(engine.check(kb, '/repo/docs/articles/setup.md').map((finding) => finding.message), ['Missing front matter key "ms.date".']);
    assert.deepEqual(kb.repositoryDependenciesOf('/repo/docs/articles/setup.md'), ['/repo/.openpublishing.publish.config.json', '/repo/docs/docfx.json']);
  });

  it('reports a broken docfx.json at its place and keeps checking', async () => {
    const { engine, kb } = await open(learnRepository({ '/repo/docs/docfx.json': '{ "build": { "content": [ { "files": ["**/*.md"] } ], }, ' }));
    const findings = engine.check(kb, '/repo/docs/docfx.json');
    assert.deepEqual([...new Set(findings.map((finding) => finding.ruleId))], ['learn-config-invalid']);
    assert.match(findings[0]?.message ?? '', /docfx\.json is not valid JSON/);
    assert.equal(kb.kindOf('/repo/docs/articles/setup.md'), 'article');
  });
});

describe('Redirections', () => {
  const redirections = (entries: ReadonlyArray<Record<string, unknown>>): Record<string, string> => ({ '/repo/.openpublishing.redirection.json': JSON.stringify({ redirections: entries }) });

  it('follows a chain to a file of the repository, keeping the #fragment the target has', async () => {
    const fs = learnRepository({
      ...redirections([
        { source_path: 'docs/articles/old.md', redirect_url: '/docs/older', redirect_document_id: false },
        { source_path: 'docs/articles/older.md', redirect_url: 'outlook/profile', redirect_document_id: true },
      ]),
      '/repo/docs/articles/links.md': frontMatter('') + '\n[Old](old.md#t) [Old, gone anchor](old.md#nothing)\n',
    });
    const { engine, kb } = await open(fs);
    const findings = engine.check(kb, '/repo/docs/articles/links.md').filter((finding) => finding.ruleId === 'link-redirected');
    assert.deepEqual(findings.map((finding) => finding.fixes?.[0]?.edits[0]?.newText), ['outlook/profile.md#t', 'outlook/profile.md']);
    assert.deepEqual(findings.map((finding) => finding.fixes?.[0]?.safe), [true, true]);
    const redirectionFindings = engine.check(kb, '/repo/.openpublishing.redirection.json');
    assert.deepEqual(redirectionFindings.map((finding) => [finding.ruleId, finding.severity, finding.range.start.line]), [['redirection-invalid', 'warning', 0]]);
    assert.match(redirectionFindings[0]?.message ?? '', /redirect straight to docs\/articles\/outlook\/profile\.md/);
  });

  it('reports a loop once per entry and points links at no target', async () => {
    const fs = learnRepository({
      ...redirections([
        { source_path: 'docs/articles/a.md', redirect_url: 'b', redirect_document_id: false },
        { source_path: 'docs/articles/b.md', redirect_url: 'a', redirect_document_id: false },
      ]),
      '/repo/docs/articles/links.md': frontMatter('') + '\n[A](a.md)\n',
    });
    const { engine, kb } = await open(fs);
    assert.deepEqual(engine.check(kb, '/repo/.openpublishing.redirection.json').map((finding) => finding.message), [
      'The redirections loop: docs/articles/a.md -> docs/articles/b.md -> docs/articles/a.md; readers never reach a page.',
      'The redirections loop: docs/articles/b.md -> docs/articles/a.md -> docs/articles/b.md; readers never reach a page.',
    ]);
    const link = engine.check(kb, '/repo/docs/articles/links.md').filter((finding) => finding.ruleId === 'link-redirected');
    assert.equal(link.length, 1);
    assert.deepEqual(link[0]?.fixes ?? [], []);
  });

  it('keeps a URL target as a URL, and never mistakes a page for its own redirect target', async () => {
    const fs = learnRepository({
      ...redirections([{ source_path: 'docs/articles/setup-old.md', redirect_url: '/other-product/troubleshoot/setup-old', redirect_document_id: false }]),
      '/repo/docs/articles/links.md': frontMatter('') + '\n[Old](setup-old.md)\n',
    });
    const { engine, kb } = await open(fs);
    const findings = engine.check(kb, '/repo/docs/articles/links.md').filter((finding) => finding.ruleId === 'link-redirected');
    assert.deepEqual(findings.map((finding) => finding.fixes?.[0]?.edits[0]?.newText), ['/other-product/troubleshoot/setup-old']);
    assert.deepEqual(engine.check(kb, '/repo/.openpublishing.redirection.json'), []);
  });
});

describe('DocFX globs', () => {
  it('read `**` inside a segment as any depth, ignore letter case and a leading ./', async () => {
    const { docfxGlobMatcher, toPicomatchPattern } = await import('../../../server/src/core/repository/docfx-glob.js');
    assert.equal(toPicomatchPattern('./articles/**.md'), 'articles/**/*.md');
    assert.equal(toPicomatchPattern('**/**.yml'), '**/**/*.yml');
    const matches = docfxGlobMatcher(['articles/**.md']);
    assert.deepEqual(['articles/a.md', 'articles/x/y/B.MD', 'Articles/a.md', 'other/a.md', 'articles/.hidden.md'].map(matches), [true, true, true, false, false]);
  });
});

describe('Hostile repository files', () => {
  it('never throw: deep nesting and wrong shapes become findings', async () => {
    const deep = `{ "build": { "globalMetadata": { "x": ${'['.repeat(100_000)}${']'.repeat(100_000)} } } }`;
    const fs = learnRepository({ '/repo/docs/docfx.json': deep, '/repo/.openpublishing.redirection.json': '{ "redirections": [ 1, { "source_path": 2 } ] }' });
    const { engine, kb } = await open(fs);
    // A docfx.json the build cannot read publishes nothing; it says so on itself.
    assert.equal(kb.kindOf('/repo/docs/articles/setup.md'), undefined);
    assert.match(engine.check(kb, '/repo/docs/docfx.json')[0]?.message ?? '', /nests too deeply/);
    for (const path of kb.checkedPaths()) engine.check(kb, path);
    assert.deepEqual(engine.check(kb, '/repo/.openpublishing.redirection.json').map((finding) => finding.ruleId), ['learn-config-invalid', 'learn-config-invalid']);
  });
});
