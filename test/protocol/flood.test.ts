import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { type Hover, HoverRequest, type Position } from 'vscode-languageserver/node.js';
import { Engine } from '../../server/src/core/index.js';
import * as path from 'node:path';
import { NodeFileSystem, toKbPath } from '../../server/src/node/node-file-system.js';
import { applyEdits, REPOSITORY_ROOT } from '../support/rule-fixtures.js';
import { codes, frontMatter, LspTestClient, PUSH_CLIENT, writeTempKb } from './lsp-client.js';

const ARTICLE = `${frontMatter('Typing fast')}
# Typing fast

## Symptoms

The Outlook Anywhere settings decide who prompts. See [the cause](#cause).

## Cause

Text.

## Resolution

Text.
`;

/** A random single-range edit inside the text (insert, delete, replace), as an editor sends them while typing. */
const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 6 }), text: fc.constantFrom('', 'x', '#', '\n', '](#nope)', '## Cause\n', 'Outlook anywhere ') });

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('language server over stdio: a flood of edits', () => {
  const kb = writeTempKb({ 'kb.config.json': '{}\n', 'articles/article.md': ARTICLE });
  const client = new LspTestClient();
  const uri = kb.uri('articles/article.md');

  before(async () => {
    await client.initialize([kb.root], PUSH_CLIENT);
    await client.open(uri, ARTICLE);
    await client.currentDiagnostics(uri);
  });
  after(async () => {
    await client.dispose();
    kb.remove();
  });

  it('stays responsive through 1,000 edits sent at once and ends with the diagnostics of a fresh check', async () => {
    let text = ARTICLE;
    const sent: Array<Promise<void>> = [];
    for (const { at, length, text: inserted } of fc.sample(edit, { numRuns: 1000, seed: 20261125 })) {
      const start = at % (text.length + 1);
      const end = Math.min(text.length, start + length);
      const range = { start: positionAt(text, start), end: positionAt(text, end) };
      text = applyEdits(text, [{ range, newText: inserted }]);
      sent.push(client.edit(uri, range, inserted));
    }
    // The server answers a hover while the edits are still being processed.
    const hover = client.connection.sendRequest(HoverRequest.method, { textDocument: { uri }, position: { line: 0, character: 0 } }) as Promise<Hover | null>;
    await Promise.all(sent);
    await hover;

    // One last edit that surely changes the findings, so its diagnostics are the ones to compare.
    const marker = '\n\n[final](#missing-anchor)\n';
    const end = positionAt(text, text.length);
    const published = client.diagnostics(uri, (diagnostics) => diagnostics.some((diagnostic) => diagnostic.message.includes('#missing-anchor')));
    await client.edit(uri, { start: end, end }, marker);
    text += marker;
    const diagnostics = await published;

    const copy = writeTempKb({ 'kb.config.json': '{}\n', 'articles/article.md': text });
    const engine = new Engine({ fs: new NodeFileSystem(), today: () => new Date(), bundledRoot: toKbPath(path.join(REPOSITORY_ROOT, 'kb')) });
    const fresh = engine.check(await engine.openKb(toKbPath(copy.root)), toKbPath(copy.file('articles/article.md')));
    copy.remove();
    assert.deepEqual(codes(diagnostics), fresh.map((finding) => finding.ruleId).sort());
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.range).sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character),
      fresh.map((finding) => finding.range).sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character));
  });
});
