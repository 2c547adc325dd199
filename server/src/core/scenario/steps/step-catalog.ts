/**
 * The merged step catalog: matching step texts, suggesting phrasings,
 * completion, and the phrasing that says a given meaning. The bundled
 * catalog comes first; a KB's own catalog files add entries and synonyms.
 */
import { distance } from 'fastest-levenshtein';
import type { Range } from '../../types.js';
import type { ProblemModel } from '../model/model-types.js';
import type { CatalogProblem, PhrasingSuggestion, StepCatalog, StepCatalogFile, StepEntry, StepForm, StepKind, StepMatch, StepMeaning } from './catalog-types.js';
import { type CompiledForm, compileFormParts, matchForm } from './match-form.js';
import { splitForm } from './parse-catalog.js';
import { allBindings, bindingsToTry, resolveMeaning, sameStepMeaning } from './step-meaning.js';

/**
 * Builds one catalog from catalog files and the KB's problem models: the
 * first file is the bundled catalog, later ones (a KB's own) add entries, and
 * items with only `id` and `synonyms` add phrasings to an entry of the same
 * id. Every entry's fact and values are checked against its model here. An
 * entry whose id exists with a different meaning, an extension of an unknown
 * id, or a phrasing that another entry of the same model already uses is a
 * problem and is skipped; the same entry loaded twice is merged quietly.
 */
export function mergeStepCatalogs(files: readonly StepCatalogFile[], models: readonly ProblemModel[]): { catalog: StepCatalog; problems: CatalogProblem[] } {
  const problems: CatalogProblem[] = [];
  const byId = new Map<string, StepEntry>();
  const modelOf = (entry: StepEntry): ProblemModel | undefined => models.find((model) => model.id === (entry.model ?? models[0]?.id));
  for (const file of files) {
    if (file.model !== undefined && !models.some((model) => model.id === file.model)) {
      const first = file.entries[0]?.source.range ?? file.extensions[0]?.source.range;
      if (first !== undefined) problems.push(catalogProblem({ path: file.path, range: first }, `The catalog names model "${file.model}", which no file in \`models/\` defines.`));
      continue;
    }
    for (const entry of file.entries) {
      const invalid = entry.fact === undefined ? undefined : firstInvalidMeaning(entry, modelOf(entry));
      if (invalid !== undefined) {
        problems.push(catalogProblem({ path: entry.source.path, range: entry.source.meaningRange }, `Step "${entry.id}": ${invalid}`));
        continue;
      }
      const existing = byId.get(entry.id);
      if (existing === undefined) byId.set(entry.id, entry);
      else if (sameEntryMeaning(existing, entry)) byId.set(entry.id, withSynonyms(existing, [entry.phrasing, ...entry.synonyms]));
      else problems.push(catalogProblem(entry.source, `Step id "${entry.id}" is already defined in ${existing.source.path} with a different meaning; choose another id, or give only \`id\` and \`synonyms\` to add phrasings.`));
    }
    for (const extension of file.extensions) {
      const existing = byId.get(extension.id);
      if (existing === undefined) problems.push(catalogProblem(extension.source, `Step id "${extension.id}" is not defined in any catalog, so its synonyms have nothing to extend; add \`kind\`, \`phrasing\` and \`fact\` to define it.`));
      else byId.set(extension.id, withSynonyms(existing, extension.synonyms));
    }
  }
  const entries = [...byId.values()];
  const forms: StepForm[] = [];
  const owners = new Map<string, StepEntry>();
  for (const entry of entries) {
    const model = entry.fact === undefined ? undefined : modelOf(entry);
    for (const [index, text] of [entry.phrasing, ...entry.synonyms].entries()) {
      const key = `${model?.id ?? ''}\u0000${formKey(text)}`;
      const owner = owners.get(key) ?? owners.get(`\u0000${formKey(text)}`);
      if (owner === entry) continue;
      if (owner !== undefined) {
        problems.push(catalogProblem(entry.source, `The phrasing "${text}" of step "${entry.id}" is already used by step "${owner.id}"; a phrasing must mean one thing.`));
        continue;
      }
      owners.set(key, entry);
      forms.push(compileForm(entry, text, index === 0, model));
    }
  }
  const all = { entries, forms };
  return { catalog: catalogForModel({ entries, forms, models, model: undefined, all }, models[0]?.id), problems };
}

const views = new WeakMap<readonly StepForm[], Map<string, StepCatalog>>();

/**
 * The catalog as a scenario of `modelId` sees it: the entries of that model
 * and the vocabulary outside every model. Computed once per catalog and model.
 */
