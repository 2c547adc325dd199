import type { KbView } from '../kb-view.js';
import { dirname, extname, isInside } from '../paths.js';
import type { FileKind } from '../types.js';
import type { FileChange } from './dependency.js';
import { DEPENDENCY_KINDS } from './dependency-kinds.js';
import { foldCase, WrittenText, yamlMayHideAny } from './written-text.js';

/** What the prefilter reads of its KB: the view rules get, plus every path and the raw texts. */
export interface PrefilterSource extends KbView {
  allPaths(): string[];
  checkedPaths(): string[];
  textOf(path: string): string | undefined;
}

/**
 * Files whose references the prefilter may rule out by their raw text:
 * Markdown pages and includes, scenario files and YAML tables of contents.
 * The configuration and knowledge files (few, and read for the knowledge
 * anyway), catalogs and models are always candidates.
 */
const TEXT_FILTERED_KINDS: ReadonlySet<FileKind | undefined> = new Set([undefined, 'article', 'toc', 'scenario']);
const TEXT_FILTERED_EXTENSIONS: ReadonlySet<string> = new Set(['.md', '.scenario', '.yml', '.yaml']);

/**
 * The files of `kb` that may hold a reference that sees one of `changes`,
 * found from raw text so that the others are never parsed: a superset of
 * the dependents in the `DependencyGraph`, which the graph then narrows
 * by parsing these files only. A file is ruled out only when its text
 * mentions none of the strings that the {@link DEPENDENCY_KINDS} say their
 * references to the changed files are written with (`DependencyKind.writtenAs`);
 * a kind that does not say makes every file a candidate. Includes are
 * followed: a page that includes a changed file shows it, so references to
 * the page count too (kinds with `showsTarget`). For a
 * file created or deleted, the folders that appear or disappear with it count
 * as changed too (a link may name a folder). Parses only the Markdown files
 * that may include a changed file. Never throws.
 */
export function filesThatMayReference(kb: PrefilterSource, changes: readonly FileChange[]): Set<string> {
  const checked = kb.checkedPaths();
  if (DEPENDENCY_KINDS.some((kind) => kind.targetsOf !== undefined && kind.writtenAs === undefined)) return new Set(checked);
  const texts = new Map<string, WrittenText>();
  const textOf = (path: string): WrittenText | undefined => {
    let written = texts.get(path);
    const raw = written === undefined ? kb.textOf(path) : undefined;
    if (raw !== undefined) texts.set(path, (written = new WrittenText(raw)));
    return written;
  };
  const seen = [...changes, ...appearingOrDisappearingFolders(kb, changes), ...pagesShowing(kb, changes, textOf)];
  const needles = new Set(seen.flatMap((change) => DEPENDENCY_KINDS.flatMap((kind) => kind.writtenAs?.(change) ?? []).map(foldCase)));
  return new Set(checked.filter((path) => !canRuleOutByText(kb, path, needles) || textOf(path)?.mentionsAny(needles) === true));
}

function canRuleOutByText(kb: PrefilterSource, path: string, needles: ReadonlySet<string>): boolean {
  const extension = extname(path);
  if (!TEXT_FILTERED_EXTENSIONS.has(extension) || !TEXT_FILTERED_KINDS.has(kb.kindOf(path))) return false;
  if (extension !== '.yml' && extension !== '.yaml') return true;
  const text = kb.textOf(path);
  return text !== undefined && !yamlMayHideAny(text, needles);
}

/**
 * Folders below the root that exist only through changed files (created
 * with them) or no longer exist (emptied by a deletion): their existence
 * changed, and a link to a folder sees that.
 */
function appearingOrDisappearingFolders(kb: PrefilterSource, changes: readonly FileChange[]): FileChange[] {
  const existenceChanges = changes.filter((change) => change.level === 'existence');
  if (existenceChanges.length === 0) return [];
  const changedPaths = new Set(existenceChanges.map((change) => change.path));
  const heldByUnchangedFiles = new Set<string>();
  for (const path of kb.allPaths()) {
    if (changedPaths.has(path)) continue;
    for (let folder = dirname(path); isInside(folder, kb.root) && !heldByUnchangedFiles.has(folder); folder = dirname(folder)) heldByUnchangedFiles.add(folder);
  }
  const folders = new Set<string>();
  for (const change of existenceChanges) {
    for (let folder = dirname(change.path); isInside(folder, kb.root) && folder !== kb.root && !heldByUnchangedFiles.has(folder); folder = dirname(folder)) folders.add(folder);
  }
  return [...folders].map((path) => ({ path, kind: undefined, level: 'existence' }));
}

/**
 * The Markdown files (pages and includes, checked or not) that show a
 * changed file, directly or through other includes, as changes of the same
 * level: a link to one of them with a fragment reads the anchors the changed
 * file brings, and a page that includes it reads its text.
 */
function pagesShowing(kb: PrefilterSource, changes: readonly FileChange[], textOf: (path: string) => WrittenText | undefined): FileChange[] {
  const showingKinds = DEPENDENCY_KINDS.filter((kind) => kind.showsTarget === true);
  if (showingKinds.length === 0) return [];
  const shown = new Map(changes.map((change) => [foldCase(change.path), change]));
  const found: FileChange[] = [];
  const markdownPaths = kb.allPaths().filter((path) => extname(path) === '.md');
  for (let newlyShown = [...changes]; newlyShown.length > 0;) {
    const needles = new Set(newlyShown.flatMap((change) => showingKinds.flatMap((kind) => kind.writtenAs?.(change) ?? []).map(foldCase)));
    const next: FileChange[] = [];
    for (const path of markdownPaths) {
      if (shown.has(foldCase(path)) || textOf(path)?.mentionsAny(needles) !== true) continue;
      const file = kb.markdown(path);
      if (file === undefined) continue;
      const targets = showingKinds.flatMap((kind) => kind.targetsOf?.(file, kb) ?? []);
      const showsChange = targets.flatMap((target) => ('path' in target ? [shown.get(foldCase(target.path))] : [])).find((change) => change !== undefined);
      if (showsChange === undefined) continue;
      const change: FileChange = { path, kind: kb.kindOf(path), level: showsChange.level };
      shown.set(foldCase(path), change);
      next.push(change);
    }
    found.push(...next);
    newlyShown = next;
  }
  return found;
}
