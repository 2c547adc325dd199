import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Engine, InMemoryFileSystem } from '../../../server/src/core/index.js';
import { isYamlTocName, parseYamlToc } from '../../../server/src/core/repository/yaml-toc.js';

const today = (): Date => new Date(2026, 10, 25);

/** Each link as `line:character-line:character url`, and the text its range covers. */
function linksOf(text: string): string[] {
  const file = parseYamlToc('/repo/docs/toc.yml', text);
  return file.links.map((link) => {
    const { start, end } = link.urlRange;
    return `${start.line}:${start.character}-${end.line}:${end.character} ${link.url} [${file.document.text.slice(file.document.offsetAt(start), file.document.offsetAt(end))}]`;
  });
}

describe('YAML tables of contents', () => {
  it('recognizes toc.yml and toc.yaml in any letter case, and nothing else', () => {
    assert.deepEqual(['/r/toc.yml', '/r/TOC.yml', '/r/a/toc.yaml', '/r/toc.md', '/r/steps.yml', '/r/mytoc.yml'].map(isYamlTocName), [true, true, true, false, false, false]);
  });

  it('reads href, topicHref, tocHref and homepage of every item at any depth, with the range of the path inside its quotes', () => {
    const text = [
      '- name: One',
      '  href: one.md',
      '- name: Two',
      '  topicHref: "two.md#part"',
      '  items:',
      '    - name: Three',
      "      tocHref: 'three/'",
      '    - name: Web',
      '      href: https://learn.microsoft.com/',
      '- name: Home',
      '  homepage: ~/index.md',
      '- name: No page',
      '  href:',
      '',
    ].join('\n');
    assert.deepEqual(linksOf(text), [
      '1:8-1:14 one.md [one.md]',
      '3:14-3:25 two.md#part [two.md#part]',
      '6:16-6:22 three/ [three/]',
      '8:12-8:40 https://learn.microsoft.com/ [https://learn.microsoft.com/]',
      '10:12-10:22 ~/index.md [~/index.md]',
    ]);
    assert.deepEqual(parseYamlToc('/repo/toc.yml', text).problems, []);
  });

  it('reads a table of contents whose root is a mapping with items', () => {
    assert.deepEqual(linksOf('items:\n  - name: A\n    href: a.md\n'), ['2:10-2:14 a.md [a.md]']);
  });

  it('reports invalid YAML and items of the wrong shape at their place, and keeps the links it can read', () => {
    const broken = parseYamlToc('/repo/toc.yml', '- name: A\n  href: [a.md\n');
    assert.equal(broken.problems.length > 0, true);
    assert.match(broken.problems[0]?.message ?? '', /not valid YAML/);
    const shapes = parseYamlToc('/repo/toc.yml', '- just a name\n- name: B\n  href: { path: b.md }\n  items: 3\n- name: C\n  href: c.md\n');
    assert.deepEqual(shapes.problems.map((problem) => `${problem.range.start.line}: ${problem.message}`), [
      '0: A table of contents item must be a mapping with "name" and "href" (or "items").',
      '2: "href" must be a path or URL.',
      '3: "items" must be a list of table of contents items.',
    ]);
    assert.deepEqual(shapes.links.map((link) => link.url), ['c.md']);
  });

  it('never throws, and every link range lies inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('-', ' ', '\n', 'href: ', 'items:', 'name: x', '[', ']', '{', '}', '"', "'", 'a.md', '#', ':') }), (text) => {
        const file = parseYamlToc('/repo/toc.yml', text);
        for (const link of file.links) assert.ok(file.document.offsetAt(link.urlRange.end) <= text.length);
      }),
    );
  });

  it('are tables of contents of their docset: the link rules check their hrefs, which are dependencies; a toc.yml outside every docset is not read', async () => {
    const fs = new InMemoryFileSystem({
      '/repo/.openpublishing.publish.config.json': JSON.stringify({ docsets_to_publish: [{ docset_name: 'docs', build_source_folder: 'docs' }] }),
      '/repo/docs/docfx.json': JSON.stringify({ build: { content: [{ files: ['**/*.md', '**/*.yml'] }] } }),
      '/repo/docs/TOC.yml': '- name: Setup\n  href: setup.md\n- name: Missing\n  href: missing.md\n- name: Section\n  href: section/\n',
      '/repo/docs/setup.md': '---\ntitle: T\n---\n\n# T\n',
      '/repo/docs/section/toc.yml': '- name: Up\n  href: ../Setup.md\n',
      '/repo/tools/toc.yml': '- name: Not published\n  href: nowhere.md\n',
    });
    const engine = new Engine({ fs, today });
    const kb = await engine.openKb('/repo');
    assert.deepEqual([kb.kindOf('/repo/docs/TOC.yml'), kb.kindOf('/repo/docs/section/toc.yml'), kb.kindOf('/repo/tools/toc.yml')], ['toc', 'toc', undefined]);
    const findings = (path: string): string[] => engine.check(kb, path).map((finding) => `${finding.ruleId}@${finding.range.start.line}:${finding.range.start.character}`);
    assert.deepEqual(findings('/repo/docs/TOC.yml'), ['link-target@3:8']);
    assert.deepEqual(findings('/repo/docs/section/toc.yml'), ['link-case@1:8']);
    // Creating the missing page re-checks the table of contents that links it.
    assert.deepEqual(kb.dependencies.dependentsOf({ path: '/repo/docs/missing.md', kind: 'article', level: 'existence' }), ['/repo/docs/TOC.yml']);
  });
});
