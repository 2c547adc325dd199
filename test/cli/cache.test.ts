import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import * as os from 'node:os';
import { cacheKeyFile, loadCacheKey, signCache, verifiedCacheBody } from '../../server/src/cli/cache-signing.js';
import { CACHE_FORMAT } from '../../server/src/cli/check-cache.js';
import { cleanEnv, copyFixture, runCli } from './cli-harness.js';

const folders: string[] = [];
/** The user cache folder of these runs, which holds the key that signs the cache. */
const userCache = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-lint-user-cache-'));
folders.push(userCache);
const env = cleanEnv({ XDG_CACHE_HOME: userCache });

after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

interface Reported {
  readonly file: string;
  readonly rule: string;
  readonly message: string;
}

async function lint(folder: string, ...extra: string[]): Promise<Reported[]> {
  const run = await runCli('in-process', folder, ['--cache', '--format', 'json', ...extra], env);
  assert.notEqual(run.exitCode, 2, run.stderr);
  return JSON.parse(run.stdout) as Reported[];
}

/**
 * A KB whose cache holds a planted finding for the article `name`: it shows
 * up only while that cache entry is reused, which makes reuse visible.
 */
async function kbWithPlantedFinding(name: string): Promise<string> {
  const folder = await copyFixture('basic');
  folders.push(folder);
  await lint(folder);
  const cacheFile = path.join(folder, '.kb-lint-cache');
  const key = await loadCacheKey(cacheKeyFile(env) ?? '');
  const body = verifiedCacheBody(await fs.readFile(cacheFile, 'utf8'), CACHE_FORMAT, key);
  assert.ok(body !== undefined, 'the cache is signed with the user key');
  const cache = JSON.parse(body) as { kbs: Record<string, { files: Record<string, { findings: unknown[] }> }> };
  const [file, entry] = Object.entries(Object.values(cache.kbs)[0]?.files ?? {}).find(([cached]) => cached.endsWith(`/articles/${name}`)) ?? [];
  assert.ok(file !== undefined && entry !== undefined, `${name} is cached`);
  entry.findings.push({ ruleId: 'planted', severity: 'warning', path: file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'from the cache' });
  // Signed again with the user's key, as kb-lint would have written it.
  await fs.writeFile(cacheFile, signCache(CACHE_FORMAT, JSON.stringify(cache), key));
  return folder;
}

const planted = (findings: readonly Reported[]): boolean => findings.some((finding) => finding.rule === 'planted');

describe('--cache', () => {
  it('reuses the findings of a file when neither it nor the files it links to changed', async () => {
    const folder = await kbWithPlantedFinding('broken-links.md');
    await fs.appendFile(path.join(folder, 'articles', 'missing-cause.md'), '\nAn unrelated edit.\n');
    assert.ok(planted(await lint(folder)));
  });

  it('checks a file again when its text changed', async () => {
    const folder = await kbWithPlantedFinding('setup.md');
    await fs.appendFile(path.join(folder, 'articles', 'setup.md'), '\nOne more line.\n');
    assert.ok(!planted(await lint(folder)));
  });

  it('checks a file again when a file it links to changed, so its anchors stay right', async () => {
    const folder = await kbWithPlantedFinding('broken-links.md');
    const setup = path.join(folder, 'articles', 'setup.md');
    await fs.writeFile(setup, (await fs.readFile(setup, 'utf8')).replace('### Set up the client', '### Set up the clent'));
    const findings = await lint(folder);
    assert.ok(!planted(findings));
    assert.ok(!findings.some((finding) => finding.message.includes('"#set-up-the-clent"')), 'the anchor exists now');
  });

  it('checks a file again when a missing file it links to appears', async () => {
    const folder = await kbWithPlantedFinding('broken-links.md');
    await fs.writeFile(path.join(folder, 'articles', 'missing.md'), '# Back again\n');
    const findings = await lint(folder);
    assert.ok(!planted(findings));
    assert.ok(!findings.some((finding) => finding.message.includes('"missing.md"')));
  });

  it('checks every file again when the configuration or a glossary changed', async () => {
    const folder = await kbWithPlantedFinding('setup.md');
    await fs.mkdir(path.join(folder, 'glossary'));
    await fs.writeFile(path.join(folder, 'glossary', 'client.md'), '---\nterm: Mail client\n---\n\nThe program that reads mail.\n');
    assert.ok(!planted(await lint(folder)));

    const again = await kbWithPlantedFinding('setup.md');
    const config = path.join(again, 'kb.config.json');
    await fs.writeFile(config, (await fs.readFile(config, 'utf8')).replace('"info"', '"warning"'));
    assert.ok(!planted(await lint(again)));
  });

  it('starts afresh from a damaged cache file, and keeps it in a folder given as --cache-location', async () => {
    const folder = await copyFixture('basic');
    folders.push(folder);
    await fs.writeFile(path.join(folder, '.kb-lint-cache'), '{ not json');
    const fresh = await lint(folder);
    assert.equal(fresh.length, 5);
    await fs.mkdir(path.join(folder, 'cache'));
    await lint(folder, '--cache-location', 'cache');
    await fs.access(path.join(folder, 'cache', '.kb-lint-cache'));
  });

  it('ignores a cache file it did not sign: a forged cache cannot hide a finding', async () => {
    const folder = await copyFixture('basic');
    folders.push(folder);
    const honest = await lint(folder);
    assert.ok(honest.length > 0);
    const cacheFile = path.join(folder, '.kb-lint-cache');
    const text = await fs.readFile(cacheFile, 'utf8');
    const newline = text.indexOf('\n');
    // Every cached finding removed, the header kept: what a committed, hand-edited cache would hold.
    const emptied = text.slice(newline + 1).replace(/"findings":\[[^\]]*(\][^\]]*)*?\](?=[,}])/g, '"findings":[]');
    assert.notEqual(emptied, text.slice(newline + 1));
    await fs.writeFile(cacheFile, `${text.slice(0, newline + 1)}${emptied}`);
    assert.deepEqual(await lint(folder), honest);
    // Signed with another machine's key: ignored as well.
    await fs.writeFile(cacheFile, signCache(CACHE_FORMAT, emptied, Buffer.alloc(32, 7)));
    assert.deepEqual(await lint(folder), honest);
  });

  it('replaces a symbolic link named like the cache instead of writing through it', { skip: process.platform === 'win32' }, async () => {
    const folder = await copyFixture('basic');
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-lint-outside-'));
    folders.push(folder, outside);
    const victim = path.join(outside, 'victim.txt');
    await fs.writeFile(victim, 'keep me\n');
    await fs.symlink(victim, path.join(folder, '.kb-lint-cache'));
    await lint(folder);
    assert.equal(await fs.readFile(victim, 'utf8'), 'keep me\n');
    assert.ok((await fs.lstat(path.join(folder, '.kb-lint-cache'))).isFile());
  });
});
