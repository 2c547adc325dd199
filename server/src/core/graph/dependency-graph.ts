import type { ParsedFile } from '../parsed-file.js';
import type { FileKind } from '../types.js';
import { type Dependency, dependencySees, type FileChange } from './dependency.js';
import { DEPENDENCY_KINDS, type DependencyKind } from './dependency-kinds.js';
import { filesThatMayReference, type PrefilterSource } from './reference-prefilter.js';

/** What the graph reads of its KB: the view rules get, plus every path, the raw texts and the parsed forms. */
export interface GraphSource extends PrefilterSource {
  parse(path: string): ParsedFile | { readonly kind: 'unreadable' } | undefined;
}

/**
 * The dependencies between the files of one KB, from the
 * {@link DEPENDENCY_KINDS}: who must be checked again when a file changes.
 * A file's own references are read from its parsed form once per text
 * ({@link forget} drops them when the text changes); the references every
 * file has are computed once per knowledge ({@link clear}). The reverse index
 * is kept up to date file by file, so a keystroke costs the edited file's
 * references, not the KB's.
 */
export class DependencyGraph {
  private readonly outgoing = new Map<string, readonly Dependency[]>();
  /** Dependents by lower-case target path, and by target kind. */
  private readonly byPath = new Map<string, Set<string>>();
  private readonly byKind = new Map<FileKind, Set<string>>();
  /** Files whose references are not in the reverse index yet. */
  private stale = new Set<string>();
  private indexed = false;
  private everyFileCache: Array<{ readonly kind: DependencyKind; readonly dependency: Omit<Dependency, 'from'> }> | undefined;

  constructor(private readonly kb: GraphSource) {}

  /** Every dependency of the file at `path`: the references written in it and those every file of its kind has. */
  dependenciesOf(path: string): Dependency[] {
    return [...this.ownDependencies(path), ...this.everyFileDependencies(this.kb.kindOf(path), path)];
  }

  /** The text of `path` changed, or it was created or deleted: its references are read again when next needed. */
  forget(path: string): void {
    this.unindex(path);
    this.outgoing.delete(path);
    if (this.indexed) this.stale.add(path);
  }

  /** The knowledge changed: the references every file has are computed again. */
  knowledgeChanged(): void {
    this.everyFileCache = undefined;
  }

  /** The configuration changed (and with it the kind of each file): every reference is read again when next needed. */
  clear(): void {
    this.outgoing.clear();
    this.byPath.clear();
    this.byKind.clear();
    this.stale.clear();
    this.indexed = false;
    this.everyFileCache = undefined;
  }

  /**
   * The checked files whose findings `change` may change (not counting the
   * changed file itself), or `'all'` when every file reads it (the
   * configuration, the glossary...). Sorted.
   */
  dependentsOf(change: FileChange): string[] | 'all' {
    if (this.readByEveryFile(change)) return 'all';
    this.ensureIndexed();
    const candidates = new Set<string>();
    if (change.kind !== undefined) for (const from of this.byKind.get(change.kind) ?? []) candidates.add(from);
    const lower = change.path.toLowerCase();
    for (let target = lower; target.includes('/'); target = target.slice(0, target.lastIndexOf('/'))) {
      for (const from of this.byPath.get(target) ?? []) candidates.add(from);
      if (change.level !== 'existence') break;
    }
    return this.dependentsAmong(change, candidates);
  }

  /**
   * The checked files whose findings any of `changes` may change, the
   * changed files left out, or `'all'`: what {@link dependentsOf} gives for
   * each, without reading the references of the whole KB. Only the files
   * whose raw text may hold a reference that sees a change are parsed
   * ({@link filesThatMayReference}), so the cost grows with the change, not
   * with the KB: for a host that asks once, like `kb-lint --changed-since`.
   * Unlike the index, it may leave out a file whose only reference that sees a
   * created or deleted file is a link to a folder that exists before and
   * after (nothing it reads changed). Sorted.
   */
  dependentsOfChanges(changes: readonly FileChange[]): string[] | 'all' {
    if (changes.some((change) => this.readByEveryFile(change))) return 'all';
    const candidates = filesThatMayReference(this.kb, changes);
    const changed = new Set(changes.map((change) => change.path));
    const dependents = new Set(changes.flatMap((change) => this.dependentsAmong(change, candidates)));
    return [...dependents].filter((path) => !changed.has(path)).sort();
  }

