import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { type ClientCapabilities, type CompletionItem, CompletionRequest, type Diagnostic, FileChangeType, type FullDocumentDiagnosticReport, WorkspaceDiagnosticRequest } from 'vscode-languageserver/node.js';
import { codes, frontMatter, LspTestClient, PULL_CLIENT, PUSH_CLIENT, writeTempKb } from './lsp-client.js';

/** An article with a broken link (`link-target`) and an image without alternative text (`image-alt`). */
const ARTICLE = `${frontMatter('Prompt appears')}
# Prompt appears

## Symptoms

A prompt appears. See [the missing page](missing.md).

## Cause

The server asks for credentials.

## Resolution

Cache the credentials.

![](media/prompt.png)
`;

/** What the article reports with the default rules, and with `link-target` turned off. */
const BOTH = ['image-alt', 'link-target'];
const IMAGE_ONLY = ['image-alt'];

const LINK_TARGET_OFF = '{ "rules": { "link-target": "off" } }\n';

/** A KB folder whose own kb.config.json keeps the default rules. */
function kbFolder(extra: Readonly<Record<string, string>> = {}): ReturnType<typeof writeTempKb> {
  return writeTempKb({ 'kb.config.json': '{}\n', 'articles/prompt.md': ARTICLE, 'articles/media/prompt.png': 'not really a png', ...extra });
}

const has = (expected: readonly string[]) => (items: Diagnostic[]): boolean => JSON.stringify(codes(items)) === JSON.stringify(expected);

/** Tells the server that settings changed, the way VS Code does (the server asks for them again). */
async function settingsChanged(client: LspTestClient): Promise<void> {
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
}

