import * as path from 'node:path';
import { Engine, type Finding, type InMemoryFileSystem, type KnowledgeBase } from '../../server/src/core/index.js';
import type { AnyRule } from '../../server/src/core/rules/rule.js';
import { FIXTURE_TODAY, loadFixtureKb, REPOSITORY_ROOT } from './rule-fixtures.js';

/** The repository's own KB (`kb/`) on a fresh in-memory file system rooted at `/kb` (read from disk once per process). */
export function repositoryKbFileSystem(): InMemoryFileSystem {
  return loadFixtureKb(path.join(REPOSITORY_ROOT, 'kb'));
}

let shared: Promise<{ engine: Engine; kb: KnowledgeBase }> | undefined;

/**
 * The findings of `rules` in one file written at `file` in the repository KB.
 * The KB is opened once per process and its knowledge (glossary, claims,
 * causes...) built once; the file is laid over it for the check and removed
 * afterwards, so each call sees the repository KB plus that file alone.
 * The file must not be a configuration or knowledge file: those change what
 * every other file sees; open a KB of their own for them.
 */
export async function checkInRepositoryKb(file: string, text: string, rules: readonly AnyRule[]): Promise<Finding[]> {
  shared ??= (async () => {
    const engine = new Engine({ fs: repositoryKbFileSystem(), today: () => FIXTURE_TODAY });
    return { engine, kb: await engine.openKb('/kb') };
  })();
  const { engine, kb } = await shared;
  if (kb.textOf(file) !== undefined) throw new Error(`${file} is a file of the repository KB; write the text at a new path`);
  if (kb.setText(file, text) !== 'file') {
    kb.setText(file, undefined);
    throw new Error(`${file} is a configuration or knowledge file; open a KB of its own to test it`);
  }
  try {
    return engine.check(kb, file, { rules });
  } finally {
    kb.setText(file, undefined);
  }
}
