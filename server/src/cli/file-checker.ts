import type { Engine, Finding, KnowledgeBase } from '../core/index.js';
import { type CacheKeyInputs, type CachedFile, type CheckCache, dependencyStateOf, dependencyStates, hashText, isCachedFile, kbCacheKey } from './check-cache.js';

/**
 * Checks the files of one KB, reusing cached findings of articles when
 * `--cache` is on and nothing they depend on changed (see {@link CheckCache}).
 */
export class FileChecker {
  private constructor(
    private readonly engine: Engine,
    private readonly kb: KnowledgeBase,
    private readonly entries: Record<string, CachedFile> | undefined,
  ) {}

  /**
   * States of whole kinds of file (the glossary, the claims...), computed once
   * per run: a run changes only the files it fixes, and a fix changes only
   * the file it is in, an article, which no cached article reads as a kind.
   */
  private readonly kindStates = new Map<string, string>();

  private stateOf(key: string): string {
    if (!key.startsWith('kind:')) return dependencyStateOf(this.kb, key);
    let state = this.kindStates.get(key);
    if (state === undefined) this.kindStates.set(key, (state = dependencyStateOf(this.kb, key)));
    return state;
  }

  /** A checker for `kb`; with a cache, drops the cached files the KB no longer checks. */
  static async create(engine: Engine, kb: KnowledgeBase, cache: CheckCache | undefined, inputs: CacheKeyInputs): Promise<FileChecker> {
    if (cache === undefined) return new FileChecker(engine, kb, undefined);
    const entries = cache.entriesFor(kb.root, await kbCacheKey(kb, inputs));
    const checked = new Set(kb.checkedPaths());
    for (const path of Object.keys(entries)) {
      if (!checked.has(path) || !isCachedFile(entries[path])) delete entries[path];
    }
    return new FileChecker(engine, kb, entries);
  }

  /** The findings of the file at `path`, from the cache when they still hold. */
  check(path: string): readonly Finding[] {
    const text = this.cacheableText(path);
    if (text === undefined || this.entries === undefined) return this.engine.check(this.kb, path);
    const hash = hashText(text);
    const entry = this.entries[path];
    if (entry?.hash === hash && Object.entries(entry.dependencies).every(([dependency, state]) => this.stateOf(dependency) === state)) {
      return entry.findings;
    }
    const findings = this.engine.check(this.kb, path);
    const dependencies = dependencyStates(this.kb, this.kb.dependencies.dependenciesOf(path).map((dependency) => dependency.to), (key) => this.stateOf(key));
    this.entries[path] = { hash, dependencies, findings };
    return findings;
  }

  /** The text of an article, the only kind of file whose findings are cached; `undefined` otherwise. */
  private cacheableText(path: string): string | undefined {
    return this.entries !== undefined && this.kb.kindOf(path) === 'article' ? this.kb.textOf(path) : undefined;
  }
}