  /**
   * Whether the check of every file reads the text of the file at `path`
   * (the configuration, the glossary, claims...): then any finding may
   * change with it. Reads no file's references.
   */
  isReadByEveryFile(path: string): boolean {
    return this.readByEveryFile({ path, kind: this.kb.kindOf(path), level: 'text' });
  }

  private readByEveryFile(change: FileChange): boolean {
    return this.everyFile().some(({ kind, dependency }) => kind.everyFile?.from === 'every' && dependencySees({ ...dependency, from: '' }, change));
  }

  /** Of `candidates`, those with a dependency that sees `change`, and every file of the kinds an every-file dependency that sees it is for. */
  private dependentsAmong(change: FileChange, candidates: Iterable<string>): string[] {
    const sees = (dependency: Dependency): boolean => dependencySees(dependency, change);
    const result = [...candidates].filter((from) => from !== change.path && this.dependenciesOf(from).some(sees));
    for (const { kind, dependency } of this.everyFile()) {
      if (kind.everyFile?.from === 'every' || !sees({ ...dependency, from: '' })) continue;
      const kinds = kind.everyFile?.from ?? [];
      for (const path of this.kb.checkedPaths()) {
        const fileKind = this.kb.kindOf(path);
        if (path !== change.path && fileKind !== undefined && kinds.includes(fileKind)) result.push(path);
      }
    }
    return [...new Set(result)].sort();
  }

  /**
   * What files depending on `path` at the `outline` level read of it, as one
   * comparable string: its anchors and its id. When an edit leaves it
   * unchanged, only the dependents that read the whole text are checked again.
   */
  outlineOf(path: string): string {
    const file = this.kb.markdown(path);
    if (file === undefined) return '';
    const id = file.frontMatter?.data?.id;
    return [`id:${typeof id === 'string' ? id : ''}`, ...[...file.anchors].sort()].join('\n');
  }

  private ownDependencies(path: string): readonly Dependency[] {
    const known = this.outgoing.get(path);
    if (known !== undefined) return known;
    const file = this.kb.kindOf(path) === undefined ? undefined : this.kb.parse(path);
    const dependencies: Dependency[] = [];
    if (file !== undefined && file.kind !== 'unreadable') {
      for (const kind of DEPENDENCY_KINDS) {
        for (const to of kind.targetsOf?.(file as ParsedFile, this.kb) ?? []) dependencies.push({ kind: kind.id, from: path, to, reads: kind.reads });
      }
    }
    this.outgoing.set(path, dependencies);
    return dependencies;
  }

  private everyFileDependencies(fileKind: FileKind | undefined, path: string): Dependency[] {
    if (fileKind === undefined) return [];
    return this.everyFile()
      .filter(({ kind }) => kind.everyFile?.from === 'every' || kind.everyFile?.from.includes(fileKind) === true)
      .map(({ dependency }) => ({ ...dependency, from: path }));
  }

  private everyFile(): NonNullable<DependencyGraph['everyFileCache']> {
    this.everyFileCache ??= DEPENDENCY_KINDS.flatMap((kind) => (kind.everyFile?.targets(this.kb) ?? []).map((to) => ({ kind, dependency: { kind: kind.id, to, reads: kind.reads } })));
    return this.everyFileCache;
  }

  private ensureIndexed(): void {
    if (!this.indexed) {
      this.indexed = true;
      this.stale = new Set(this.kb.checkedPaths());
    }
    for (const path of this.stale) {
      if (this.kb.exists(path)) this.index(path);
    }
    this.stale.clear();
  }

  private index(path: string): void {
    for (const dependency of this.ownDependencies(path)) {
      const target = dependency.to;
      const [map, key] = 'fileKind' in target ? [this.byKind, target.fileKind] as const : [this.byPath, target.path.toLowerCase()] as const;
      let set = (map as Map<string, Set<string>>).get(key);
      if (set === undefined) (map as Map<string, Set<string>>).set(key, (set = new Set()));
      set.add(path);
    }
  }

  private unindex(path: string): void {
    for (const dependency of this.outgoing.get(path) ?? []) {
      const target = dependency.to;
      if ('fileKind' in target) this.byKind.get(target.fileKind)?.delete(path);
      else this.byPath.get(target.path.toLowerCase())?.delete(path);
    }
  }
}
