import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPOSITORY_ROOT } from './rule-fixtures.js';

/**
 * Compares `actual` with the committed snapshot file at `file`. With
 * `UPDATE_SNAPSHOTS=1` it writes the file instead, so a change of behaviour
 * shows up in review as a diff of the snapshot.
 */
export function assertMatchesSnapshotFile(file: string, actual: string): void {
  const shown = path.relative(REPOSITORY_ROOT, file);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `no snapshot ${shown}; run the tests with UPDATE_SNAPSHOTS=1 to write it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `differs from the snapshot ${shown}; if the change is intended, run the tests with UPDATE_SNAPSHOTS=1 and review the diff`);
}
