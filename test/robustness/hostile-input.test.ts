import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BINARY_FILE, EntryKind, KbConfig } from '../../server/src/core/index.js';
import {
  Engine,
  type Finding,
  InMemoryFileSystem,
  type KbFileSystem,
  parseConfig,
  TextDocument,
} from '../../server/src/core/index.js';
import { applyEdits } from '../support/rule-fixtures.js';
import { assertSound, corpusSamples, FIXTURE_TODAY, KB_ROOT, KbUnderTest, RecordingFileSystem } from './support.js';

const ARTICLE = `${KB_ROOT}/articles/hostile.md`;

const FRONT_MATTER = '---\ntitle: Hostile input\ndescription: A test article.\nms.topic: troubleshooting\nms.date: 01/02/2025\nappliesto:\n  - Lync 2010\n---\n';

let shared: Promise<KbUnderTest> | undefined;

/** Checks `text` as an article of the repository's KB with every rule, failing on a rule failure or an unusable range. */
async function checkArticle(text: string, path = ARTICLE): Promise<Finding[]> {
  shared ??= KbUnderTest.load();
  const results = (await shared).check({ [path]: text });
  assertSound(results, { [path]: text });
  return results.get(path) ?? [];
}

function ruleIds(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((finding) => finding.ruleId))].sort();
}

/** Findings as `rule@line:start-line:end`, to compare two versions of a text. */
function positions(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.ruleId}@${finding.range.start.line}:${finding.range.start.character}-${finding.range.end.line}:${finding.range.end.character}`).sort();
}

/** A YAML "billion laughs": nine aliases of nine aliases, nine levels deep. */
function yamlBomb(): string {
  const names = [...'abcdefghi'];
  return names.map((name, level) => `${name}: &${name} [${Array.from({ length: 9 }, () => (level === 0 ? '"lol"' : `*${names[level - 1] ?? ''}`)).join(',')}]`).join('\n');
}

describe('hostile and broken input', () => {
  it('an empty article gets findings, not a crash', async () => {
    const findings = await checkArticle('');
    assert.ok(ruleIds(findings).includes('frontmatter-invalid'), JSON.stringify(ruleIds(findings)));
  });

  it('an article with only front matter gets findings for what it lacks', async () => {
    for (const text of [FRONT_MATTER, FRONT_MATTER.trimEnd(), '---\n---\n', '---\n---', '---\n', '---']) {
      const findings = await checkArticle(text);
      assert.ok(findings.length > 0, JSON.stringify(text));
    }
    assert.ok(ruleIds(await checkArticle(FRONT_MATTER)).includes('heading-single-h1'));
  });

  it('a byte order mark moves nothing but the first line', async () => {
    for (const sample of corpusSamples().values()) {
      const plain = await checkArticle(sample);
      const marked = await checkArticle(`\uFEFF${sample}`);
      const withoutMark = (position: string): string => position.replace(/@0:(\d+)-0:(\d+)$/, (_all, start: string, end: string) => `@0:${Number(start) - 1}-0:${Number(end) - 1}`);
      assert.deepEqual(positions(marked).map(withoutMark), positions(plain));
      assert.ok(!ruleIds(marked).includes('frontmatter-invalid'), 'the front matter after a BOM is still read');
    }
  });

  it('CRLF and mixed line endings give the same ranges as LF', async () => {
    for (const sample of corpusSamples().values()) {
      const expected = positions(await checkArticle(sample));
      const lines = sample.split('\n');
      const crlf = lines.join('\r\n');
      const mixed = lines.map((line, index) => line + (index === lines.length - 1 ? '' : index % 3 === 0 ? '\r\n' : '\n')).join('');
      assert.deepEqual(positions(await checkArticle(crlf)), expected, 'CRLF');
      assert.deepEqual(positions(await checkArticle(mixed)), expected, 'mixed');
    }
  });

  it('a lone CR ends a line, as the protocol and editors count lines', async () => {
    const text = `${FRONT_MATTER}\n# Title\r\rSee [missing](missing.md).\r`;
    const findings = await checkArticle(text);
    const link = findings.find((finding) => finding.ruleId === 'link-target');
    assert.ok(link, JSON.stringify(findings));
    assert.equal(link.range.start.line, new TextDocument(ARTICLE, `${FRONT_MATTER}\n# Title\n\nSee [missing](missing.md).\n`).positionAt(text.indexOf('missing.md')).line);
  });

  it('a 1 MB single line (an embedded image) is checked', async () => {
    const payload = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg'.repeat(11_000).slice(0, 1 << 20);
    const findings = await checkArticle(`${FRONT_MATTER}\n# Title\n\n![Screenshot](data:image/png;base64,${payload}) and [missing](missing.md)\n`);
    assert.ok(ruleIds(findings).includes('link-target'), JSON.stringify(ruleIds(findings)));
  });

  it('10,000 nested block quotes or lists (or 300 indented ones) are reported as not checked, without parsing them', async () => {
    const indented = Array.from({ length: 300 }, (_, level) => `${'  '.repeat(level)}- level ${level}`).join('\n');
    for (const nesting of ['>'.repeat(10_000), '> '.repeat(10_000), '- '.repeat(10_000), '1. '.repeat(10_000), '> - '.repeat(5_000), indented]) {
      const findings = await checkArticle(`${FRONT_MATTER}\n# Title\n\n${nesting}deep\n`);
      assert.deepEqual(findings.map((finding) => finding.ruleId), ['file-unreadable']);
      assert.match(findings[0]?.message ?? '', /nest/);
    }
  });

  it('100 nested block quotes and lists are still checked', async () => {
    const findings = await checkArticle(`${FRONT_MATTER}\n# Title\n\n${'> - '.repeat(50)}[missing](missing.md)\n`);
    assert.ok(ruleIds(findings).includes('link-target'), JSON.stringify(ruleIds(findings)));
  });

  it('a YAML alias bomb in front matter is rejected with a finding', async () => {
    const findings = await checkArticle(`---\n${yamlBomb()}\n---\n\n# Title\n`);
    const invalid = findings.find((finding) => finding.ruleId === 'frontmatter-invalid');
    assert.match(invalid?.message ?? '', /alias/i);
  });

  it('a YAML alias bomb in a glossary entry or the step catalog is rejected with a finding', async () => {
    const kb = await KbUnderTest.load();
    const glossary = `${KB_ROOT}/glossary/bomb.md`;
    const catalog = `${KB_ROOT}/steps/bomb.yaml`;
    const files = { [glossary]: `---\n${yamlBomb()}\n---\n\nBoom.\n`, [catalog]: `${yamlBomb()}\n` };
    const results = kb.check(files);
    assertSound(results, files);
    assert.ok((results.get(glossary) ?? []).length > 0, 'glossary entry');
    assert.ok((results.get(catalog) ?? []).length > 0, 'step catalog');
  });

  it('deeply nested front matter YAML is rejected with a finding', async () => {
    const findings = await checkArticle(`---\ntitle: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n\n# Title\n`);
    assert.ok(findings.length > 0);
  });
});

