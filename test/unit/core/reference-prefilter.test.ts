import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, type FileChange, InMemoryFileSystem, type KnowledgeBase } from '../../../server/src/core/index.js';
import { filesThatMayReference } from '../../../server/src/core/graph/reference-prefilter.js';

const today = (): Date => new Date(2026, 10, 25);
const article = (body: string): string => `---\ntitle: T\ndescription: D\nms.topic: conceptual\nms.date: 11/20/2026\n---\n\n# T\n\n${body}\n`;

async function openKb(files: Record<string, string>): Promise<KnowledgeBase> {
  return new Engine({ fs: new InMemoryFileSystem({ '/kb/kb.config.json': '{ "articles": ["**/*.md", "!includes/**"] }', ...files }), today }).openKb('/kb');
}

const changed = (kb: KnowledgeBase, path: string): FileChange[] => [{ path, kind: kb.kindOf(path), level: 'existence' }];

describe('filesThatMayReference', () => {
  it('rules out by raw text the files that cannot name a changed file, however a name is escaped', async () => {
    const kb = await openKb({
      '/kb/target-page.md': article('## Cause'),
      '/kb/plain.md': article('See [it](target-page.md#cause).'),
      '/kb/upper.md': article('See [it](TARGET-PAGE.MD).'),
      '/kb/percent.md': article('See [it](target%2Dpage.md).'),
      '/kb/entity.md': article('See [it](target&#45;page&period;md).'),
      '/kb/backslash.md': article('See [it](target\\-page.md).'),
      '/kb/unrelated.md': article('See [other](plain.md) and the word target.'),
      '/kb/scenarios/tagged.scenario': '@article:plain.md\nFeature: F\n',
      '/kb/scenarios/untagged.scenario': 'Feature: G\n',
    });
    const candidates = filesThatMayReference(kb, changed(kb, '/kb/target-page.md'));
    assert.deepEqual([...candidates].filter((path) => path.endsWith('.md') || path.endsWith('.scenario')).sort(), [
      '/kb/backslash.md', '/kb/entity.md', '/kb/percent.md', '/kb/plain.md', '/kb/scenarios/tagged.scenario', '/kb/upper.md',
    ]);
    // A file no candidate names is never parsed by the graph either: it is not among the dependents.
    assert.deepEqual(kb.dependencies.dependentsOfChanges(changed(kb, '/kb/target-page.md')), ['/kb/backslash.md', '/kb/entity.md', '/kb/percent.md', '/kb/plain.md', '/kb/scenarios/tagged.scenario', '/kb/upper.md']);
  });

  it('follows includes: a link to a page that includes the changed file reaches it', async () => {
    const kb = await openKb({
      '/kb/includes/outer.md': '[!INCLUDE [inner](inner.md)]\n',
      '/kb/includes/inner.md': '## Included heading\n',
      '/kb/page.md': article('[!INCLUDE [outer](includes/outer.md)]'),
      '/kb/linking.md': article('See [the heading](page.md#included-heading).'),
      '/kb/other.md': article('See [page](page.md).'),
      '/kb/unrelated.md': article('Nothing.'),
    });
    const candidates = filesThatMayReference(kb, changed(kb, '/kb/includes/inner.md'));
    assert.deepEqual([...candidates].filter((path) => path.endsWith('.md')).sort(), ['/kb/linking.md', '/kb/other.md', '/kb/page.md']);
    assert.deepEqual(kb.dependencies.dependentsOfChanges(changed(kb, '/kb/includes/inner.md')), ['/kb/linking.md', '/kb/page.md']);
  });

  it('counts a folder that a created file brings as changed, and not one that other files keep', async () => {
    const kb = await openKb({
      '/kb/new-folder/created.md': article('New.'),
      '/kb/kept/created.md': article('New.'),
      '/kb/kept/old.md': article('Old.'),
      '/kb/folder-link.md': article('See [the folder](new-folder/).'),
      '/kb/kept-link.md': article('See [the folder](kept/).'),
    });
    assert.ok(filesThatMayReference(kb, changed(kb, '/kb/new-folder/created.md')).has('/kb/folder-link.md'));
    assert.ok(!filesThatMayReference(kb, changed(kb, '/kb/kept/created.md')).has('/kb/kept-link.md'));
  });

  it('keeps YAML files whose escapes or folding could hide a name, and rules out those whose escapes cannot', async () => {
    const files = {
      '/kb/.openpublishing.publish.config.json': '{ "docsets_to_publish": [{ "build_source_folder": "." }] }',
      '/kb/docfx.json': '{ "build": { "content": [{ "files": ["**/*.md", "**/*.yml"] }] } }',
      '/kb/target.md': article('Text.'),
      '/kb/toc.yml': '- name: Target\n  href: target.md\n',
      '/kb/sub/toc.yml': '- name: Escaped\n  href: "targ\\x65t.md"\n',
      '/kb/other/toc.yml': '- name: Other\n  href: ../sub/other.md\n',
      // Escapes that decode to no character of the name, or are not escapes where they stand: ruled out.
      '/kb/quoted/toc.yml': '- name: "\\"Quoted\\" title\\ttab \\\\ \\u00e9"\n  href: ../sub/other.md\n- name: C:\\Folder\n',
      // A name joined across an escaped line break, or written with \u and \U escapes: kept.
      '/kb/joined/toc.yml': '- name: Joined\n  href: "../tar\\\n    get.md"\n',
      '/kb/unicode/toc.yml': '- name: Unicode\n  href: "../\\u0074arget.\\U0000006Dd"\n',
    };
    const kb = await openKb(files);
    assert.equal(kb.kindOf('/kb/toc.yml'), 'toc');
    const candidates = filesThatMayReference(kb, changed(kb, '/kb/target.md'));
    assert.ok(candidates.has('/kb/toc.yml'));
    assert.ok(candidates.has('/kb/sub/toc.yml'));
    assert.ok(!candidates.has('/kb/other/toc.yml'));
    assert.ok(!candidates.has('/kb/quoted/toc.yml'));
    assert.ok(candidates.has('/kb/joined/toc.yml'));
    assert.ok(candidates.has('/kb/unicode/toc.yml'));
    // What the graph finds among them, parsing the tables of contents YAML reads the names of.
    const dependents = kb.dependencies.dependentsOfChanges(changed(kb, '/kb/target.md'));
    assert.deepEqual(dependents === 'all' ? dependents : dependents.filter((path) => path.endsWith('.yml')), ['/kb/joined/toc.yml', '/kb/toc.yml', '/kb/unicode/toc.yml']);
  });
});
