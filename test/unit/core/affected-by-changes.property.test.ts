/**
 * What `kb-lint --changed-since` relies on: the dependents that the text
 * prefilter lets the graph find without parsing the whole KB are among the
 * dependents the full index finds, and a pull-request check (the changed
 * files and those dependents) together with the base's findings for every
 * other file gives a full run's findings. Random small KBs reference each
 * other in every way a reference can be written (Markdown, HTML, includes,
 * images, Learn directives, folders, tables of contents; escapes,
 * percent-escapes, YAML's escapes, letter case),
 * and a random file is edited, created or deleted.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Engine, type Finding, InMemoryFileSystem, type KnowledgeBase } from '../../../server/src/core/index.js';

const today = (): Date => new Date(2026, 10, 25);

/** Every path a generated KB may hold; folders are link targets too. */
const PAGES = ['/kb/a.md', '/kb/sub/b.md', '/kb/sub/deep/c-1.md', '/kb/d e.md', '/kb/includes/i1.md', '/kb/includes/i2.md', '/kb/scenarios/s.scenario', '/kb/sub/toc.yml'];
const OTHER_TARGETS = ['/kb/media/x.png', '/kb/sub', '/kb/sub/deep', '/kb/new/n.md'];
const FRAGMENTS = ['', '#h1', '#cause', '#missing'];

/** A relative destination from `from` to `to`, written in one of the ways a build resolves to the same path. */
function destination(from: string, to: string, writing: number, fragment: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to) || '.';
  const name = path.posix.basename(relative);
  const folder = relative.slice(0, relative.length - name.length);
  switch (writing % 7) {
    case 0: return `${relative}${fragment}`;
    case 1: return `${relative.toUpperCase()}${fragment}`;
    case 2: return `${folder}${name.replace(/[.e]/, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)}${fragment}`;
    case 3: return `${folder}${name.replace(/[.-]/, (character) => `&#${character.charCodeAt(0)};`)}${fragment}`;
    case 4: return `${folder}${name.replace(/[.-]/, (character) => `\\${character}`)}${fragment}`;
    case 5: return `./${relative.replace(/ /g, '%20')}${fragment}`;
    default: return `${folder}${name.replace('.', '&period;')}${fragment}`;
  }
}

/** A destination from a YAML table of contents, plain or double-quoted with escapes YAML decodes: `\x`, `\u`, an escaped line break. */
function yamlDestination(from: string, to: string, writing: number, fragment: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to) || '.';
  const name = path.posix.basename(relative);
  const folder = relative.slice(0, relative.length - name.length);
  const hex = (character: string, digits: number): string => character.charCodeAt(0).toString(16).padStart(digits, '0');
  const middle = Math.ceil(name.length / 2);
  // The escapes stand inside the file's name, where the prefilter looks for it.
  switch (writing % 4) {
    case 0: return `${relative}${fragment}`;
    case 1: return `"${folder}${name.replace(/[.e]/, (character) => `\\x${hex(character, 2)}`)}${fragment}"`;
    case 2: return `"${folder}\\u${hex(name[0] ?? '.', 4)}${name.slice(1)}${fragment}"`;
    default: return `"${folder}${name.slice(0, middle)}\\\n      ${name.slice(middle)}${fragment}"`;
  }
}

const reference = fc.record({ form: fc.nat({ max: 6 }), target: fc.constantFrom(...PAGES, ...OTHER_TARGETS), writing: fc.nat({ max: 6 }), fragment: fc.constantFrom(...FRAGMENTS) });
const block = fc.oneof(fc.constantFrom('## H1', '## Cause', '<a name="h1"></a>', 'Plain text.'), reference);
type Block = string | { form: number; target: string; writing: number; fragment: string };

function markdownBlock(from: string, item: Block): string {
  if (typeof item === 'string') return item;
  const url = destination(from, item.target, item.writing, item.fragment);
  const angled = url.includes(' ') ? `<${url}>` : url;
  switch (item.form) {
    case 0: return `See [the page](${angled}).`;
    case 1: return `[ref]: ${angled}\n\nSee [ref].`;
    case 2: return `<a href="${url}">the page</a>`;
    case 3: return `[!INCLUDE [part](${angled})]`;
    case 4: return `![picture](${angled})`;
    case 5: return `:::image type="content" source="${url}" alt-text="A picture.":::`;
    default: return `Read ${path.posix.basename(item.target)} too.`;
  }
}

