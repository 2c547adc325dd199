/**
 * The step vocabulary of scenario files, as data: catalog files map
 * phrasings (with placeholders and synonyms) to the conditions, events and
 * outcomes of a problem model. `kb/steps/catalog.yaml` documents the format.
 */
import type { Range } from '../../types.js';
import type { Outcome } from '../judge-outcome.js';
import type { ConditionValue, ProblemModel } from '../model/model-types.js';

/** Which part of a scenario a step belongs to. */
export type StepKind = 'given' | 'when' | 'then';

/** A value in a catalog entry: a literal, a `<placeholder>` reference, or (for remediations) a map of changes. */
export type StepValue = string | boolean | Readonly<Record<string, string | boolean>>;

/** A `<name>` in a phrasing: one of a list of values, or free text when `values` is absent. */
export interface StepPlaceholder {
  readonly name: string;
  readonly values?: readonly string[];
}

/** One entry of the catalog. */
export interface StepEntry {
  readonly id: string;
  readonly kind: StepKind;
  /** The canonical phrasing, offered by completion and quick fixes. */
  readonly phrasing: string;
  readonly synonyms: readonly string[];
  readonly description: string;
  readonly placeholders: readonly StepPlaceholder[];
  /** The model fact the step maps to; `undefined` for vocabulary outside the model. */
  readonly fact?: string;
  readonly value?: StepValue;
  /** The model the entry speaks of (its file's `model:`), when the file names one. */
  readonly model?: string;
  /** Where the entry is defined, and where its `fact`/`value` is (for problems found against the model). */
  readonly source: { readonly path: string; readonly range: Range; readonly meaningRange: Range };
}

/** Synonyms a KB adds to an entry defined elsewhere. */
export interface StepExtension {
  readonly id: string;
  readonly synonyms: readonly string[];
  readonly source: { readonly path: string; readonly range: Range };
}

/** What a matched step means to the model. */
export type StepMeaning =
  | { readonly kind: 'condition'; readonly condition: string; readonly value: ConditionValue }
  | { readonly kind: 'event'; readonly event: string }
  | { readonly kind: 'outcome'; readonly outcome: Outcome }
  | { readonly kind: 'none' };

/** A problem in a catalog file. */
export interface CatalogProblem {
  readonly path: string;
  readonly range: Range;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** One parsed catalog file. */
export interface StepCatalogFile {
  readonly path: string;
  /** The model the file's entries speak of (`model:` at the top), when named. */
  readonly model?: string;
  readonly entries: readonly StepEntry[];
  readonly extensions: readonly StepExtension[];
  readonly problems: readonly CatalogProblem[];
}

/** One phrasing of an entry, split into parts for matching. */
export interface StepForm {
  readonly entry: StepEntry;
  readonly text: string;
  readonly canonical: boolean;
  readonly parts: readonly FormPart[];
  /** The meaning, resolved once when the form has no placeholders. */
  readonly fixedMeaning: StepMeaning | undefined;
}

/** A piece of a phrasing: literal text or a `<placeholder>`. */
export type FormPart = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'placeholder'; readonly name: string };

/** A ready-to-match catalog; build it with `mergeStepCatalogs`. */
export interface StepCatalog {
  /** The entries of this view's model, and the vocabulary outside every model. */
  readonly entries: readonly StepEntry[];
  /** Every phrasing of those entries, in catalog order. */
  readonly forms: readonly StepForm[];
  /** The models the entries speak of; the first is the default of a scenario file that names none. */
  readonly models: readonly ProblemModel[];
  /** The model this view of the catalog is for (see `catalogForModel`). */
  readonly model: ProblemModel | undefined;
  /** The whole merged catalog, every model's entries, which views are cut from. */
  readonly all: { readonly entries: readonly StepEntry[]; readonly forms: readonly StepForm[] };
}

/** A step text matched against the catalog. */
export interface StepMatch {
  readonly entry: StepEntry;
  /** The phrasing that matched (the canonical one or a synonym). */
  readonly form: string;
  /** Placeholder values, as written in the catalog (`2010`) or the step (free text). */
  readonly bindings: Readonly<Record<string, string>>;
  readonly meaning: StepMeaning;
}

/** A catalog phrasing close to a step text, for quick fixes. */
export interface PhrasingSuggestion {
  /** The phrasing with placeholders filled where the step text allows. */
  readonly text: string;
  readonly entry: StepEntry;
  readonly distance: number;
}
