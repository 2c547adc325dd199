import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cleanEnv, copyFixture, runCli } from './cli-harness.js';

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

describe('checking in several processes, files dealt out in batches', () => {
  it('reports every file once, exactly as one process does, whatever the number of workers', async () => {
    const folder = await copyFixture('basic');
    folders.push(folder);
    // Many more articles than a worker's batch, each linking to a broken anchor of another, so every batch has findings.
    const articles = path.join(folder, 'articles');
    const count = 400;
    for (let index = 0; index < count; index++) {
      const other = (index * 7 + 3) % count;
      await fs.writeFile(path.join(articles, `queued-${String(index).padStart(3, '0')}.md`), [
        '---', `title: Queued ${index}`, 'description: A generated article.', 'ms.topic: conceptual', 'ms.date: 11/20/2026', '---', '',
        `# Queued ${index}`, '', '## Details', '', `See [another](queued-${String(other).padStart(3, '0')}.md#details) and [a missing part](queued-${String(other).padStart(3, '0')}.md#gone-${index}).`, '',
      ].join('\n'));
    }
    const sequential = await runCli('subprocess', folder, ['--format', 'json'], cleanEnv({ KB_LINT_WORKERS: '0' }));
    const findings = JSON.parse(sequential.stdout) as Array<{ rule: string; file: string }>;
    assert.equal(findings.filter((finding) => finding.rule === 'link-anchor' && finding.file.includes('queued-')).length, count);
    for (const workers of ['1', '3']) {
      const parallel = await runCli('subprocess', folder, ['--format', 'json'], cleanEnv({ KB_LINT_WORKERS: workers }));
      assert.equal(parallel.stderr, '', `${workers} workers`);
      assert.equal(parallel.exitCode, sequential.exitCode, `${workers} workers`);
      assert.equal(parallel.stdout, sequential.stdout, `${workers} workers`);
    }
  });
});