export function catalogForModel(catalog: StepCatalog, modelId: string | undefined): StepCatalog {
  const model = catalog.models.find((candidate) => candidate.id === modelId);
  if (model === catalog.model) return catalog;
  let byModel = views.get(catalog.all.forms);
  if (byModel === undefined) {
    byModel = new Map();
    views.set(catalog.all.forms, byModel);
  }
  const key = model?.id ?? '';
  let view = byModel.get(key);
  if (view === undefined) {
    const belongs = (entry: StepEntry): boolean => entry.fact === undefined || (entry.model ?? catalog.models[0]?.id) === model?.id;
    view = { entries: catalog.all.entries.filter(belongs), forms: catalog.all.forms.filter((form) => belongs(form.entry)), models: catalog.models, model, all: catalog.all };
    byModel.set(key, view);
  }
  return view;
}

/**
 * Normalizes a step text for matching: surrounding whitespace and one
 * trailing period go; case is ignored by the matcher.
 */
export function normalizeStepText(text: string): string {
  const trimmed = text.trim();
  return (trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed).trimEnd();
}

/**
 * Matches a step text (without its keyword) against the catalog, ignoring
 * case, surrounding whitespace and a trailing period. Returns the first
 * entry in catalog order whose phrasing matches, or `undefined`. Time is
 * linear in the text's length for each phrasing.
 */
export function matchStep(catalog: StepCatalog, text: string): StepMatch | undefined {
  const normalized = normalizeStepText(text);
  for (const form of catalog.forms) {
    const written = matchForm(compiledParts(form), normalized);
    if (written === undefined) continue;
    if (form.fixedMeaning !== undefined) return { entry: form.entry, form: form.text, bindings: {}, meaning: form.fixedMeaning };
    const bindings: Record<string, string> = {};
    for (const [name, value] of Object.entries(written)) {
      const values = form.entry.placeholders.find((placeholder) => placeholder.name === name)?.values;
      bindings[name] = values?.find((candidate) => candidate.toLowerCase() === value.toLowerCase()) ?? value;
    }
    const meaning = resolveMeaning(form.entry.kind, form.entry.fact, form.entry.value, bindings, catalog.model);
    if (typeof meaning === 'string') continue;
    return { entry: form.entry, form: form.text, bindings, meaning };
  }
  return undefined;
}

const compiled = new WeakMap<StepForm, CompiledForm>();

function compiledParts(form: StepForm): CompiledForm {
  let parts = compiled.get(form);
  if (parts === undefined) {
    parts = compileFormParts(form.parts, form.entry.placeholders);
    compiled.set(form, parts);
  }
  return parts;
}

/** The least similarity (1 minus edit distance over length) a suggestion needs to be offered. */
export const SUGGESTION_SIMILARITY = 0.6;

/**
 * The catalog phrasings closest to `text`, ranked by meaning first: phrasings
 * of `kind` (when given), then those that say yes or no as the text does,
 * then by edit distance. Placeholders with a list of values are expanded,
 * free-text placeholders take the first quoted string of `text`. Phrasings
 * less similar than {@link SUGGESTION_SIMILARITY} are left out, so the list may be empty.
 */
export function closestPhrasings(
  catalog: StepCatalog,
  text: string,
  options: { readonly kind?: StepKind; readonly limit?: number } = {},
): PhrasingSuggestion[] {
  const normalized = normalizeStepText(text);
  const quoted = /"([^"]*)"/.exec(normalized)?.[1];
  const wanted = normalized.toLowerCase();
  const negative = isNegative(wanted);
  const best = new Map<string, PhrasingSuggestion>();
  for (const form of catalog.forms) {
    for (const candidate of expandForm(form, quoted)) {
      const score = distance(wanted, candidate.toLowerCase());
      if (score > Math.floor((1 - SUGGESTION_SIMILARITY) * Math.max(wanted.length, candidate.length))) continue;
      const key = candidate.toLowerCase();
      const previous = best.get(key);
      if (previous === undefined || score < previous.distance) best.set(key, { text: candidate, entry: form.entry, distance: score });
    }
  }
  const rank = (suggestion: PhrasingSuggestion): number[] => [
    options.kind === undefined || suggestion.entry.kind === options.kind ? 0 : 1,
    isNegative(suggestion.text.toLowerCase()) === negative ? 0 : 1,
    suggestion.distance,
  ];
  return [...best.values()]
    .sort((a, b) => compareRanks(rank(a), rank(b)))
    .slice(0, options.limit ?? 3);
}

/**
 * The canonical phrasing that says `meaning`, with placeholders filled, or
 * `undefined` when no entry of the catalog says it.
 */