function fileText(file: string, blocks: readonly Block[]): string {
  if (file.endsWith('.yml')) {
    const items = blocks.flatMap((item) => (typeof item === 'string' ? [] : [`- name: "\\"Page\\" ${item.form}"\n  href: ${yamlDestination(file, item.target, item.writing, item.fragment)}`]));
    return `${items.join('\n')}\n`;
  }
  if (file.endsWith('.scenario')) return `@article:${blocks.length % 2 === 0 ? 'a.md' : 'sub/b.md'}\nFeature: F\n\n  Scenario: S\n    Given a step\n`;
  const body = blocks.map((item) => markdownBlock(file, item)).join('\n\n');
  return file.startsWith('/kb/includes/') ? `${body}\n` : `---\ntitle: T\ndescription: D\nms.topic: troubleshooting\nms.date: 11/20/2026\n---\n\n# T\n\n${body}\n`;
}

const kbFiles = fc.record(Object.fromEntries([...PAGES, '/kb/new/n.md'].map((file) => [file, fc.option(fc.array(block, { maxLength: 5 }), { nil: undefined, freq: 4 })])));
const change = fc.record({ file: fc.constantFrom(...PAGES, '/kb/new/n.md', '/kb/media/x.png'), blocks: fc.option(fc.array(block, { maxLength: 5 }), { nil: undefined, freq: 3 }) });

function filesOf(generated: Record<string, readonly Block[] | undefined>, withImage: boolean): Record<string, string> {
  const files: Record<string, string> = { '/kb/kb.config.json': '{ "articles": ["**/*.md", "!includes/**"] }' };
  for (const [file, blocks] of Object.entries(generated)) if (blocks !== undefined) files[file] = fileText(file, blocks);
  if (withImage) files['/kb/media/x.png'] = '';
  return files;
}

async function open(files: Record<string, string>): Promise<{ engine: Engine; kb: KnowledgeBase }> {
  const engine = new Engine({ fs: new InMemoryFileSystem(files), today });
  return { engine, kb: await engine.openKb('/kb') };
}

const findingsOf = (engine: Engine, kb: KnowledgeBase, files: readonly string[]): Map<string, Finding[]> => new Map(files.map((file) => [file, engine.check(kb, file)]));

describe('pull-request checks', () => {
  it('find the dependents the full index finds, and with the base findings give a full run\'s findings', async () => {
    await fc.assert(fc.asyncProperty(kbFiles, fc.boolean(), change, async (generated, withImage, { file, blocks }) => {
      const before = filesOf(generated, withImage);
      const after = { ...before };
      if (file === '/kb/media/x.png') {
        if (withImage) delete after[file];
        else after[file] = '';
      } else if (blocks === undefined) delete after[file];
      else after[file] = fileText(file, blocks);

      const base = await open(before);
      const full = await open(after);
      const pullRequest = await open(after);
      const changes = [{ path: file, kind: full.kb.kindOf(file), level: 'existence' as const }];
      const indexed = full.kb.dependencies.dependentsOf(changes[0]!);
      const prefiltered = pullRequest.kb.dependencies.dependentsOfChanges(changes);
      if (indexed === 'all' || prefiltered === 'all') {
        assert.equal(prefiltered, indexed);
        return;
      }
      // The index also names files linking to a folder that a change leaves in place; the prefilter knows the folder stays.
      assert.deepEqual(prefiltered.filter((path) => !indexed.includes(path)), [], 'dependents only the prefilter names');

      const checked = full.kb.checkedPaths();
      const affected = checked.filter((path) => path === file || prefiltered.includes(path));
      const fullRun = findingsOf(full.engine, full.kb, checked);
      const pullRequestRun = findingsOf(pullRequest.engine, pullRequest.kb, affected);
      const baseRun = findingsOf(base.engine, base.kb, checked.filter((path) => !affected.includes(path)));
      assert.deepEqual(new Map([...pullRequestRun, ...baseRun]), fullRun, 'the pull-request check and the base findings of unaffected files');
    }), { numRuns: 150 });
  });
});
