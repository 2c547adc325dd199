import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import { CLI_FIXTURES, runCli } from '../cli/cli-harness.js';
import { REPOSITORY_ROOT } from '../support/rule-fixtures.js';

const README = readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');

function jsonFilesBelow(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return jsonFilesBelow(full);
    return entry.name.endsWith('.json') ? [full] : [];
  });
}

/** The fenced block of `language` that follows `marker` in the README. */
function readmeBlock(marker: string, language: string): string {
  const at = README.indexOf(marker);
  assert.ok(at >= 0, `the README has no "${marker}"`);
  const start = README.indexOf(`\`\`\`${language}\n`, at) + language.length + 4;
  return README.slice(start, README.indexOf('```', start));
}

describe('what a newcomer meets first', () => {
  it('every $schema in the bundled KB names a file that exists, and kb.config.json names the configuration schema', () => {
    const files = jsonFilesBelow(path.join(REPOSITORY_ROOT, 'kb'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const schema = (parse(readFileSync(file, 'utf8')) as { $schema?: unknown }).$schema;
      if (typeof schema !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(schema)) continue;
      const target = path.resolve(path.dirname(file), schema);
      assert.ok(statSync(target, { throwIfNoEntry: false })?.isFile(), `${path.relative(REPOSITORY_ROOT, file)}: $schema "${schema}" does not exist`);
      // The generated schema (its drift from the registry is checked with the other generated files).
      if (path.basename(file) === 'kb.config.json') assert.equal(target, path.join(REPOSITORY_ROOT, 'server', 'kb.config.schema.json'));
    }
  });

  it('the README\'s Neovim configuration is the one the Neovim check loads, and it sets the scenario filetype without vim.filetype.add', () => {
    const lua = readFileSync(path.join(REPOSITORY_ROOT, 'test', 'e2e', 'neovim', 'kb.lua'), 'utf8');
    // The file's header comment says where to put it; the README says so in prose.
    const configuration = lua.slice(lua.indexOf('\n\n') + 2);
    assert.equal(readmeBlock('Neovim: the real-editor tests load', 'lua'), configuration);
    // Neovim 0.7 ignores vim.filetype.add unless filetype.lua is turned on.
    assert.ok(!/^vim\.filetype\.add/m.test(configuration));
    assert.match(configuration, /pattern = '\*\.scenario'/);
  });

  it('the README\'s stylish example is a real run on a KB of the repository', async () => {
    const folder = path.join(CLI_FIXTURES, 'kbs', 'basic');
    const run = await runCli('in-process', folder, ['.'], { NO_COLOR: '1' });
    assert.equal(readmeBlock('**`stylish`** (default)', 'text'), run.stdout);
  });
});