export function phrasingFor(catalog: StepCatalog, meaning: StepMeaning): string | undefined {
  if (meaning.kind === 'none') return undefined;
  const kind: StepKind = meaning.kind === 'condition' ? 'given' : meaning.kind === 'event' ? 'when' : 'then';
  const fact = meaning.kind === 'condition' ? meaning.condition : meaning.kind === 'event' ? 'event' : meaning.outcome.fact;
  for (const entry of catalog.entries) {
    if (entry.kind !== kind || entry.fact !== fact) continue;
    const names = entry.placeholders.map((placeholder) => placeholder.name);
    for (const bindings of bindingsToTry(entry, meaning)) {
      const resolved = resolveMeaning(entry.kind, entry.fact, entry.value, bindings, catalog.model);
      if (typeof resolved !== 'string' && sameStepMeaning(resolved, meaning)) {
        return names.reduce((text, name) => text.replace(`<${name}>`, bindings[name] ?? `<${name}>`), entry.phrasing);
      }
    }
  }
  return undefined;
}

/** A completion proposal for a step. */
export interface StepCompletion {
  readonly entry: StepEntry;
  /** The canonical phrasing, placeholders in angle brackets. */
  readonly label: string;
  /** A TextMate-style snippet: `${1|2003,2007,2010|}` for listed values, `${1:text}` for free text. */
  readonly snippet: string;
}

/** Completion proposals for steps of `kind` (all kinds when absent), in catalog order. */
export function stepCompletions(catalog: StepCatalog, kind?: StepKind): StepCompletion[] {
  return catalog.entries
    .filter((entry) => kind === undefined || entry.kind === kind)
    .map((entry) => {
      let tabStop = 0;
      const snippet = splitForm(entry.phrasing)
        .map((part) => {
          if (part.kind === 'literal') return part.text.replace(/[$}\\]/g, (char) => `\\${char}`);
          tabStop += 1;
          const values = entry.placeholders.find((placeholder) => placeholder.name === part.name)?.values;
          return values === undefined ? `\${${tabStop}:${part.name}}` : `\${${tabStop}|${values.map((value) => value.replace(/[,|\\]/g, (char) => `\\${char}`)).join(',')}|}`;
        })
        .join('');
      return { entry, label: entry.phrasing, snippet };
    });
}

/** The first reason an entry's meaning fails against its model, over every combination of its listed values. */
function firstInvalidMeaning(entry: StepEntry, model: ProblemModel | undefined): string | undefined {
  for (const bindings of allBindings(entry)) {
    const meaning = resolveMeaning(entry.kind, entry.fact, entry.value, bindings, model);
    if (typeof meaning === 'string') return meaning;
  }
  return undefined;
}

const NEGATION = /\b(?:no|not|never|none|nobody|cannot|without)\b|n't\b/;

function isNegative(text: string): boolean {
  return NEGATION.test(text);
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (const [index, value] of a.entries()) {
    const difference = value - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function sameEntryMeaning(a: StepEntry, b: StepEntry): boolean {
  return a.kind === b.kind && a.fact === b.fact && a.model === b.model && JSON.stringify(a.value) === JSON.stringify(b.value)
    && JSON.stringify(a.placeholders) === JSON.stringify(b.placeholders);
}

function withSynonyms(entry: StepEntry, synonyms: readonly string[]): StepEntry {
  const known = new Set([entry.phrasing, ...entry.synonyms].map(formKey));
  const added = synonyms.filter((synonym) => {
    const key = formKey(synonym);
    if (known.has(key)) return false;
    known.add(key);
    return true;
  });
  return added.length === 0 ? entry : { ...entry, synonyms: [...entry.synonyms, ...added] };
}

function compileForm(entry: StepEntry, text: string, canonical: boolean, model: ProblemModel | undefined): StepForm {
  const parts = splitForm(text);
  const fixed = parts.some((part) => part.kind === 'placeholder') ? undefined : resolveMeaning(entry.kind, entry.fact, entry.value, {}, model);
  return { entry, text, canonical, parts, fixedMeaning: typeof fixed === 'string' ? undefined : fixed };
}

/** Concrete texts a form can take, for edit-distance suggestions (bounded by the catalog's combination limit). */
function expandForm(form: StepForm, quoted: string | undefined): string[] {
  let texts = [''];
  for (const part of form.parts) {
    if (part.kind === 'literal') {
      texts = texts.map((text) => text + part.text);
      continue;
    }
    const values = form.entry.placeholders.find((placeholder) => placeholder.name === part.name)?.values ?? [quoted ?? `<${part.name}>`];
    texts = texts.flatMap((text) => values.map((value) => text + value));
  }
  return texts;
}

function formKey(text: string): string {
  return normalizeStepText(text).toLowerCase();
}

function catalogProblem(source: { readonly path: string; readonly range: Range }, message: string): CatalogProblem {
  return { path: source.path, range: source.range, message, severity: 'error' };
}