describe('a hostile kb.config.json', () => {
  const CONFIG = `${KB_ROOT}/kb.config.json`;

  async function loadWithConfig(config: string, extra: Record<string, string> = {}): Promise<{ config: Finding[]; article: Finding[]; kbConfig: KbConfig }> {
    const article = `${KB_ROOT}/articles/a.md`;
    const files = { [CONFIG]: config, [article]: `${FRONT_MATTER}\n# Title\n\n## Symptoms\n\nx\n`, ...extra };
    const engine = new Engine({ fs: new InMemoryFileSystem(files), today: () => FIXTURE_TODAY });
    const kb = await engine.openKb(KB_ROOT);
    const results = engine.checkAll(kb);
    assertSound(results, files);
    return { config: results.get(CONFIG) ?? [], article: results.get(article) ?? [], kbConfig: kb.config };
  }

  it('wrong types and unknown keys: a config-invalid finding each, and the defaults', async () => {
    const wrong = JSON.stringify({
      articles: 5, scenarios: [1, 2], exclude: 'x', glossary: [], rules: 'off', frontMatter: { required: 'title' },
      sections: [{}], staleAfterDays: -1, useBundledKb: 'yes', unknown: true,
    });
    // Written as text: in an object literal, __proto__ would set the prototype instead of making a key.
    const { config, kbConfig } = await loadWithConfig(`${wrong.slice(0, -1)}, "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } }}`);
    assert.ok(config.length >= 10, config.map((finding) => finding.message).join('\n'));
    assert.ok(config.every((finding) => finding.ruleId === 'config-invalid'));
    assert.deepEqual(kbConfig.articles, ['**/*.md']);
    assert.equal(kbConfig.staleAfterDays, 730);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'the config must not reach Object.prototype');
  });

  it('a YAML alias bomb is not JSON: reported, defaults used', async () => {
    const { config, kbConfig } = await loadWithConfig(yamlBomb());
    assert.ok(config.length > 0);
    assert.deepEqual(kbConfig.articles, ['**/*.md']);
  });

  it('100,000 nested arrays or objects: reported, defaults used, no stack overflow', async () => {
    for (const text of [`{"articles": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`]) {
      const loaded = parseConfig(CONFIG, text);
      assert.ok(loaded.problems.length > 0);
      const { config, kbConfig } = await loadWithConfig(text);
      assert.ok(config.length > 0);
      assert.deepEqual(kbConfig.articles, ['**/*.md']);
    }
  });

  it('globs that would backtrack for ever are rejected with a finding', async () => {
    const path = `${KB_ROOT}/${'a'.repeat(60)}.md`;
    for (const glob of ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', '+(+(a)*)*.md', '*(a|a)*(a|a)x', '?*?*?*?*b', '**/a*/**/a*/**/b']) {
      for (const key of ['articles', 'exclude', 'scenarios']) {
        const { config, kbConfig } = await loadWithConfig(JSON.stringify({ [key]: [glob] }), { [path]: `${FRONT_MATTER}\n# Title\n` });
        assert.ok(config.some((finding) => finding.message.includes(glob)), `${key}: ${glob}: ${config.map((finding) => finding.message).join(' | ')}`);
        assert.ok(!(kbConfig as unknown as Record<string, readonly string[]>)[key]?.includes(glob));
      }
    }
  });

  it('repeated ** segments are harmless data and still match', async () => {
    const { config, article } = await loadWithConfig(JSON.stringify({ articles: [Array.from({ length: 50 }, () => '**').join('/') + '/*.md'] }));
    assert.deepEqual(config, []);
    assert.ok(article.length > 0, 'the article is still checked');
  });

  it('a glob longer than the matcher accepts is reported, not thrown', async () => {
    const { config } = await loadWithConfig(JSON.stringify({ exclude: ['a'.repeat(70_000)] }));
    assert.ok(config.length > 0);
  });
});

