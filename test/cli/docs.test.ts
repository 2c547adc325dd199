import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULE_METADATA } from '../../server/src/core/index.js';
import { OUTPUT_FORMATS } from '../../server/src/cli/formats/formatters.js';
import { USAGE } from '../../server/src/cli/options.js';
import { REPOSITORY_ROOT } from './cli-harness.js';

const START = '<!-- safe-fixes:start -->';
const END = '<!-- safe-fixes:end -->';

/** The command-line documentation, in the README. */
function cliDocumentation(): string {
  const text = readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
  assert.ok(text.includes(START), `the README holds no ${START} table`);
  return text;
}

/** Rule ids in the safe-fixes table, by the answer of the `--fix applies it` column. */
function documentedFixes(): { yes: Set<string>; no: Set<string> } {
  const text = cliDocumentation();
  const table = text.slice(text.indexOf(START), text.indexOf(END));
  const result = { yes: new Set<string>(), no: new Set<string>() };
  for (const row of table.split('\n').filter((line) => /^\| `/.test(line))) {
    const [rules = '', answer = ''] = row.split('|').slice(1).map((cell) => cell.trim());
    const target = answer.startsWith('yes') ? result.yes : result.no;
    for (const match of rules.matchAll(/`([a-z0-9-]+)`/g)) if (match[1] !== undefined) target.add(match[1]);
  }
  return result;
}

describe('command-line documentation', () => {
  it('names as applied by --fix exactly the rules whose fixes are safe', () => {
    const safe = RULE_METADATA.filter((rule) => rule.fix === 'safe').map((rule) => rule.id).sort();
    assert.deepEqual([...documentedFixes().yes].sort(), safe);
  });

  it('names as not applied only rules that offer unsafe suggestions', () => {
    for (const id of documentedFixes().no) {
      assert.equal(RULE_METADATA.find((rule) => rule.id === id)?.fix, 'suggestion', `${id} is listed as a rule with an unsafe fix`);
    }
  });

  it('shows an example of every output format', () => {
    for (const format of OUTPUT_FORMATS) assert.ok(cliDocumentation().includes(`**\`${format}\`**`), `no example of --format ${format}`);
  });

  it('documents every option of --help', () => {
    const options = [...new Set(USAGE.match(/--[a-z-]+/g))];
    assert.ok(options.length > 10);
    for (const option of options) assert.match(cliDocumentation(), new RegExp(`\`[^\`]*(?<![\\w-])${option}(?![\\w-])`), `${option} is not documented`);
  });
});
