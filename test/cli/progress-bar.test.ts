import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../server/src/cli/main.js';
import { PROGRESS_THRESHOLD, ProgressBar, progressBarFor } from '../../server/src/cli/progress-bar.js';
import { CapturedStream, cleanEnv, copyFixture } from './cli-harness.js';

describe('progress bar', () => {
  it('shows only on a terminal, outside CI, for more files than the threshold', () => {
    const terminal = new CapturedStream(true);
    assert.ok(progressBarFor(terminal, {}, 'Checking', PROGRESS_THRESHOLD + 1));
    assert.equal(progressBarFor(terminal, {}, 'Checking', PROGRESS_THRESHOLD), undefined);
    assert.equal(progressBarFor(terminal, { CI: 'true' }, 'Checking', 1000), undefined);
    assert.equal(progressBarFor(new CapturedStream(false), {}, 'Checking', 1000), undefined);
  });

  it('redraws only when the percentage changes, then erases itself', () => {
    const stream = new CapturedStream(true);
    const bar = new ProgressBar(stream, 'Checking', 400);
    for (let done = 1; done <= 400; done++) bar.update(done);
    bar.clear();
    const frames = stream.text.split('\r').filter(Boolean);
    assert.equal(frames.length, 102, 'one frame per percent from 0 to 100, then the erasing one');
    assert.equal(frames[frames.length - 2], `Checking [${'#'.repeat(30)}] 400/400 files`);
    assert.equal(frames[frames.length - 1], '\u001b[2K');
  });

  it('appears on standard error while a large KB is checked, and never on standard output', async () => {
    const folder = await copyFixture('clean');
    try {
      const article = await fs.readFile(path.join(folder, 'articles', 'setup.md'), 'utf8');
      await Promise.all(Array.from({ length: PROGRESS_THRESHOLD }, (_, index) => fs.writeFile(path.join(folder, 'articles', `copy-${index}.md`), article)));
      const stdout = new CapturedStream(true);
      const stderr = new CapturedStream(true);
      const exitCode = await main({ argv: [], cwd: folder, stdout, stderr, env: cleanEnv() });
      assert.equal(exitCode, 0);
      // The articles, plus kb.config.json, which is checked too.
      assert.match(stderr.text, /^\rChecking \[-{30}\] 1\/202 files/);
      assert.ok(stderr.text.endsWith(`\rChecking [${'#'.repeat(30)}] 202/202 files\r\u001b[2K`), 'the bar ends full, then is erased');
      assert.equal(stdout.text, 'No problems found.\n');
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
});