describe('links that leave the KB', () => {
  const ESCAPES = [
    '../../../../etc/passwd',
    '..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '..\\..\\..\\..\\etc\\passwd',
    'a/../../../../../etc/passwd',
    'file:///etc/passwd',
    'FILE:///etc/passwd',
    'file://localhost/etc/passwd',
    'C:\\Windows\\win.ini',
    'c:/Windows/win.ini',
    '\\\\server\\share\\secret.md',
    '/etc/passwd',
    '/home/writer/notes.md',
    '/Users/writer/notes.md',
  ];

  function hostileArticle(): string {
    const lines = ESCAPES.flatMap((url) => [`[link](${url})`, `![image](${url})`, `[ref]: ${url}`.replace('[ref]', `[ref${ESCAPES.indexOf(url)}]`), `:::image type="content" source="${url}" alt-text="An image.":::`, `[!INCLUDE [include](${url})]`]);
    return `${FRONT_MATTER}\n# Title\n\n${lines.join('\n\n')}\n`;
  }

  it('are each reported as link-outside-kb', async () => {
    const text = hostileArticle();
    const findings = (await checkArticle(text)).filter((finding) => finding.ruleId === 'link-outside-kb');
    const document = new TextDocument(ARTICLE, text);
    const reported = new Set(findings.map((finding) => document.text.slice(document.offsetAt(finding.range.start), document.offsetAt(finding.range.end))));
    for (const url of ESCAPES) assert.ok(reported.has(url), `${url} is not reported (reported: ${[...reported].join(', ')})`);
  });

  it('are never read: the engine reads nothing outside the KB root', async () => {
    const secret = 'SECRET: must never be read';
    const inner = new InMemoryFileSystem({
      '/etc/passwd': secret,
      '/server/share/secret.md': secret,
      '/secret.md': secret,
      [`${KB_ROOT}/kb.config.json`]: '{}',
      [`${KB_ROOT}/articles/hostile.md`]: hostileArticle(),
      [`${KB_ROOT}/articles/site-root.md`]: `${FRONT_MATTER}\n# Title\n\n[root](/etc/passwd) [up](../../secret.md) [protocol-relative](//server/share/secret.md)\n`,
    });
    const fs = new RecordingFileSystem(inner);
    const engine = new Engine({ fs, today: () => FIXTURE_TODAY });
    const kb = await engine.openKb(KB_ROOT);
    const results = engine.checkAll(kb);
    assert.ok(results.size >= 2);
    for (const findings of results.values()) assert.ok(findings.every((finding) => !finding.message.includes(secret)));
    assert.deepEqual(fs.read.filter((path) => !path.startsWith(`${KB_ROOT}/`)), []);
  });
});

