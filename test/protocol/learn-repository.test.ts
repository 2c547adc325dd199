import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DefinitionRequest, FileChangeType, type Hover, HoverRequest, type Location, type MarkupContent } from 'vscode-languageserver/node.js';
import { LspTestClient, PUSH_CLIENT, today, writeTempKb } from './lsp-client.js';

const DOCFX = `{
  "build": {
    "content": [{ "files": ["**/*.md"], "exclude": ["**/includes/**"] }],
    "globalMetadata": {
      "ms.topic": "conceptual",
      "ms.author": "docs-team"
    },
    "fileMetadata": {
      "ms.date": { "articles/**.md": "${today()}" }
    }
  }
}
`;

const ARTICLE = `---
title: Set up the add-in
description: How to set up the add-in.
ms.author: writer
---

# Set up the add-in

Text.
`;

describe('language server over stdio: a Learn repository without kb.config.json', () => {
  const repository = writeTempKb({
    '.openpublishing.publish.config.json': JSON.stringify({ docsets_to_publish: [{ docset_name: 'docs', build_source_folder: 'docs' }] }),
    'docs/docfx.json': DOCFX,
    'docs/articles/setup.md': ARTICLE,
  });
  const client = new LspTestClient();
  const article = repository.uri('docs/articles/setup.md');
  const request = <R>(type: { method: string }, params: object): Promise<R> => client.connection.sendRequest(type.method, params) as Promise<R>;

  before(async () => {
    // The workspace folder is the docset folder: the server finds the repository above it.
    await client.initialize([repository.file('docs')], PUSH_CLIENT);
    await client.open(article, ARTICLE);
  });
  after(async () => {
    await client.dispose();
    repository.remove();
  });

  it('checks the article against the metadata docfx.json supplies', async () => {
    const diagnostics = await client.diagnostics(article);
    assert.deepEqual(diagnostics.filter((diagnostic) => String(diagnostic.code).startsWith('frontmatter')), []);
  });

  it('says on a front matter key which docfx.json value it overrides, and goes there', async () => {
    const hover = await request<Hover>(HoverRequest.type, { textDocument: { uri: article }, position: { line: 3, character: 3 } });
    assert.match((hover.contents as MarkupContent).value, /overrides `docs-team` from docs\/docfx\.json line 6 \(globalMetadata\)/);
    const locations = await request<Location[]>(DefinitionRequest.type, { textDocument: { uri: article }, position: { line: 3, character: 3 } });
    assert.deepEqual(locations.map((location) => [location.uri, location.range.start.line]), [[repository.uri('docs/docfx.json'), 5]]);
  });

  it('lists on the opening --- where the missing keys come from, and goes to each', async () => {
    const hover = await request<Hover>(HoverRequest.type, { textDocument: { uri: article }, position: { line: 0, character: 1 } });
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /`ms\.topic`: `conceptual` from docs\/docfx\.json line 5 \(globalMetadata\)/);
    assert.match(value, /`ms\.date`: `[\d/]+` from docs\/docfx\.json line 9 \(fileMetadata, glob "articles\/\*\*\.md"\)/);
    const locations = await request<Location[]>(DefinitionRequest.type, { textDocument: { uri: article }, position: { line: 0, character: 1 } });
    assert.deepEqual(locations.map((location) => location.range.start.line).sort(), [4, 8]);
  });

  it('reads docfx.json again when it changes on disk', async () => {
    repository.write('docs/docfx.json', DOCFX.replace(/"ms\.date": \{[^}]*\}/, '"other": {}'));
    await client.filesChanged([{ uri: repository.uri('docs/docfx.json'), type: FileChangeType.Changed }]);
    const diagnostics = await client.diagnostics(article, (list) => list.some((diagnostic) => diagnostic.code === 'frontmatter-required'));
    assert.deepEqual(diagnostics.filter((diagnostic) => diagnostic.code === 'frontmatter-required').map((diagnostic) => diagnostic.message), ['Missing front matter key "ms.date".']);
  });
});
