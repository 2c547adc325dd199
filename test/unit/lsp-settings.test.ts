import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/protocol.js';
import { normalizeSettings, resolveConfigPath, SettingsByFolder } from '../../server/src/lsp/settings.js';

describe('language server settings', () => {
  it('resolves kb.configPath against the workspace folder', () => {
    assert.equal(resolveConfigPath('/work/kb', ''), undefined);
    assert.equal(resolveConfigPath('/work/kb', '   '), undefined);
    assert.equal(resolveConfigPath('/work/kb', 'config/kb.json'), '/work/kb/config/kb.json');
    assert.equal(resolveConfigPath('/work/kb', '../shared/kb.json'), '/work/shared/kb.json');
    assert.equal(resolveConfigPath('/work/kb', '${workspaceFolder}/ci/kb.json'), '/work/kb/ci/kb.json');
    assert.equal(resolveConfigPath('/work/kb', '/etc/kb/team.json'), '/etc/kb/team.json');
  });

  it('gives a file the settings of the innermost folder holding it, else the window\'s', () => {
    const settings = SettingsByFolder.fromClient({ enable: false }, new Map([['/work', { enable: true }], ['/work/inner', { completion: { terms: false }, configPath: 'kb.json' }]]));
    assert.equal(settings.of('/elsewhere/a.md').enable, false);
    assert.equal(settings.of('/work/a.md').enable, true);
    assert.equal(settings.of('/work/inner/a.md').completion.terms, false);
    assert.equal(settings.of('/workspace/a.md').enable, false, 'a sibling folder whose name starts the same is not inside');
    assert.equal(settings.configPathOf('/work/inner'), '/work/inner/kb.json');
    assert.equal(settings.configPathOf('/work'), undefined);
    assert.equal(settings.configPathOf('/unknown'), undefined, 'a folder the client told nothing about has the window\'s');
    assert.equal(settings.sameEnablement(SettingsByFolder.fromClient({ enable: false }, new Map([['/work', { enable: false }]])), ['/work']), false);
  });

  it('takes defaults for what the client left out or mistyped', () => {
    assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings({ enable: 'yes', completion: 3, configPath: 7 }), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings({ enable: false, configPath: 'a.json' }), { ...DEFAULT_SETTINGS, enable: false, configPath: 'a.json' });
  });
});
