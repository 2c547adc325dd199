// The fixture KB of the real-editor tests: a copy of the bundled KB (kb/) with the
// files of test/e2e/fixture/kb laid over it. Tests edit the copy, never kb/.
//
//   node test/e2e/prepare-workspace.mjs DEST     (DEST is emptied first)
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Writes the fixture KB to `destination` (emptied first) and returns its absolute path. */
export function prepareWorkspace(destination) {
  const target = resolve(destination);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(join(REPOSITORY, 'kb'), target, { recursive: true });
  cpSync(join(REPOSITORY, 'test', 'e2e', 'fixture', 'kb'), target, { recursive: true });
  return target;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const destination = process.argv[2];
  if (!destination) {
    console.error('usage: node test/e2e/prepare-workspace.mjs DEST');
    process.exit(2);
  }
  console.log(prepareWorkspace(destination));
}
