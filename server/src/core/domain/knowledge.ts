import type { FrontMatterFile } from '../markdown/front-matter-file.js';
import { readCause } from './cause.js';
import { type Claim, readClaim } from './claims.js';
import { isRelationFile, readRelation, type Relation } from '../claims/relations.js';
import type { Cause, EntryProblem, GlossaryEntry, KnowledgeSource, Remediation } from './domain-types.js';
import { readGlossaryEntry } from './glossary.js';
import { readRemediation } from './remediation.js';
import { TermMatcher } from './term-matcher.js';
import type { ModelFile, ModelProblem, ProblemModel } from '../scenario/model/model-types.js';
import type { CatalogProblem, StepCatalog, StepCatalogFile } from '../scenario/steps/catalog-types.js';
import { mergeStepCatalogs } from '../scenario/steps/step-catalog.js';

/** The domain files of one KB, by kind. */
export interface KnowledgeFiles {
  readonly glossary: readonly FrontMatterFile[];
  readonly remediations: readonly FrontMatterFile[];
  readonly causes: readonly FrontMatterFile[];
  readonly claims: readonly FrontMatterFile[];
  /**
   * Step catalog files (YAML), parsed. Read only when scenario knowledge is
   * first asked for ({@link Knowledge.steps}, {@link Knowledge.models}...),
   * so a getter that parses on first use saves checks of articles the work.
   */
  readonly steps: readonly StepCatalogFile[];
  /** Problem model files (YAML), read; read as late as {@link steps}. */
  readonly models: readonly ModelFile[];
  /**
   * Whether a path is a file of the KB these files come from (its file
   * list, not the disk). Links that entries name, such as a claim's `see`,
   * are opened only when they lead to such a file; without it, none is.
   */
  readonly hasFile?: (path: string) => boolean;
}

/** The step catalog and model files of a {@link Knowledge}, bundled ones first. */
interface ScenarioFiles {
  readonly stepFiles: readonly StepCatalogFile[];
  readonly modelFiles: readonly ModelFile[];
}

/** What scenarios are checked against, derived from {@link ScenarioFiles}. */
interface ScenarioKnowledge extends ScenarioFiles {
  readonly steps: StepCatalog;
  readonly stepProblems: readonly CatalogProblem[];
  readonly models: readonly ProblemModel[];
  readonly modelProblems: readonly ModelProblem[];
}

/**
 * What a KB knows about its domain: glossary terms, remediations, causes and claims,
 * its own entries merged over the bundled ones (same id: the KB's wins).
 * Immutable; rebuilt when a domain file changes. The step catalogs and
 * problem models are read on first use: checking an article needs neither.
 */
export class Knowledge {
  /** Problems of the KB's own domain files, by path (bundled files are not reported). */
  readonly problems: ReadonlyMap<string, readonly EntryProblem[]>;
  readonly glossary: readonly GlossaryEntry[];
  readonly remediations: readonly Remediation[];
  readonly causes: readonly Cause[];
  readonly claims: readonly Claim[];
  /** The relation lexicon of claims (`claims/relations/`), the KB's own over the bundled one. */
  readonly relations: readonly Relation[];
  private readonly glossaryById: ReadonlyMap<string, GlossaryEntry>;
  private readonly remediationsById: ReadonlyMap<string, Remediation>;
  private readonly causesById: ReadonlyMap<string, Cause>;
  private readonly claimsById: ReadonlyMap<string, Claim>;
  private termMatcher: TermMatcher | undefined;
  private readonly fileLists: ReadonlyMap<KnowledgeSource, (path: string) => boolean>;
  /** Where the step catalogs and models come from, until {@link scenarioKnowledge} has read them. */
  private scenarioFiles: (() => ScenarioFiles) | undefined;
  private scenario: ScenarioKnowledge | undefined;

  private constructor(glossary: GlossaryEntry[], remediations: Remediation[], causes: Cause[], claims: Claim[], relations: Relation[], scenarioFiles: () => ScenarioFiles, problems: Map<string, EntryProblem[]>, fileLists: ReadonlyMap<KnowledgeSource, (path: string) => boolean> = new Map()) {
    this.fileLists = fileLists;
    this.relations = relations;
    this.glossaryById = new Map(glossary.map((entry) => [entry.id, entry]));
    this.remediationsById = new Map(remediations.map((entry) => [entry.id, entry]));
    this.causesById = new Map(causes.map((entry) => [entry.id, entry]));
    this.glossary = [...this.glossaryById.values()];
    this.remediations = [...this.remediationsById.values()].sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
    this.causes = [...this.causesById.values()];
    this.claimsById = new Map(claims.map((entry) => [entry.id, entry]));
    this.claims = [...this.claimsById.values()];
    this.problems = problems;
    this.scenarioFiles = scenarioFiles;
  }

  /** The step catalog files behind {@link steps}, bundled ones first. */
  get stepFiles(): readonly StepCatalogFile[] {
    return this.scenarioKnowledge().stepFiles;
  }

