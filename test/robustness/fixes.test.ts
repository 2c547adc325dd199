import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { checkFile, Engine, InMemoryFileSystem, type Knowledge, KnowledgeBase, RULES } from '../../server/src/core/index.js';
import { checkFixes, fixProperty, type PropertyContext, propertyContext } from './properties.js';
import { BUNDLED_KB_FOLDER, FIXTURE_TODAY, readFolder, REPOSITORY_ROOT } from './support.js';

/** Runs per fixable rule on generated files, from a fixed seed; `npm run fuzz` runs more, from a new seed each time. */
const RUNS = 20;
const SEED = 20261125;

const FIXABLE = RULES.filter((rule) => rule.fix !== 'none');

/** The fixture folders that show a rule's findings: the rule fixtures, and the scenario rule fixtures. */
function fixtureFolder(ruleId: string): string | undefined {
  return [path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'rules', ruleId), path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'scenario', 'rules', ruleId)].find((folder) => existsSync(folder));
}

/** The ways a file is stored that must not change what a fix does. */
const VARIANTS: ReadonlyArray<{ name: string; apply: (text: string) => string }> = [
  { name: 'as written', apply: (text) => text },
  { name: 'with CRLF line endings', apply: (text) => text.replace(/\r?\n/g, '\r\n') },
  { name: 'with a byte order mark', apply: (text) => `\uFEFF${text}` },
];

describe('the fixes of every fixable rule', () => {
  let context: PropertyContext;
  /** The repository's KB as the bundled knowledge of the fixture KBs, which need its glossary, causes and step catalog. */
  let bundled: Promise<Knowledge> | undefined;
  before(async () => {
    context = await propertyContext();
  });

  it('are found (the registry has fixable rules)', () => {
    assert.ok(FIXABLE.length >= 10, FIXABLE.map((rule) => rule.id).join(', '));
  });

  for (const rule of FIXABLE) {
    describe(rule.id, () => {
      const folder = fixtureFolder(rule.id);
      it('on its fixture files, as written, with CRLF and with a BOM: well formed, effective, convergent', async (t) => {
        if (folder === undefined) {
          t.skip(`no fixture folder for ${rule.id}; the generated files below still cover it`);
          return;
        }
        bundled ??= new Engine({ fs: new InMemoryFileSystem(readFolder(BUNDLED_KB_FOLDER, '/bundled')), bundledRoot: '/bundled', today: () => new Date() }).bundledKnowledge();
        const files = readFolder(folder, '/kb');
        let fixed = 0;
        for (const variant of VARIANTS) {
          const fs = new InMemoryFileSystem(Object.fromEntries(Object.entries(files).map(([file, text]) => [file, variant.apply(text)])));
          const kb = await KnowledgeBase.load(fs, '/kb', await bundled);
          for (const file of kb.checkedPaths()) {
            const original = kb.textOf(file) ?? '';
            const check = (text: string): ReturnType<typeof checkFile> => {
              kb.setText(file, text);
              return checkFile(kb, file, { today: FIXTURE_TODAY });
            };
            try {
              if (checkFixes(file, check, original, rule.id) !== original) fixed++;
            } catch (error) {
              throw new Error(`${variant.name}, ${path.basename(file)}: ${error instanceof Error ? error.message : String(error)}`);
            } finally {
              kb.setText(file, original);
            }
          }
        }
        assert.ok(fixed >= VARIANTS.length, `the fixtures of ${rule.id} hold no fixable finding`);
      });

      it('on generated files', async () => {
        await fixProperty(context, rule).check({ numRuns: RUNS, seed: SEED });
      });
    });
  }
});