describe('language server over stdio: kb.configPath', () => {
  const shared = writeTempKb({ 'team.json': LINK_TARGET_OFF, 'broken.json': '{ "rules": { "link-target": "loud" } }\n' });
  after(() => shared.remove());

  it('reads the folder\'s configuration from kb.configPath instead of its kb.config.json, and follows changes of the setting', async () => {
    const kb = kbFolder();
    const client = new LspTestClient();
    const prompt = kb.uri('articles/prompt.md');
    try {
      client.folderSettings.set(pathToFileURL(kb.root).href, { enable: true, configPath: shared.file('team.json') });
      await client.initialize([kb.root], PUSH_CLIENT);
      await client.open(prompt, ARTICLE);
      assert.deepEqual(codes(await client.currentDiagnostics(prompt, has(IMAGE_ONLY))), IMAGE_ONLY, 'the override turns link-target off');

      client.folderSettings.set(pathToFileURL(kb.root).href, { enable: true, configPath: '' });
      await settingsChanged(client);
      assert.deepEqual(codes(await client.diagnostics(prompt, has(BOTH))), BOTH, 'without it, the folder\'s kb.config.json counts again');

      client.folderSettings.set(pathToFileURL(kb.root).href, { enable: true, configPath: shared.file('team.json') });
      await settingsChanged(client);
      assert.deepEqual(codes(await client.diagnostics(prompt, has(IMAGE_ONLY))), IMAGE_ONLY);
    } finally {
      await client.dispose();
      kb.remove();
    }
  });

  it('reports problems of the configuration file on it, and re-checks when it is edited on disk', async () => {
    const kb = kbFolder({ 'config/team.json': '{ "rules": { "link-target": "loud" } }\n' });
    const client = new LspTestClient();
    const prompt = kb.uri('articles/prompt.md');
    const config = kb.uri('config/team.json');
    try {
      client.settings = { enable: true, configPath: '${workspaceFolder}/config/team.json' };
      await client.initialize([kb.root], PUSH_CLIENT);
      await client.open(prompt, ARTICLE);
      const problems = await client.currentDiagnostics(config, (items) => items.length > 0);
      assert.deepEqual(codes(problems), ['config-invalid']);
      assert.match(problems[0]?.message ?? '', /^"rules\.link-target" must be one of/);
      assert.deepEqual(codes(await client.currentDiagnostics(prompt, has(BOTH))), BOTH, 'the invalid key falls back to the default');

      kb.write('config/team.json', LINK_TARGET_OFF);
      await client.filesChanged([{ uri: config, type: FileChangeType.Changed }]);
      assert.deepEqual(codes(await client.diagnostics(prompt, has(IMAGE_ONLY))), IMAGE_ONLY);
      assert.deepEqual(await client.currentDiagnostics(config, (items) => items.length === 0), []);
    } finally {
      await client.dispose();
      kb.remove();
    }
  });

  it('reports a configuration file that cannot be read, checks with the defaults, and picks the file up once it exists', async () => {
    const kb = kbFolder({ 'kb.config.json': LINK_TARGET_OFF });
    const client = new LspTestClient();
    const prompt = kb.uri('articles/prompt.md');
    const missing = kb.uri('settings/kb.json');
    try {
      client.settings = { enable: true, configPath: 'settings/kb.json' };
      await client.initialize([kb.root], PUSH_CLIENT);
      await client.open(prompt, ARTICLE);
      const problems = await client.currentDiagnostics(missing, (items) => items.length > 0);
      assert.deepEqual(codes(problems), ['config-invalid']);
      assert.match(problems[0]?.message ?? '', /kb\.json does not exist or cannot be read/);
      assert.deepEqual(codes(await client.currentDiagnostics(prompt, has(BOTH))), BOTH, 'the defaults, not the folder\'s kb.config.json');
      const warning = client.messages.find((message) => message.message.includes(kb.file('settings/kb.json').split(path.sep).join('/')));
      assert.equal(warning?.type, 2, `a warning names the file: ${JSON.stringify(client.messages)}`);

      kb.write('settings/kb.json', LINK_TARGET_OFF);
      await client.filesChanged([{ uri: missing, type: FileChangeType.Created }]);
      assert.deepEqual(codes(await client.diagnostics(prompt, has(IMAGE_ONLY))), IMAGE_ONLY);
      assert.deepEqual(await client.currentDiagnostics(missing, (items) => items.length === 0), []);
    } finally {
      await client.dispose();
      kb.remove();
    }
  });

  it('asks the client to watch a configuration file outside the workspace folders, and re-checks when it changes', async () => {
    const kb = kbFolder();
    const outside = writeTempKb({ 'kb.json': LINK_TARGET_OFF });
    const client = new LspTestClient();
    const prompt = kb.uri('articles/prompt.md');
    const capabilities: ClientCapabilities = { ...PUSH_CLIENT, workspace: { ...PUSH_CLIENT.workspace, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } };
    try {
      client.settings = { enable: true, configPath: outside.file('kb.json') };
      await client.initialize([kb.root], capabilities);
      await client.open(prompt, ARTICLE);
      assert.deepEqual(codes(await client.currentDiagnostics(prompt, has(IMAGE_ONLY))), IMAGE_ONLY);
      const patterns = client.requests
        .filter((request) => request.method === 'client/registerCapability')
        .flatMap((request) => (request.params as { registrations: Array<{ method: string; registerOptions?: { watchers?: Array<{ globPattern: unknown }> } }> }).registrations)
        .filter((registration) => registration.method === 'workspace/didChangeWatchedFiles')
        .flatMap((registration) => registration.registerOptions?.watchers ?? [])
        .map((watcher) => watcher.globPattern);
      assert.deepEqual(patterns.filter((pattern) => typeof pattern !== 'string'), [{ baseUri: pathToFileURL(outside.root).href, pattern: 'kb.json' }]);

      outside.write('kb.json', '{}\n');
      await client.filesChanged([{ uri: outside.uri('kb.json'), type: FileChangeType.Changed }]);
      assert.deepEqual(codes(await client.diagnostics(prompt, has(BOTH))), BOTH);
    } finally {
      await client.dispose();
      kb.remove();
      outside.remove();
    }
  });

  it('reports the configuration file\'s problems in workspace/diagnostic to a pull client', async () => {
    const kb = kbFolder();
    const client = new LspTestClient();
    try {
      client.settings = { enable: true, configPath: shared.file('broken.json') };
      await client.initialize([kb.root], PULL_CLIENT);
      // The report waits for indexing to finish, so it holds every checked file.
      const report = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
      const config = report.items.find((item) => item.uri === shared.uri('broken.json'));
      assert.equal(config?.kind, 'full', report.items.map((item) => item.uri).join(', '));
      assert.deepEqual(codes((config as FullDocumentDiagnosticReport).items), ['config-invalid']);
    } finally {
      await client.dispose();
      kb.remove();
    }
  });

  it('takes kb.configPath from initializationOptions when the client cannot answer workspace/configuration', async () => {
    const kb = kbFolder();
    const client = new LspTestClient();
    const prompt = kb.uri('articles/prompt.md');
    const capabilities: ClientCapabilities = { ...PUSH_CLIENT, workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true } };
    try {
      await client.initialize([kb.root], capabilities, { settings: { kb: { configPath: shared.file('team.json') } } });
      await client.open(prompt, ARTICLE);
      assert.deepEqual(codes(await client.currentDiagnostics(prompt, has(IMAGE_ONLY))), IMAGE_ONLY);
      assert.equal(client.requestCount('workspace/configuration'), 0);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { kb: { configPath: '' } } });
      assert.deepEqual(codes(await client.diagnostics(prompt, has(BOTH))), BOTH);
    } finally {
      await client.dispose();
      kb.remove();
    }
  });
});

