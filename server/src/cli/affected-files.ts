import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { joinPath, type KnowledgeBase } from '../core/index.js';
import { toNativePath } from '../node/node-file-system.js';

/**
 * The files of `inScope` whose findings the changed files (absolute native
 * paths, as git names them) may change: the changed files themselves and
 * their dependents in the KB's dependency graph (links and anchors, images,
 * claim `see:`, `@article:` tags...), or all of `inScope` when a file every
 * file reads changed (the configuration, the glossary, the step catalogs...).
 * Git cannot say what changed inside a file, so each change counts as a
 * created or deleted file.
 */
export async function filesAffectedBy(kb: KnowledgeBase, inScope: readonly string[], changed: readonly string[]): Promise<string[]> {
  if (await changedConfigOverride(kb, changed)) return [...inScope];
  const nativeRoot = toNativePath(kb.root);
  // Git names files under the real repository path; the KB may have been reached through a symbolic link.
  const realRoot = await fs.realpath(nativeRoot).catch(() => nativeRoot);
  const changedInKb = changed.flatMap((file) => {
    const relative = path.relative(realRoot, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? [] : [joinPath(kb.root, relative.split(path.sep).join('/'))];
  });
  // Only the files that may reference a changed one are parsed, not the whole KB (`core/graph/reference-prefilter.ts`).
  const dependents = kb.dependencies.dependentsOfChanges(changedInKb.map((file) => ({ path: file, kind: kb.kindOf(file), level: 'existence' })));
  if (dependents === 'all') return [...inScope];
  const affected = new Set([...changedInKb, ...dependents]);
  return inScope.filter((file) => affected.has(file));
}

/** Whether the KB reads its configuration from a `--config` file that changed (it may lie outside the KB). */
async function changedConfigOverride(kb: KnowledgeBase, changed: readonly string[]): Promise<boolean> {
  if (kb.configOverride === undefined) return false;
  const native = toNativePath(kb.configOverride);
  const real = await fs.realpath(native).catch(() => native);
  return changed.some((file) => file === native || file === real);
}
