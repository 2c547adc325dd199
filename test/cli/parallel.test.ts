import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { workerCount } from '../../server/src/cli/parallel-check.js';
import { cleanEnv, copyFixture, runCli } from './cli-harness.js';

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

describe('checking in several processes', () => {
  it('reports exactly what one process reports, cross-file findings included', async () => {
    const folder = await copyFixture('basic');
    folders.push(folder);
    // More articles, linking into each other's shares, so a broken anchor crosses processes.
    const articles = path.join(folder, 'articles');
    for (let index = 0; index < 12; index++) {
      const next = (index + 1) % 12;
      await fs.writeFile(path.join(articles, `generated-${index}.md`), [
        '---', `title: Generated ${index}`, 'description: A generated article.', 'ms.topic: conceptual', 'ms.date: 11/20/2026', '---', '',
        `# Generated ${index}`, '', '## Details', '', `See [the next one](generated-${next}.md#details) and [a missing part](generated-${next}.md#nothing-${index}).`, '',
      ].join('\n'));
    }
    const sequential = await runCli('subprocess', folder, ['--format', 'json'], cleanEnv({ KB_LINT_WORKERS: '0' }));
    const parallel = await runCli('subprocess', folder, ['--format', 'json'], cleanEnv({ KB_LINT_WORKERS: '2' }));
    assert.equal(parallel.stderr, '');
    assert.equal(parallel.exitCode, sequential.exitCode);
    assert.equal(parallel.stdout, sequential.stdout);
    const findings = JSON.parse(parallel.stdout) as Array<{ rule: string; file: string }>;
    assert.equal(findings.filter((finding) => finding.rule === 'link-anchor' && finding.file.includes('generated-')).length, 12);

    // Worker processes read the --config file too: it turns link-anchor off in every share.
    await fs.writeFile(path.join(folder, 'ci.json'), '{ "useBundledKb": false, "staleAfterDays": 36500, "rules": { "link-anchor": "off" } }\n');
    const configured = await runCli('subprocess', folder, ['--config', 'ci.json', '--format', 'json'], cleanEnv({ KB_LINT_WORKERS: '2' }));
    assert.equal(configured.stderr, '');
    assert.equal(configured.stdout, (await runCli('subprocess', folder, ['--config', 'ci.json', '--format', 'json'], cleanEnv({ KB_LINT_WORKERS: '0' }))).stdout);
    assert.deepEqual((JSON.parse(configured.stdout) as Array<{ rule: string }>).filter((finding) => finding.rule === 'link-anchor'), []);
  });
});

describe('workerCount', () => {
  it('adds processes only where the cores can run them beside this one, at most three', () => {
    assert.deepEqual([1, 2, 3, 4, 6, 8, 64].map((cores) => workerCount(2_000, {}, cores)), [0, 0, 1, 2, 3, 3, 3]);
  });

  it('keeps a small KB in one process, and does what KB_LINT_WORKERS says', () => {
    assert.equal(workerCount(299, {}, 8), 0);
    assert.equal(workerCount(300, {}, 8), 3);
    assert.equal(workerCount(10, { KB_LINT_WORKERS: '2' }, 2), 2);
    assert.equal(workerCount(2_000, { KB_LINT_WORKERS: '0' }, 8), 0);
    assert.equal(workerCount(2_000, { KB_LINT_WORKERS: 'many' }, 4), 2, 'not a number: the default');
  });
});
