import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS, DEFAULT_SETTINGS, STATUS_NOTIFICATION } from '../../server/src/lsp/protocol.js';
import { REPOSITORY_ROOT } from '../support/rule-fixtures.js';

interface Manifest {
  main: string;
  bin: Record<string, string>;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[] } };
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    configuration: { properties: Record<string, { default?: unknown; scope?: string; markdownDescription?: string }> };
    jsonValidation: Array<{ fileMatch: string; url: string }>;
  };
}

const manifest = JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as Manifest;
const read = (relative: string): string => readFileSync(path.join(REPOSITORY_ROOT, relative), 'utf8');

/** Field names of an exported interface, read from source text. */
function interfaceFields(source: string, name: string): string[] {
  const body = new RegExp(`export interface ${name} \\{([^}]*)\\}`).exec(source)?.[1] ?? '';
  return [...body.matchAll(/readonly (\w+)[?]?:/g)].map((match) => match[1] ?? '').sort();
}

describe('extension manifest and client', () => {
  it('contributes every command the client or the server registers, and no other', () => {
    const clientSource = read('client/src/extension.ts');
    const clientCommands = [...clientSource.matchAll(/: '(kb\.[A-Za-z]+)'/g)].map((match) => match[1]);
    const registered = new Set([...clientCommands, ...Object.values(COMMANDS)]);
    const contributed = new Set(manifest.contributes.commands.map((command) => command.command));
    assert.deepEqual([...contributed].sort(), [...registered].sort());
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'KB', `${command.command} is in the KB category`);
  });

  it('declares the settings the server reads, with the server defaults', () => {
    const properties = manifest.contributes.configuration.properties;
    const flatten = (value: object, prefix: string): Array<[string, unknown]> => Object.entries(value).flatMap(([key, item]) =>
      typeof item === 'object' && item !== null ? flatten(item as object, `${prefix}${key}.`) : [[`${prefix}${key}`, item] as [string, unknown]]);
    for (const [key, value] of flatten(DEFAULT_SETTINGS, 'kb.')) {
      assert.deepEqual(properties[key]?.default, value, key);
    }
    assert.ok(properties['kb.trace.server'], 'kb.trace.server lets users trace the protocol');
  });

  it('lets each workspace folder have its own settings the server reads, kb.configPath included', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const key of ['kb.enable', 'kb.completion.terms', 'kb.configPath']) assert.equal(properties[key]?.scope, 'resource', `${key} is per folder`);
    assert.match(properties['kb.configPath']?.markdownDescription ?? '', /instead of `kb\.config\.json`/);
  });

  it('ignores the kb.configPath of an untrusted workspace\'s own settings', () => {
    const { untrustedWorkspaces } = manifest.capabilities;
    assert.equal(untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(untrustedWorkspaces.restrictedConfigurations, ['kb.configPath']);
  });

  it('keeps the client copy of the protocol in step with the server', () => {
    const server = read('server/src/lsp/protocol.ts');
    const client = read('client/src/protocol.ts');
    assert.deepEqual(interfaceFields(client, 'KbStatus'), interfaceFields(server, 'KbStatus'));
    assert.ok(client.includes(`STATUS_NOTIFICATION = '${STATUS_NOTIFICATION}'`));
    for (const [name, id] of Object.entries(COMMANDS)) assert.ok(client.includes(`${name}: '${id}'`), `client knows ${id}`);
  });

  it('activates only where a KB is, validates kb.config.json, and ships both executables', () => {
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/kb.config.json'));
    assert.ok(!manifest.activationEvents.includes('onLanguage:markdown'), 'Markdown outside a KB must not wake the extension');
    assert.deepEqual(manifest.contributes.jsonValidation.map((entry) => entry.fileMatch), ['kb.config.json']);
    for (const entry of manifest.contributes.jsonValidation) assert.doesNotThrow(() => read(entry.url), entry.url);
    assert.equal(manifest.main, './dist/extension.cjs');
    assert.deepEqual(Object.keys(manifest.bin).sort(), ['kb-language-server', 'kb-lint']);
  });
});