describe('files that change while they are indexed', () => {
  /** Lists `files`, then runs `afterListing` before any file is read: a deletion or rename in between. */
  class RacingFileSystem implements KbFileSystem {
    constructor(
      private readonly inner: InMemoryFileSystem,
      private readonly afterListing: (fs: InMemoryFileSystem) => void,
    ) {}

    async listFiles(root: string, skipFolders: readonly string[]): Promise<readonly string[]> {
      const listed = await this.inner.listFiles(root, skipFolders);
      this.afterListing(this.inner);
      return listed;
    }

    readText(path: string): Promise<string | typeof BINARY_FILE | undefined> {
      return this.inner.readText(path);
    }

    entryKind(path: string): Promise<EntryKind | undefined> {
      return this.inner.entryKind(path);
    }
  }

  const files = (): Record<string, string> => ({
    [`${KB_ROOT}/articles/stays.md`]: `${FRONT_MATTER}\n# Stays\n\n[gone](gone.md) [renamed](renamed.md)\n`,
    [`${KB_ROOT}/articles/gone.md`]: `${FRONT_MATTER}\n# Gone\n`,
    [`${KB_ROOT}/articles/renamed.md`]: `${FRONT_MATTER}\n# Renamed\n`,
    [`${KB_ROOT}/glossary/gone-term.md`]: '---\nterm: Gone term\n---\n\nA term deleted while indexed.\n',
  });

  it('a file deleted or renamed between listing and reading is reported at most as unreadable; the rest is checked', async () => {
    const fs = new RacingFileSystem(new InMemoryFileSystem(files()), (inner) => {
      inner.delete(`${KB_ROOT}/articles/gone.md`);
      inner.delete(`${KB_ROOT}/glossary/gone-term.md`);
      const renamed = `${KB_ROOT}/articles/renamed.md`;
      inner.write(`${KB_ROOT}/articles/renamed-now.md`, `${FRONT_MATTER}\n# Renamed\n`);
      inner.delete(renamed);
    });
    const engine = new Engine({ fs, today: () => FIXTURE_TODAY });
    const kb = await engine.openKb(KB_ROOT);
    const results = engine.checkAll(kb);
    assertSound(results, files());
    assert.ok((results.get(`${KB_ROOT}/articles/stays.md`) ?? []).some((finding) => finding.ruleId === 'frontmatter-required' || finding.ruleId === 'section-required'));
    for (const path of [`${KB_ROOT}/articles/gone.md`, `${KB_ROOT}/articles/renamed.md`, `${KB_ROOT}/glossary/gone-term.md`]) {
      assert.ok((results.get(path) ?? []).every((finding) => finding.ruleId === 'file-unreadable'), path);
    }
  });

  it('a KB whose folder is gone opens empty', async () => {
    const engine = new Engine({ fs: new InMemoryFileSystem({}), today: () => FIXTURE_TODAY });
    const kb = await engine.openKb(KB_ROOT);
    assert.deepEqual([...engine.checkAll(kb).keys()], []);
    assert.deepEqual(await engine.findKbRoots(KB_ROOT), []);
    assert.equal(await engine.findEnclosingKbRoot(`${KB_ROOT}/articles/a.md`), undefined);
  });

  it('a file removed from a loaded KB (an editor closing a deleted file) is no longer checked', async () => {
    const fs = new InMemoryFileSystem(files());
    const engine = new Engine({ fs, today: () => FIXTURE_TODAY });
    const kb = await engine.openKb(KB_ROOT);
    kb.setText(`${KB_ROOT}/articles/gone.md`, undefined);
    kb.setText(`${KB_ROOT}/glossary/gone-term.md`, undefined);
    const results = engine.checkAll(kb);
    assert.ok(!results.has(`${KB_ROOT}/articles/gone.md`));
    assert.ok((results.get(`${KB_ROOT}/articles/stays.md`) ?? []).some((finding) => finding.ruleId === 'link-target' && finding.message.includes('gone.md')));
  });
});

describe('the fixes of a BOM or CRLF file', () => {
  it('keep the byte order mark and the line endings', async () => {
    const kb = await KbUnderTest.load();
    const text = `\uFEFF${'---\r\ntitle: T\r\n---\r\n\r\nThe outlook anywhere setting.\r\n'}`;
    const findings = kb.check({ [ARTICLE]: text }).get(ARTICLE) ?? [];
    const edits = findings.flatMap((finding) => finding.fixes?.[0]?.edits ?? []);
    assert.ok(edits.length > 0);
    const fixed = applyEdits(text, edits);
    assert.ok(fixed.startsWith('\uFEFF---\r\n'));
    assert.equal(fixed.replace(/\r\n/g, '').includes('\n'), false, `a bare LF was inserted: ${JSON.stringify(fixed)}`);
  });
});