describe('language server over stdio: settings per workspace folder', () => {
  const glossary = '---\nterm: Widget Server\nsummary: The server that hands out widgets.\n---\n\nThe Widget Server hands out widgets.\n';
  const override = writeTempKb({ 'team.json': LINK_TARGET_OFF });
  after(() => override.remove());

  it('applies each folder\'s enable and configPath to its own files', async () => {
    const withOverride = kbFolder();
    const plain = kbFolder();
    const disabled = kbFolder();
    const client = new LspTestClient();
    const prompt = (kb: ReturnType<typeof writeTempKb>): string => kb.uri('articles/prompt.md');
    try {
      client.folderSettings.set(pathToFileURL(withOverride.root).href, { enable: true, configPath: override.file('team.json') });
      client.folderSettings.set(pathToFileURL(plain.root).href, { enable: true });
      client.folderSettings.set(pathToFileURL(disabled.root).href, { enable: false });
      await client.initialize([withOverride.root, plain.root, disabled.root], PUSH_CLIENT);
      await client.open(prompt(disabled), ARTICLE);
      await client.open(prompt(withOverride), ARTICLE);
      await client.open(prompt(plain), ARTICLE);
      assert.deepEqual(codes(await client.currentDiagnostics(prompt(withOverride), has(IMAGE_ONLY))), IMAGE_ONLY);
      assert.deepEqual(codes(await client.currentDiagnostics(prompt(plain), has(BOTH))), BOTH);
      assert.deepEqual(await client.currentDiagnostics(prompt(disabled)), [], 'a disabled folder reports nothing');

      client.folderSettings.set(pathToFileURL(disabled.root).href, { enable: true });
      await settingsChanged(client);
      assert.deepEqual(codes(await client.diagnostics(prompt(disabled), has(BOTH))), BOTH);
      assert.deepEqual(codes(client.published.get(prompt(withOverride))?.diagnostics ?? []), IMAGE_ONLY, 'the other folders keep their settings');
    } finally {
      await client.dispose();
      withOverride.remove();
      plain.remove();
      disabled.remove();
    }
  });

  it('proposes glossary terms only in the folders whose kb.completion.terms is on', async () => {
    const text = `${ARTICLE}\nThe Wid`;
    const on = kbFolder({ 'glossary/widget-server.md': glossary });
    const off = kbFolder({ 'glossary/widget-server.md': glossary });
    const client = new LspTestClient();
    try {
      client.folderSettings.set(pathToFileURL(off.root).href, { enable: true, completion: { terms: false } });
      await client.initialize([on.root, off.root], PUSH_CLIENT);
      const position = { line: text.split('\n').length - 1, character: 'The Wid'.length };
      const terms = async (kb: ReturnType<typeof writeTempKb>): Promise<string[]> => {
        await client.open(kb.uri('articles/prompt.md'), text);
        const items = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: kb.uri('articles/prompt.md') }, position }) as CompletionItem[] | null;
        return (items ?? []).map((item) => item.label).filter((label) => label === 'Widget Server');
      };
      assert.deepEqual(await terms(on), ['Widget Server']);
      assert.deepEqual(await terms(off), []);
    } finally {
      await client.dispose();
      on.remove();
      off.remove();
    }
  });

  it('gives files outside every workspace folder the window\'s settings', async () => {
    const folder = kbFolder();
    const elsewhere = kbFolder();
    const client = new LspTestClient();
    const inFolder = folder.uri('articles/prompt.md');
    const outside = elsewhere.uri('articles/prompt.md');
    try {
      client.settings = { enable: false };
      client.folderSettings.set(pathToFileURL(folder.root).href, { enable: true });
      await client.initialize([folder.root], PUSH_CLIENT);
      await client.open(outside, ARTICLE);
      await client.open(inFolder, ARTICLE);
      assert.deepEqual(codes(await client.currentDiagnostics(inFolder, has(BOTH))), BOTH);
      assert.deepEqual(await client.currentDiagnostics(outside), [], 'the window\'s kb.enable is off');

      client.settings = { enable: true };
      await settingsChanged(client);
      assert.deepEqual(codes(await client.currentDiagnostics(outside, has(BOTH))), BOTH);
    } finally {
      await client.dispose();
      folder.remove();
      elsewhere.remove();
    }
  });
});
