import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { FINGERPRINT_KEY } from '../../server/src/cli/formats/sarif.js';
import { copyFixture, runCli } from './cli-harness.js';

interface Result {
  readonly ruleId: string;
  readonly partialFingerprints: Record<string, string>;
  readonly locations: ReadonlyArray<{ readonly physicalLocation: { readonly region: { readonly startLine: number } } }>;
  readonly fixes?: ReadonlyArray<{
    readonly description: { readonly text: string };
    readonly properties: { readonly safe: boolean };
    readonly artifactChanges: ReadonlyArray<{ readonly artifactLocation: { readonly uri: string }; readonly replacements: ReadonlyArray<{ readonly deletedRegion: { readonly startLine: number }; readonly insertedContent?: { readonly text: string } }> }>;
  }>;
}

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

async function sarifResults(folder: string): Promise<Result[]> {
  const run = await runCli('in-process', folder, ['--format', 'sarif']);
  assert.equal(run.exitCode, 1, run.stderr);
  return (JSON.parse(run.stdout) as { runs: Array<{ results: Result[] }> }).runs[0]?.results ?? [];
}

describe('SARIF fixes and fingerprints on a real KB', () => {
  it('carries the fix of each fixable finding, marked safe or not, and keeps fingerprints when lines are added above', async () => {
    const folder = await copyFixture('basic');
    folders.push(folder);
    const before = await sarifResults(folder);
    const anchor = before.find((result) => result.ruleId === 'link-anchor');
    const caseFix = before.find((result) => result.ruleId === 'link-case' && result.fixes !== undefined);
    assert.deepEqual(anchor?.fixes?.map((fix) => [fix.description.text, fix.properties.safe, fix.artifactChanges[0]?.replacements[0]?.insertedContent?.text]), [['Change the anchor to "#set-up-the-client"', false, 'set-up-the-client']]);
    assert.deepEqual(caseFix?.fixes?.map((fix) => [fix.properties.safe, fix.artifactChanges[0]?.artifactLocation.uri, fix.artifactChanges[0]?.replacements[0]?.insertedContent?.text]), [[true, 'articles/broken-links.md', 'setup.md']]);
    assert.equal(before.find((result) => result.ruleId === 'image-alt')?.fixes, undefined, 'a finding without a fix has none');

    const article = path.join(folder, 'articles', 'broken-links.md');
    await fs.writeFile(article, (await fs.readFile(article, 'utf8')).replace('# Links that need care\n', '# Links that need care\n\nThree lines\nadded above.\n'));
    const after = await sarifResults(folder);
    const inArticle = (results: readonly Result[]): Result[] => results.filter((result) => result.fixes?.[0]?.artifactChanges[0]?.artifactLocation.uri === 'articles/broken-links.md' || result.ruleId === 'image-alt');
    assert.deepEqual(inArticle(after).map((result) => result.partialFingerprints[FINGERPRINT_KEY]), inArticle(before).map((result) => result.partialFingerprints[FINGERPRINT_KEY]));
    assert.deepEqual(inArticle(after).map((result) => result.locations[0]?.physicalLocation.region.startLine), inArticle(before).map((result) => (result.locations[0]?.physicalLocation.region.startLine ?? 0) + 3));
    assert.deepEqual(inArticle(after).map((result) => result.fixes?.[0]?.artifactChanges[0]?.replacements[0]?.deletedRegion.startLine), inArticle(before).map((result) => {
      const line = result.fixes?.[0]?.artifactChanges[0]?.replacements[0]?.deletedRegion.startLine;
      return line === undefined ? undefined : line + 3;
    }));
  });
});
