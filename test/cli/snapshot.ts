import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CLI_FIXTURES } from './cli-harness.js';

const SNAPSHOTS = path.join(CLI_FIXTURES, 'snapshots');

/**
 * Compares `actual` with the committed snapshot `name`. With
 * `UPDATE_SNAPSHOTS=1` it writes the snapshot instead, so a behaviour change
 * shows up in review as a diff of the snapshot file.
 */
export async function assertMatchesSnapshot(name: string, actual: string): Promise<void> {
  const file = path.join(SNAPSHOTS, `${name}.txt`);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    await fs.mkdir(SNAPSHOTS, { recursive: true });
    await fs.writeFile(file, actual);
    return;
  }
  const expected = await fs.readFile(file, 'utf8').catch(() => undefined);
  assert.ok(expected !== undefined, `no snapshot ${path.relative(CLI_FIXTURES, file)}; run the tests with UPDATE_SNAPSHOTS=1 to write it`);
  assert.equal(actual, expected, `output differs from snapshot ${name}; if the change is intended, run the tests with UPDATE_SNAPSHOTS=1`);
}
