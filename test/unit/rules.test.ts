import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ruleById } from '../../server/src/core/index.js';
import { applyEdits, checkWithRule, loadFixtureKb, readExpectations, ruleFixtureFolders } from '../support/rule-fixtures.js';

// One folder per rule: a small KB whose files carry inline expectation markers.
for (const folder of ruleFixtureFolders()) {
  const ruleId = path.basename(folder);
  describe(`rule ${ruleId}`, () => {
    const rule = ruleById(ruleId);

    it('is registered', () => {
      assert.ok(rule, `no rule with id ${ruleId} in the registry`);
    });
    if (rule === undefined) return;

    it('reports exactly the expected findings', async () => {
      const fs = loadFixtureKb(folder);
      const findings = await checkWithRule(fs, rule);
      let expectedCount = 0;
      for (const [file, fileFindings] of findings) {
        const text = (await fs.readText(file)) ?? '';
        const expected = readExpectations(text).filter((expectation) => expectation.ruleId === ruleId);
        expectedCount += expected.length;
        const actual = fileFindings.map((finding) => ({ ruleId: finding.ruleId, line: finding.range.start.line }));
        const describe = (list: Array<{ ruleId: string; line: number }>): string[] => list.map((entry) => `${entry.ruleId}@${entry.line + 1}`).sort();
        assert.deepEqual(describe(actual), describe(expected), `${path.basename(file)}: ${fileFindings.map((finding) => `${finding.range.start.line + 1}: ${finding.message}`).join(' | ')}`);
      }
      assert.ok(expectedCount > 0, 'the fixture must expect at least one finding');
    });

    it('fixes what it reports, and fixing again changes nothing', async () => {
      const fs = loadFixtureKb(folder);
      const initial = await checkWithRule(fs, rule);
      const fixable = [...initial.values()].flat().filter((finding) => (finding.fixes?.length ?? 0) > 0);
      if (rule.fix === 'none') {
        assert.equal(fixable.length, 0, 'a rule declared without fixes offered one');
        return;
      }
      assert.ok(fixable.length > 0, 'the fixture of a fixable rule must contain a fixable finding');
      // Overlapping edits are skipped in one round (as in an editor), so apply rounds until nothing is left.
      for (let round = 0; round < 5; round++) {
        const findings = await checkWithRule(fs, rule);
        let changed = false;
        for (const [file, fileFindings] of findings) {
          const edits = fileFindings.flatMap((finding) => finding.fixes?.[0]?.edits ?? []);
          if (edits.length === 0) continue;
          const text = (await fs.readText(file)) ?? '';
          fs.write(file, applyEdits(text, edits));
          changed = true;
        }
        if (!changed) break;
      }
      const after = [...(await checkWithRule(fs, rule)).values()].flat();
      assert.deepEqual(after.filter((finding) => (finding.fixes?.length ?? 0) > 0).map((finding) => finding.message), [], 'fixable findings remain after fixing');
    });
  });
}