  /** The merged step catalog scenarios are matched against. */
  get steps(): StepCatalog {
    return this.scenarioKnowledge().steps;
  }

  /** Problems of the step catalog files (their own and from merging), for the KB's files. */
  get stepProblems(): readonly CatalogProblem[] {
    return this.scenarioKnowledge().stepProblems;
  }

  /** The model files behind {@link models}, bundled ones first. */
  get modelFiles(): readonly ModelFile[] {
    return this.scenarioKnowledge().modelFiles;
  }

  /** The problem models scenarios are checked against (a KB's model replaces a bundled one of the same id). */
  get models(): readonly ProblemModel[] {
    return this.scenarioKnowledge().models;
  }

  /** Problems of the model files, for the KB's files. */
  get modelProblems(): readonly ModelProblem[] {
    return this.scenarioKnowledge().modelProblems;
  }

  /** Knowledge with nothing in it. */
  static empty(): Knowledge {
    return new Knowledge([], [], [], [], [], () => ({ stepFiles: [], modelFiles: [] }), new Map());
  }

  /**
   * Reads `files` as entries of `source` and lays them over `base` (the
   * bundled knowledge, or `undefined`). Never throws.
   */
  static build(files: KnowledgeFiles, source: KnowledgeSource, base: Knowledge | undefined): Knowledge {
    const problems = new Map<string, EntryProblem[]>();
    const read = <T>(list: readonly FrontMatterFile[], reader: (file: FrontMatterFile, source: KnowledgeSource) => { entry: T | undefined; problems: EntryProblem[] }): T[] =>
      list.flatMap((file) => {
        const result = reader(file, source);
        problems.set(file.path, result.problems);
        return result.entry === undefined ? [] : [result.entry];
      });
    const glossary = [...(base?.glossary ?? []), ...read(files.glossary, readGlossaryEntry)];
    // Claims name glossary entries (`term:<id>`), so they are read against the glossary merged above.
    const glossaryById = new Map(glossary.map((entry) => [entry.id, entry]));
    // Claim statements name relations of the lexicon, read first; the KB's own replace bundled ones of the same id.
    const relations = new Map([...(base?.relations ?? []), ...read(files.claims.filter((file) => isRelationFile(file.path)), readRelation)].map((entry) => [entry.id, entry]));
    const lexicon = { glossary, relations };
    const claimFiles = files.claims.filter((file) => !isRelationFile(file.path));
    return new Knowledge(
      glossary,
      [...(base?.remediations ?? []), ...read(files.remediations, readRemediation)],
      [...(base?.causes ?? []), ...read(files.causes, readCause)],
      [...(base?.claims ?? []), ...read(claimFiles, (file, claimSource) => readClaim(file, claimSource, (id) => glossaryById.get(id), lexicon))],
      [...relations.values()],
      // Only scenarios, step catalogs, models and remediations' `changes` need these: read on first use.
      () => ({ stepFiles: [...(base?.stepFiles ?? []), ...files.steps], modelFiles: [...(base?.modelFiles ?? []), ...files.models] }),
      problems,
      new Map([...(base?.fileLists ?? []), ...(files.hasFile === undefined ? [] : [[source, files.hasFile] as const])]),
    );
  }

  /** Finds glossary mentions in text; built on first use, then shared by every rule and editor feature. */
  get terms(): TermMatcher {
    this.termMatcher ??= TermMatcher.build(this.glossary);
    return this.termMatcher;
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

  /** Whether `path` is in the file list of the KB that entries of `source` were read from. */
  hasFileOf(source: KnowledgeSource, path: string): boolean {
    return this.fileLists.get(source)?.(path) ?? false;
  }

  /** The claim with this id, or `undefined`. */
  claim(id: string): Claim | undefined {
    return this.claimsById.get(id);
  }

  /** The step catalogs and models, read and merged on first use; the same objects ever after. */
  private scenarioKnowledge(): ScenarioKnowledge {
    if (this.scenario === undefined) {
      const { stepFiles, modelFiles } = this.scenarioFiles?.() ?? { stepFiles: [], modelFiles: [] };
      this.scenarioFiles = undefined;
      const byId = new Map<string, ProblemModel>();
      for (const file of modelFiles) if (file.model !== undefined) byId.set(file.model.id, file.model);
      const models = [...byId.values()];
      const merged = mergeStepCatalogs(stepFiles, models);
      this.scenario = {
        stepFiles,
        steps: merged.catalog,
        stepProblems: [...stepFiles.flatMap((file) => file.problems), ...merged.problems],
        modelFiles,
        models,
        modelProblems: modelFiles.flatMap((file) => file.problems),
      };
    }
    return this.scenario;
  }

  /** Remediations that resolve `causeId`, best rank first. */
  remediationsFor(causeId: string): readonly Remediation[] {
    return this.remediations.filter((remediation) => remediation.resolves.includes(causeId));
  }
}
