import type { FileKind } from '../types.js';

/**
 * What a dependent file reads of what it depends on, from least to most:
 * whether it exists (`existence`), what other files may name in it, its
 * anchors and its id (`outline`), or its whole text (`text`). A change of
 * one level also changes the levels before it: a created file has a new
 * outline and a new text.
 */
export type ReadLevel = 'existence' | 'outline' | 'text';

/** What changed about a file: a {@link ReadLevel}, the widest first (`existence`: created, deleted or renamed). */
export type ChangeLevel = ReadLevel;

/** The file or the set of files a dependency points at. */
export type DependencyTarget =
  /** One path (resolved, absolute), whether or not a file is there: creating it matters too. */
  | { readonly path: string }
  /** Every file of a kind, looked up by id or read as a whole (the glossary, the articles an `@article:` id may name). */
  | { readonly fileKind: FileKind };

/** One cross-file reference of a KB, recorded once with its kind (see `dependency-kinds.ts`). */
export interface Dependency {
  /** The id of its {@link DependencyKind}, e.g. `link`, `claim-see`, `scenario-article`. */
  readonly kind: string;
  /** The dependent file: its findings may change when {@link to} changes. */
  readonly from: string;
  readonly to: DependencyTarget;
  readonly reads: ReadLevel;
}

/** A change to one file, as the hosts learn of it (an edit, a file event, a commit). */
export interface FileChange {
  readonly path: string;
  /** Its kind, before or after the change (a deleted file keeps the kind of its path). */
  readonly kind: FileKind | undefined;
  readonly level: ChangeLevel;
}

const LEVEL_RANK: Readonly<Record<ReadLevel, number>> = { existence: 0, outline: 1, text: 2 };

/**
 * Whether `dependency` may see `change`: its target is the changed file (paths
 * compare without letter case, since a link differing only in case is
 * reported too; a folder target sees files appear and disappear below it) or
 * the changed file's kind, and the change reaches what the dependency reads.
 */
export function dependencySees(dependency: Dependency, change: FileChange): boolean {
  if (LEVEL_RANK[change.level] > LEVEL_RANK[dependency.reads]) return false;
  const target = dependency.to;
  if ('fileKind' in target) return target.fileKind === change.kind;
  const targetPath = target.path.toLowerCase();
  const changed = change.path.toLowerCase();
  return targetPath === changed || (change.level === 'existence' && changed.startsWith(`${targetPath}/`));
}
