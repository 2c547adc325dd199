import type { MarkdownFile } from '../markdown/parse-markdown.js';
import { readCause } from './cause.js';
import type { Cause, EntryProblem, GlossaryEntry, KnowledgeSource, Remediation } from './domain-types.js';
import { readGlossaryEntry } from './glossary.js';
import { readRemediation } from './remediation.js';

/** The domain files of one KB, by kind. */
export interface KnowledgeFiles {
  readonly glossary: readonly MarkdownFile[];
  readonly remediations: readonly MarkdownFile[];
  readonly causes: readonly MarkdownFile[];
}

/**
 * What a KB knows about its domain: glossary terms, remediations and causes,
 * its own entries merged over the bundled ones (same id: the KB's wins).
 * Immutable; rebuilt when a domain file changes.
 */
export class Knowledge {
  /** Problems of the KB's own domain files, by path (bundled files are not reported). */
  readonly problems: ReadonlyMap<string, readonly EntryProblem[]>;
  readonly glossary: readonly GlossaryEntry[];
  readonly remediations: readonly Remediation[];
  readonly causes: readonly Cause[];
  private readonly glossaryById: ReadonlyMap<string, GlossaryEntry>;
  private readonly remediationsById: ReadonlyMap<string, Remediation>;
  private readonly causesById: ReadonlyMap<string, Cause>;

  private constructor(glossary: GlossaryEntry[], remediations: Remediation[], causes: Cause[], problems: Map<string, EntryProblem[]>) {
    this.glossaryById = new Map(glossary.map((entry) => [entry.id, entry]));
    this.remediationsById = new Map(remediations.map((entry) => [entry.id, entry]));
    this.causesById = new Map(causes.map((entry) => [entry.id, entry]));
    this.glossary = [...this.glossaryById.values()];
    this.remediations = [...this.remediationsById.values()].sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
    this.causes = [...this.causesById.values()];
    this.problems = problems;
  }

  /** Knowledge with nothing in it. */
  static empty(): Knowledge {
    return new Knowledge([], [], [], new Map());
  }

  /**
   * Reads `files` as entries of `source` and lays them over `base` (the
   * bundled knowledge, or `undefined`). Never throws.
   */
  static build(files: KnowledgeFiles, source: KnowledgeSource, base: Knowledge | undefined): Knowledge {
    const problems = new Map<string, EntryProblem[]>();
    const read = <T>(list: readonly MarkdownFile[], reader: (file: MarkdownFile, source: KnowledgeSource) => { entry: T | undefined; problems: EntryProblem[] }): T[] =>
      list.flatMap((file) => {
        const result = reader(file, source);
        problems.set(file.path, result.problems);
        return result.entry === undefined ? [] : [result.entry];
      });
    return new Knowledge(
      [...(base?.glossary ?? []), ...read(files.glossary, readGlossaryEntry)],
      [...(base?.remediations ?? []), ...read(files.remediations, readRemediation)],
      [...(base?.causes ?? []), ...read(files.causes, readCause)],
      problems,
    );
  }

  /** The glossary entry with this id, or `undefined`. */
  glossaryEntry(id: string): GlossaryEntry | undefined {
    return this.glossaryById.get(id);
  }

  /** The remediation with this id, or `undefined`. */
  remediation(id: string): Remediation | undefined {
    return this.remediationsById.get(id);
  }

  /** The cause with this id, or `undefined`. */
  cause(id: string): Cause | undefined {
    return this.causesById.get(id);
  }

  /** Remediations that resolve `causeId`, best rank first. */
  remediationsFor(causeId: string): readonly Remediation[] {
    return this.remediations.filter((remediation) => remediation.resolves.includes(causeId));
  }
}
