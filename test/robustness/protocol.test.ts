import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  CancellationTokenSource,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  type DocumentDiagnosticReport,
  type Hover,
  LSPErrorCodes,
  ResponseError,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver/node.js';
import { Engine, type Finding, InMemoryFileSystem, TextDocument } from '../../server/src/core/index.js';
import { frontMatter, LspTestClient, PULL_CLIENT, writeTempKb } from '../protocol/lsp-client.js';
import { applyEdits } from '../support/rule-fixtures.js';
import { markdownFile } from './arbitraries.js';
import { propertyContext } from './properties.js';
import { BUNDLED_KB_FOLDER, readFolder } from './support.js';

/** The article's spelling finding comes from the bundled glossary, which reports spellings only on request. */
const CONFIG = '{ "bundledGlossarySpelling": true }\n';

const ARTICLE = `${frontMatter('Robust server')}
# Robust server

## Symptoms

The Outlook anywhere setting decides who prompts. See [the cause](#cause).

## Cause

Text.

## Resolution

Text.
`;

/** Runs of the edit property (each opens a new document and ends with a fresh check), from a fixed seed. */
const RUNS = 8;
const SEED = 20261125;

function sameFindings(diagnostics: readonly Diagnostic[], findings: readonly Finding[]): { actual: string[]; expected: string[] } {
  const key = (code: unknown, range: Finding['range'], message: string): string => `${String(code)} ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${message}`;
  return {
    actual: diagnostics.map((diagnostic) => key(diagnostic.code, diagnostic.range, diagnostic.message)).sort(),
    expected: findings.map((finding) => key(finding.ruleId, finding.range, finding.message)).sort(),
  };
}

describe('language server robustness over stdio', () => {
  const kb = writeTempKb({ 'kb.config.json': CONFIG, 'articles/article.md': ARTICLE });
  const client = new LspTestClient();
  const uri = kb.uri('articles/article.md');
  const bundled = readFolder(BUNDLED_KB_FOLDER, '/bundled');

  /**
   * The findings of a KB loaded fresh with `text` as the article at `relative`.
   * In memory, as the server holds an open buffer: a text with a NUL is a
   * binary file on disk but text in an editor.
   */
  async function freshCheck(relative: string, text: string): Promise<Finding[]> {
    const fs = new InMemoryFileSystem({ ...bundled, '/kb/kb.config.json': CONFIG, [`/kb/${relative}`]: text });
    const engine = new Engine({ fs, today: () => new Date(), bundledRoot: '/bundled' });
    return engine.check(await engine.openKb('/kb'), `/kb/${relative}`);
  }

  async function pull(documentUri: string): Promise<Diagnostic[]> {
    const report = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: documentUri } }) as DocumentDiagnosticReport;
    assert.equal(report.kind, 'full');
    return report.kind === 'full' ? report.items : [];
  }

  before(async () => {
    await client.initialize([kb.root], PULL_CLIENT);
    await client.open(uri, ARTICLE);
  });
  after(async () => {
    await client.dispose();
    kb.remove();
  });

  it('answers requests with broken parameters with an error or nothing, and keeps serving', async () => {
    const broken: Array<[string, unknown]> = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri: 'not a uri' }, position: { line: -5, character: 1e9 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 1e9, character: -1 } }],
      ['textDocument/completion', { textDocument: { uri: kb.uri('articles/not-open.md') }, position: { line: 0, character: 0 } }],
      ['textDocument/definition', { textDocument: { uri }, position: null }],
      ['textDocument/documentSymbol', { textDocument: null }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [{ data: 'garbage', range: null }] } }],
      ['textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 0 }, newName: '' }],
      ['workspace/executeCommand', { command: 'kb.no-such-command', arguments: [null, { x: 1 }] }],
      ['textDocument/diagnostic', { textDocument: { uri: 'file:///outside/every/kb.md' } }],
      ['kb/no-such-method', { any: 'thing' }],
    ];
    for (const [method, params] of broken) {
      await client.connection.sendRequest(method, params).then(
        () => undefined,
        (error: unknown) => assert.ok(error instanceof ResponseError, `${method}: ${String(error)}`),
      );
    }
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: kb.uri('articles/never-opened.md'), version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: null, contentChanges: null });

    const line = ARTICLE.split('\n').findIndex((text) => text.includes('Outlook anywhere'));
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: ARTICLE.split('\n')[line]?.indexOf('Outlook') ?? 0 } }) as Hover | null;
    assert.ok(hover !== null, 'the server still answers a hover');
    assert.deepEqual(sameFindings(await pull(uri), await freshCheck('articles/article.md', ARTICLE)).actual.length > 0, true);
  });

  // An empty report for a cancelled pull could be taken for "no problems": the protocol asks for RequestCancelled.
  it('answers a cancelled request with the RequestCancelled error', async () => {
    const first = await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] }) as WorkspaceDiagnosticReport;
    const previousResultIds = first.items.flatMap((item) => ('resultId' in item && item.resultId !== undefined ? [{ uri: item.uri, value: item.resultId }] : []));
    // With every result known, the server holds the request until something changes: cancellation is what ends it.
    const source = new CancellationTokenSource();
    const held = client.connection.sendRequest('workspace/diagnostic', { previousResultIds }, source.token);
    source.cancel();
    await assert.rejects(held, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
  });

  it('ends random sequences of incremental edits with the diagnostics of a fresh check of the final text', async () => {
    const { vocabulary } = await propertyContext();
    const snippet = fc.oneof(fc.constantFrom('', 'x', '\n', '\r\n', '# ', '## Cause\n', '](#nope)', '[link](missing.md)', 'Outlook anywhere ', '---\n', '```\n', '> ', '- '), markdownFile(vocabulary).map((text) => text.slice(0, 120)));
    const change = fc.record({ at: fc.nat(), length: fc.nat({ max: 40 }), text: snippet });
    let run = 0;
    await fc.assert(fc.asyncProperty(markdownFile(vocabulary), fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 15 }), async (initial, notifications) => {
      const relative = `articles/generated-${run++}.md`;
      const documentUri = kb.uri(relative);
      let text = initial;
      await client.open(documentUri, text);
      let version = 1;
      for (const changes of notifications) {
        // One notification may carry several changes, each applying to the text the previous one left.
        const contentChanges = changes.map(({ at, length, text: inserted }) => {
          const document = new TextDocument('/edit', text);
          const start = at % (text.length + 1);
          const range = document.rangeAt(start, Math.min(text.length, start + length));
          text = applyEdits(text, [{ range, newText: inserted }]);
          return { range, text: inserted };
        });
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: documentUri, version: ++version }, contentChanges });
      }
      const diagnostics = await pull(documentUri);
      await client.close(documentUri);
      const { actual, expected } = sameFindings(diagnostics, await freshCheck(relative, text));
      assert.deepEqual(actual, expected);
    }), { numRuns: RUNS, seed: SEED });
  });
});
