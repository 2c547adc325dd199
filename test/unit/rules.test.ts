import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { automaticFix, RULES, type Finding } from '../../server/src/core/index.js';
import { checkWithRule, fixAll, loadFixtureKb, oldMarkerLines, readMarkers, RULE_FIXTURES, type FixtureMarker } from '../support/rule-fixtures.js';
import { assertMatchesSnapshotFile } from '../support/snapshot.js';

// One folder per rule under test/fixtures/rules: a small KB whose files carry
// `{expect rule-id "message fragment"}` markers (see test/support/rule-fixtures.ts),
// and beside it a snapshot of the findings and of the texts after fixing.

const relative = (file: string): string => file.replace(/^\/kb\//, '');
const position = (finding: Finding): string => `${finding.range.start.line + 1}:${finding.range.start.character + 1}-${finding.range.end.line + 1}:${finding.range.end.character + 1}`;

/** The findings of one file as the snapshot shows them: position, severity, message, fixes and related locations. */
function describeFindings(findings: readonly Finding[]): string[] {
  return findings.flatMap((finding) => [
    `${position(finding)} ${finding.severity}: ${finding.message}`,
    ...(finding.fixes ?? []).map((fix) => `  fix: ${fix.title} (${fix.safe ? 'safe' : 'suggestion'}${fix === automaticFix(finding) ? ', preferred' : ''})`),
    ...(finding.related ?? []).map((location) => `  related: ${relative(location.path)} ${location.range.start.line + 1}:${location.range.start.character + 1} ${location.message}`),
  ]);
}

/** Rules whose findings depend on a whole catalog of their own, tested with fixtures of their kind instead. */
const TESTED_ELSEWHERE: Readonly<Record<string, string>> = {
  'domain-claim': 'test/fixtures/claims: one article per claim, with true positives and near misses (test/unit/claims/domain-claim.test.ts)',
  'claim-entry': 'test/unit/claims/claim-entry.test.ts, on the claims of the repository KB',
};

describe('rule fixtures', () => {
  it('exist for every registered rule, and every folder is a registered rule', () => {
    const folders = readdirSync(RULE_FIXTURES).filter((name) => statSync(path.join(RULE_FIXTURES, name)).isDirectory()).sort();
    assert.deepEqual(folders, RULES.map((rule) => rule.id).filter((id) => TESTED_ELSEWHERE[id] === undefined).sort());
  });
});

for (const rule of RULES) {
  const folder = path.join(RULE_FIXTURES, rule.id);
  describe(`rule ${rule.id}`, { skip: existsSync(folder) ? false : TESTED_ELSEWHERE[rule.id] ?? `no fixture folder test/fixtures/rules/${rule.id}` }, () => {
    it('reports exactly the findings its fixture marks, with the marked message', async () => {
      const fs = loadFixtureKb(folder);
      let markerCount = 0;
      for (const [file, findings] of await checkWithRule(fs, rule)) {
        const text = (await fs.readText(file)) ?? '';
        assert.deepEqual(oldMarkerLines(text), [], `${relative(file)} holds expectation comments of an older form; write them as {expect ${rule.id} "message fragment"}`);
        const markers = readMarkers(text);
        for (const marker of markers) assert.equal(marker.ruleId, rule.id, `${relative(file)}:${marker.line + 1} expects ${marker.ruleId}, but this folder tests ${rule.id}`);
        markerCount += markers.length;
        const unmatched: FixtureMarker[] = [];
        const unexpected = [...findings];
        for (const marker of markers) {
          const index = unexpected.findIndex((finding) => finding.range.start.line === marker.line && finding.message.includes(marker.fragment));
          if (index === -1) unmatched.push(marker);
          else unexpected.splice(index, 1);
        }
        assert.deepEqual(
          { missing: unmatched.map((marker) => `${marker.line + 1}: "${marker.fragment}"`), unexpected: unexpected.map((finding) => `${finding.range.start.line + 1}: ${finding.message}`) },
          { missing: [], unexpected: [] },
          `${relative(file)}: the findings differ from the markers`,
        );
      }
      assert.ok(markerCount > 0, 'the fixture must expect at least one finding');
    });

    it('matches the snapshot of its findings and fixed texts; fixing leaves nothing fixable', async () => {
      const fs = loadFixtureKb(folder);
      const findings = await checkWithRule(fs, rule);
      const fixable = [...findings.values()].flat().filter((finding) => (finding.fixes?.length ?? 0) > 0);
      if (rule.fix === 'none') assert.equal(fixable.length, 0, 'a rule declared without fixes offered one');
      else assert.ok(fixable.length > 0, 'the fixture of a fixable rule must contain a fixable finding');

      const changed = await fixAll(fs, rule);
      const sections = [`Findings of ${rule.id} in test/fixtures/rules/${rule.id}/, and the files after applying the first fix of each (UPDATE_SNAPSHOTS=1 rewrites this file).`];
      for (const [file, fileFindings] of findings) {
        if (fileFindings.length > 0) sections.push(`===== ${relative(file)}: findings`, ...describeFindings(fileFindings));
      }
      for (const file of [...changed].sort()) sections.push(`===== ${relative(file)}: fixed`, ((await fs.readText(file)) ?? '').replace(/\n$/, ''));
      assertMatchesSnapshotFile(path.join(RULE_FIXTURES, `${rule.id}.snapshot.txt`), `${sections.join('\n')}\n`);

      const remaining = [...(await checkWithRule(fs, rule)).values()].flat().filter((finding) => (finding.fixes?.length ?? 0) > 0);
      assert.deepEqual(remaining.map((finding) => `${relative(finding.path)}:${finding.range.start.line + 1}: ${finding.message}`), [], 'fixable findings remain after fixing');
    });
  });
}
