import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type Hover, HoverRequest, type MarkupContent } from 'vscode-languageserver/node.js';
import { frontMatter, LspTestClient, writeTempKb } from '../protocol/lsp-client.js';

const ARTICLE = `${frontMatter('Prompt')}
# Prompt

## Symptoms

Outlook asks for credentials after Autodiscover finds the server.

## Cause

Text.

## Resolution

Text.
`;

/** Where the article names a term of the bundled glossary, for a hover. */
const TERM = (() => {
  const lines = ARTICLE.split('\n');
  const line = lines.findIndex((text) => text.includes('Autodiscover'));
  return { line, character: (lines[line] ?? '').indexOf('Autodiscover') + 3 };
})();

/** Knowledge a stranger wrote, each file of a kind whose patterns, phrasings or model the engine would run. */
const HOSTILE_KNOWLEDGE: Readonly<Record<string, string>> = {
  // A pattern RE2 refuses (look-around), and one that backtracks for minutes on a backtracking engine.
  'claims/slow.md': '---\nid: slow\nwhen:\n  - "(?<=a)b"\n  - "(?:a|a)*c"\nmessage: Slow.\nsee: ../articles/prompt.md#cause\n---\n\nText.\n',
  // Nine placeholders of ten values each: a billion phrasings.
  'steps/bomb.yaml': ['steps:', '  - id: bomb', '    kind: given', `    phrasing: ${[...'abcdefghi'].map((name) => `<${name}>`).join(' ')}`, '    placeholders:', ...[...'abcdefghi'].map((name) => `      ${name}: [${Array.from({ length: 10 }, (_, index) => `v${index}`).join(', ')}]`), '    fact: location', '    value: remote', ''].join('\n'),
  'models/broken.yaml': 'id: broken\nconditions: [\n',
  'glossary/term.md': '---\nterm: Widget\navoid: [widgit]\n---\n\nA widget.\n',
};

/** Brace groups without a wildcard: matching them backtracks exponentially on a path that fails at its end. */
const BRACES = `${'{a,a}'.repeat(40)}x`;

describe('language server in an untrusted workspace', () => {
  const cleanups: Array<() => void> = [];
  after(() => {
    for (const cleanup of cleanups) cleanup();
  });

  async function untrusted(files: Readonly<Record<string, string>>, folder = ''): Promise<{ client: LspTestClient; kb: ReturnType<typeof writeTempKb> }> {
    const kb = writeTempKb(files);
    cleanups.push(() => kb.remove());
    const client = new LspTestClient();
    await client.initialize([folder === '' ? kb.root : kb.file(folder)], undefined, { trusted: false });
    // Checked: a deadline long enough for a busy machine; what the test asserts is what was checked, not how fast.
    await client.status((status) => status.busy === false && Number(status.files) > 0, 120_000);
    return { client, kb };
  }

  it('neither reads nor checks the KB\'s own claims, step catalogs, models and glossary, and checks its articles with the bundled knowledge', async () => {
    const { client, kb } = await untrusted({ 'kb.config.json': '{}', 'articles/prompt.md': ARTICLE, 'articles/long-name-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.md': ARTICLE, ...HOSTILE_KNOWLEDGE });
    try {
      for (const file of Object.keys(HOSTILE_KNOWLEDGE)) assert.deepEqual(client.published.get(kb.uri(file))?.diagnostics ?? [], [], file);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: kb.uri('articles/prompt.md') }, position: TERM }) as Hover | null;
      assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /Autodiscover/i, 'the bundled glossary answers');
    } finally {
      await client.dispose();
    }
  });

  it('ignores a repository\'s docfx.json globs that could run for hours, says so on the file, and keeps answering', async () => {
    const docfx = JSON.stringify({ build: { content: [{ files: ['**/*.md', BRACES], exclude: [BRACES] }], fileMetadata: { 'ms.topic': { [BRACES]: 'faq' } } } }, undefined, 2);
    const { client, kb } = await untrusted({
      '.openpublishing.publish.config.json': JSON.stringify({ docsets_to_publish: [{ docset_name: 'docs', build_source_folder: 'docs' }] }),
      'docs/docfx.json': docfx,
      'docs/articles/prompt.md': ARTICLE,
      // A path the brace globs fail on only at its end.
      [`docs/${'a'.repeat(42)}.md`]: ARTICLE,
    }, 'docs');
    try {
      const problems = (await client.currentDiagnostics(kb.uri('docs/docfx.json'), (items) => items.length > 0)).map((diagnostic) => diagnostic.message);
      assert.equal(problems.length, 3);
      for (const message of problems) assert.match(message, /brace groups.*it is ignored/);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: kb.uri('docs/articles/prompt.md') }, position: TERM }) as Hover | null;
      assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /Autodiscover/i);
    } finally {
      await client.dispose();
    }
  });
});
