/**
 * The step vocabulary of scenario files, kept as data so that writers add
 * phrasings without touching code. A catalog file is YAML:
 *
 * ```yaml
 * steps:
 *   - id: exchange-version
 *     kind: given                 # given | when | then
 *     phrasing: the mailbox is on Exchange Server <version>
 *     synonyms: [the mailbox is on Exchange <version>]
 *     placeholders: { version: [2003, 2007, 2010] }   # or `text` for free text
 *     description: Which Exchange Server version holds the mailbox.
 *     fact: exchangeVersion       # a model condition, `event`, or an outcome fact
 *     value: <version>            # literal, or a placeholder of the phrasing
 *   - id: user-remote             # id + synonyms only: adds phrasings to an existing entry
 *     synonyms: [the user works from home]
 * ```
 *
 * An entry without `fact` is part of the vocabulary but outside the model.
 * The bundled catalog comes first; a KB's own catalog files add entries and
 * synonyms (see {@link mergeStepCatalogs}).
 */
import { distance } from 'fastest-levenshtein';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { TextDocument } from '../text-document.js';
import type { Range } from '../types.js';
import { type Outcome, OUTCOME_VALUES, type OutcomeFact } from './judge-outcome.js';
import {
  CONDITION_VALUES,
  type ConditionName,
  type ConditionValue,
  type GivenConditions,
  MODEL_EVENTS,
  type ModelEvent,
} from './model.js';

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
  /** Where the entry is defined. */
  readonly source: { readonly path: string; readonly range: Range };
}

/** Synonyms a KB adds to an entry defined elsewhere. */
export interface StepExtension {
  readonly id: string;
  readonly synonyms: readonly string[];
  readonly source: { readonly path: string; readonly range: Range };
}

/** What a matched step means to the model. */
export type StepMeaning =
  | { readonly kind: 'condition'; readonly condition: ConditionName; readonly value: ConditionValue }
  | { readonly kind: 'event'; readonly event: ModelEvent }
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
  readonly entries: readonly StepEntry[];
  readonly extensions: readonly StepExtension[];
  readonly problems: readonly CatalogProblem[];
}

/** A ready-to-match catalog; build it with {@link mergeStepCatalogs}. */
export interface StepCatalog {
  readonly entries: readonly StepEntry[];
  /** Every phrasing of every entry, compiled, in catalog order. */
  readonly forms: readonly StepForm[];
}

/** One phrasing of an entry, compiled for matching. */
export interface StepForm {
  readonly entry: StepEntry;
  readonly text: string;
  readonly canonical: boolean;
  readonly pattern: RegExp;
  readonly placeholderOrder: readonly string[];
  /** The meaning, resolved once when the form has no placeholders. */
  readonly fixedMeaning: StepMeaning | undefined;
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

/**
 * Parses one catalog file. Problems (YAML syntax, missing or invalid fields,
 * facts and values the model does not know) are returned as data with
 * ranges; entries with problems are left out. Never throws.
 */
export function parseStepCatalog(text: string, path: string): StepCatalogFile {
  const document = new TextDocument(path, text);
  const problems: CatalogProblem[] = [];
  const entries: StepEntry[] = [];
  const extensions: StepExtension[] = [];
  const problem = (range: readonly number[] | null | undefined, message: string, severity: 'error' | 'warning' = 'error'): void => {
    problems.push({ path, range: rangeOf(document, range), message, severity });
  };
  let yaml;
  try {
    yaml = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    problem(undefined, `The step catalog could not be read: ${String(error)}.`);
    return { path, entries, extensions, problems };
  }
  for (const error of yaml.errors) problem(error.pos, `YAML syntax error: ${firstLine(error.message)}.`);
  const root = yaml.contents;
  const steps = isMap(root) ? root.get('steps', true) : undefined;
  if (!isSeq(steps)) {
    problem(root?.range ?? undefined, 'A step catalog needs a top-level `steps:` list.');
    return { path, entries, extensions, problems };
  }
  const seen = new Map<string, StepEntry | StepExtension>();
  for (const item of steps.items) {
    const node = item as YamlNode | null;
    if (!isMap(node)) {
      problem(node?.range, 'Each step catalog item must be a mapping with at least an `id`.');
      continue;
    }
    const parsed = readItem(node.items as Pair<unknown, unknown>[], node.range, document, path, problem);
    if (parsed === undefined) continue;
    if (seen.has(parsed.id)) {
      problem(node.range, `Step id "${parsed.id}" appears twice in this file; merge the two items.`);
      continue;
    }
    seen.set(parsed.id, parsed);
    if ('kind' in parsed) entries.push(parsed);
    else extensions.push(parsed);
  }
  return { path, entries, extensions, problems };
}

/**
 * Builds one catalog from catalog files: the first is the bundled catalog,
 * later ones (a KB's own) add entries, and items with only `id` and
 * `synonyms` add phrasings to an entry of the same id. An entry whose id
 * exists with a different meaning, an extension of an unknown id, or a
 * phrasing that another entry already uses is a problem and is skipped; the
 * same entry loaded twice (a KB that is the bundled one) is merged quietly.
 */
export function mergeStepCatalogs(files: readonly StepCatalogFile[]): { catalog: StepCatalog; problems: CatalogProblem[] } {
  const problems: CatalogProblem[] = [];
  const byId = new Map<string, StepEntry>();
  for (const file of files) {
    for (const entry of file.entries) {
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
    for (const [index, text] of [entry.phrasing, ...entry.synonyms].entries()) {
      const key = formKey(text);
      const owner = owners.get(key);
      if (owner === entry) continue;
      if (owner !== undefined) {
        problems.push(catalogProblem(entry.source, `The phrasing "${text}" of step "${entry.id}" is already used by step "${owner.id}"; a phrasing must mean one thing.`));
        continue;
      }
      owners.set(key, entry);
      forms.push(compileForm(entry, text, index === 0));
    }
  }
  return { catalog: { entries, forms }, problems };
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
 * entry in catalog order whose phrasing matches, or `undefined`.
 */
export function matchStep(catalog: StepCatalog, text: string): StepMatch | undefined {
  const normalized = normalizeStepText(text);
  for (const form of catalog.forms) {
    const match = form.pattern.exec(normalized);
    if (match === null) continue;
    if (form.fixedMeaning !== undefined) return { entry: form.entry, form: form.text, bindings: {}, meaning: form.fixedMeaning };
    const bindings: Record<string, string> = {};
    form.placeholderOrder.forEach((name, index) => {
      const written = match[index + 1] ?? '';
      const values = form.entry.placeholders.find((placeholder) => placeholder.name === name)?.values;
      bindings[name] = values?.find((value) => value.toLowerCase() === written.toLowerCase()) ?? written;
    });
    const meaning = resolveMeaning(form.entry.kind, form.entry.fact, form.entry.value, bindings);
    if (typeof meaning === 'string') continue;
    return { entry: form.entry, form: form.text, bindings, meaning };
  }
  return undefined;
}

/**
 * The catalog phrasings closest to `text` by edit distance, best first:
 * placeholders with a list of values are expanded, free-text placeholders
 * take the first quoted string of `text` when it has one. Only entries of
 * `kind` are considered when given; phrasings too far from the text to be
 * what the writer meant are left out, so the list may be empty.
 */
export function closestPhrasings(
  catalog: StepCatalog,
  text: string,
  options: { readonly kind?: StepKind; readonly limit?: number } = {},
): PhrasingSuggestion[] {
  const normalized = normalizeStepText(text);
  const quoted = /"([^"]*)"/.exec(normalized)?.[1];
  const wanted = normalized.toLowerCase();
  const best = new Map<string, PhrasingSuggestion>();
  for (const form of catalog.forms) {
    if (options.kind !== undefined && form.entry.kind !== options.kind) continue;
    for (const candidate of expandForm(form, quoted)) {
      const score = distance(wanted, candidate.toLowerCase());
      if (score > Math.ceil(0.6 * Math.max(wanted.length, candidate.length))) continue;
      const key = candidate.toLowerCase();
      const previous = best.get(key);
      if (previous === undefined || score < previous.distance) best.set(key, { text: candidate, entry: form.entry, distance: score });
    }
  }
  return [...best.values()]
    .sort((a, b) => a.distance - b.distance)
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
      const resolved = resolveMeaning(entry.kind, entry.fact, entry.value, bindings);
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

type Problem = (range: readonly number[] | null | undefined, message: string, severity?: 'error' | 'warning') => void;

const KNOWN_KEYS = new Set(['id', 'kind', 'phrasing', 'synonyms', 'description', 'placeholders', 'fact', 'value']);

/** Reads one catalog item; reports its problems and returns `undefined` when it cannot be used. */
function readItem(
  pairs: readonly Pair<unknown, unknown>[],
  itemRange: readonly number[] | null | undefined,
  document: TextDocument,
  path: string,
  problem: Problem,
): StepEntry | StepExtension | undefined {
  const fields = new Map<string, { value: unknown; valueRange: readonly number[] | undefined }>();
  for (const pair of pairs) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const keyRange = (pair.key as YamlNode | null)?.range ?? undefined;
    if (key === undefined) {
      problem(keyRange ?? itemRange, 'Catalog keys must be plain words such as `id` or `phrasing`.');
      continue;
    }
    if (!KNOWN_KEYS.has(key)) {
      problem(keyRange, `Unknown key \`${key}\`; a step item has ${[...KNOWN_KEYS].map((known) => `\`${known}\``).join(', ')}.`, 'warning');
      continue;
    }
    const valueNode = pair.value as YamlNode | null;
    fields.set(key, { value: toPlain(valueNode), valueRange: valueNode?.range ?? keyRange });
  }
  const rangeOfField = (key: string): readonly number[] | undefined => fields.get(key)?.valueRange ?? itemRange ?? undefined;
  const id = fields.get('id')?.value;
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    problem(rangeOfField('id'), 'Each step item needs an `id` in kebab-case, e.g. `user-remote`.');
    return undefined;
  }
  const source = { path, range: rangeOf(document, itemRange) };
  const synonyms = readStrings(fields.get('synonyms')?.value);
  if (synonyms === undefined) {
    problem(rangeOfField('synonyms'), `\`synonyms\` of step "${id}" must be a list of phrasings.`);
    return undefined;
  }
  if (!fields.has('kind') && !fields.has('phrasing')) {
    const extra = [...fields.keys()].filter((key) => key !== 'id' && key !== 'synonyms');
    if (extra.length > 0) {
      problem(itemRange, `Step "${id}" has no \`kind\` and \`phrasing\`, so it can only add \`synonyms\`; remove ${extra.map((key) => `\`${key}\``).join(', ')} or define the step fully.`);
      return undefined;
    }
    return { id, synonyms, source };
  }
  const kind = fields.get('kind')?.value;
  if (kind !== 'given' && kind !== 'when' && kind !== 'then') {
    problem(rangeOfField('kind'), `\`kind\` of step "${id}" must be \`given\`, \`when\` or \`then\`.`);
    return undefined;
  }
  const phrasing = fields.get('phrasing')?.value;
  if (typeof phrasing !== 'string' || phrasing.trim() === '') {
    problem(rangeOfField('phrasing'), `Step "${id}" needs a \`phrasing\`.`);
    return undefined;
  }
  const description = fields.get('description')?.value ?? '';
  if (typeof description !== 'string') {
    problem(rangeOfField('description'), `\`description\` of step "${id}" must be text.`);
    return undefined;
  }
  const placeholders = readPlaceholders(fields.get('placeholders')?.value);
  if (placeholders === undefined) {
    problem(rangeOfField('placeholders'), `\`placeholders\` of step "${id}" must map each name to a list of values or to \`text\`.`);
    return undefined;
  }
  const forms = [phrasing, ...synonyms];
  for (const form of forms) {
    if (form.trim() !== form || form.endsWith('.')) {
      problem(form === phrasing ? rangeOfField('phrasing') : rangeOfField('synonyms'), `The phrasing "${form}" of step "${id}" must not start or end with spaces or end with a period.`);
      return undefined;
    }
    const used = splitForm(form).flatMap((part) => (part.kind === 'placeholder' ? [part.name] : []));
    const undeclared = used.find((name) => !placeholders.some((placeholder) => placeholder.name === name));
    if (undeclared !== undefined) {
      problem(form === phrasing ? rangeOfField('phrasing') : rangeOfField('synonyms'), `The phrasing "${form}" of step "${id}" uses <${undeclared}>, which \`placeholders\` does not declare.`);
      return undefined;
    }
    const missing = placeholders.find((placeholder) => !used.includes(placeholder.name));
    if (missing !== undefined) {
      problem(form === phrasing ? rangeOfField('phrasing') : rangeOfField('synonyms'), `The phrasing "${form}" of step "${id}" must use every placeholder; <${missing.name}> is missing.`);
      return undefined;
    }
  }
  const fact = fields.get('fact')?.value;
  const value = fields.get('value')?.value as StepValue | undefined;
  if (fact !== undefined && typeof fact !== 'string') {
    problem(rangeOfField('fact'), `\`fact\` of step "${id}" must be a name such as \`location\`.`);
    return undefined;
  }
  const entry: StepEntry = {
    id,
    kind,
    phrasing,
    synonyms,
    description,
    placeholders,
    ...(fact === undefined ? {} : { fact }),
    ...(value === undefined ? {} : { value }),
    source,
  };
  for (const bindings of allBindings(entry)) {
    const meaning = resolveMeaning(kind, fact, value, bindings);
    if (typeof meaning === 'string') {
      problem(rangeOfField(fields.has('value') ? 'value' : 'fact'), `Step "${id}": ${meaning}`);
      return undefined;
    }
  }
  return entry;
}

/** Resolves what an entry means for some placeholder values; a string is the reason it means nothing. */
function resolveMeaning(
  kind: StepKind,
  fact: string | undefined,
  value: StepValue | undefined,
  bindings: Readonly<Record<string, string>>,
): StepMeaning | string {
  if (fact === undefined) return value === undefined ? { kind: 'none' } : 'a `value` needs a `fact`.';
  const bound = substitute(value, bindings);
  if (kind === 'given') {
    if (!(fact in CONDITION_VALUES)) return `\`${fact}\` is not a condition of the model; use one of ${list(Object.keys(CONDITION_VALUES))}.`;
    const condition = fact as ConditionName;
    const allowed = CONDITION_VALUES[condition] as readonly ConditionValue[];
    const found = allowed.find((candidate) => String(candidate) === String(bound));
    return found === undefined
      ? `${formatValue(bound)} is not a value of \`${fact}\`; use one of ${list(allowed.map(String))}.`
      : { kind: 'condition', condition, value: found };
  }
  if (kind === 'when') {
    if (fact !== 'event') return 'a `when` step has `fact: event` and the event as `value`.';
    const event = MODEL_EVENTS.find((candidate) => candidate === bound);
    return event === undefined ? `${formatValue(bound)} is not an event of the model; use one of ${list(MODEL_EVENTS)}.` : { kind: 'event', event };
  }
  if (!(fact in OUTCOME_VALUES)) return `\`${fact}\` is not an outcome of the model; use one of ${list(Object.keys(OUTCOME_VALUES))}.`;
  const outcomeFact = fact as OutcomeFact;
  const allowed = OUTCOME_VALUES[outcomeFact];
  if (allowed === 'text') {
    return typeof bound === 'string' && bound !== '' ? { kind: 'outcome', outcome: { fact: 'mapiMessage', value: bound } } : `\`${fact}\` needs a text value.`;
  }
  if (allowed === 'changes') {
    const changes = readChanges(bound);
    return typeof changes === 'string' ? changes : { kind: 'outcome', outcome: { fact: 'preventsPrompt', value: changes } };
  }
  const found = allowed.find((candidate) => String(candidate) === String(bound));
  return found === undefined
    ? `${formatValue(bound)} is not a value of \`${fact}\`; use one of ${list(allowed.map(String))}.`
    : { kind: 'outcome', outcome: { fact: outcomeFact, value: found } as Outcome };
}

function readChanges(value: StepValue | undefined): GivenConditions | string {
  if (value === undefined || typeof value !== 'object') return 'a remediation outcome needs a `value` mapping conditions to their new values, e.g. `{ outlookAnywhereAuthentication: ntlm }`.';
  const changes: Record<string, ConditionValue> = {};
  for (const [name, raw] of Object.entries(value)) {
    if (!(name in CONDITION_VALUES)) return `\`${name}\` is not a condition of the model; use one of ${list(Object.keys(CONDITION_VALUES))}.`;
    const found = (CONDITION_VALUES[name as ConditionName] as readonly ConditionValue[]).find((candidate) => String(candidate) === String(raw));
    if (found === undefined) return `${formatValue(raw)} is not a value of \`${name}\`.`;
    changes[name] = found;
  }
  return Object.keys(changes).length === 0 ? 'a remediation must change at least one condition.' : (changes as GivenConditions);
}

function substitute(value: StepValue | undefined, bindings: Readonly<Record<string, string>>): StepValue | undefined {
  if (typeof value !== 'string') return value;
  const reference = /^<([A-Za-z][\w-]*)>$/.exec(value)?.[1];
  return reference === undefined ? value : (bindings[reference] ?? value);
}

/** Every combination of listed placeholder values (free text gets a sample), for validating an entry. */
function allBindings(entry: StepEntry): Record<string, string>[] {
  let combinations: Record<string, string>[] = [{}];
  for (const placeholder of entry.placeholders) {
    const values = placeholder.values ?? ['sample text'];
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [placeholder.name]: value })));
  }
  return combinations;
}

/** Placeholder values under which `entry` might say `meaning`. */
function bindingsToTry(entry: StepEntry, meaning: StepMeaning): Record<string, string>[] {
  const free = entry.placeholders.filter((placeholder) => placeholder.values === undefined);
  if (free.length === 0) return allBindings(entry);
  const text = meaning.kind === 'outcome' && typeof meaning.outcome.value === 'string' ? meaning.outcome.value : undefined;
  if (text === undefined || free.length > 1) return [];
  return allBindings(entry).map((bindings) => ({ ...bindings, [free[0]?.name ?? '']: text }));
}

function sameStepMeaning(a: StepMeaning, b: StepMeaning): boolean {
  if (a.kind === 'condition' && b.kind === 'condition') return a.condition === b.condition && a.value === b.value;
  if (a.kind === 'event' && b.kind === 'event') return a.event === b.event;
  if (a.kind === 'outcome' && b.kind === 'outcome') {
    if (a.outcome.fact !== b.outcome.fact) return false;
    return JSON.stringify(a.outcome.value) === JSON.stringify(b.outcome.value);
  }
  return a.kind === 'none' && b.kind === 'none';
}

function sameEntryMeaning(a: StepEntry, b: StepEntry): boolean {
  return a.kind === b.kind && a.fact === b.fact && JSON.stringify(a.value) === JSON.stringify(b.value)
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

type FormPart = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'placeholder'; readonly name: string };

function splitForm(form: string): FormPart[] {
  const parts: FormPart[] = [];
  let last = 0;
  for (const match of form.matchAll(/<([A-Za-z][\w-]*)>/g)) {
    if (match.index > last) parts.push({ kind: 'literal', text: form.slice(last, match.index) });
    parts.push({ kind: 'placeholder', name: match[1] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < form.length) parts.push({ kind: 'literal', text: form.slice(last) });
  return parts;
}

function compileForm(entry: StepEntry, text: string, canonical: boolean): StepForm {
  const placeholderOrder: string[] = [];
  const source = splitForm(text)
    .map((part) => {
      if (part.kind === 'literal') return escapeRegExp(part.text);
      placeholderOrder.push(part.name);
      const values = entry.placeholders.find((placeholder) => placeholder.name === part.name)?.values;
      return values === undefined ? '(.+?)' : `(${values.map(escapeRegExp).join('|')})`;
    })
    .join('');
  const fixed = placeholderOrder.length === 0 ? resolveMeaning(entry.kind, entry.fact, entry.value, {}) : undefined;
  const fixedMeaning = typeof fixed === 'string' ? undefined : fixed;
  return { entry, text, canonical, pattern: new RegExp(`^${source}$`, 'i'), placeholderOrder, fixedMeaning };
}

/** Concrete texts a form can take, for edit-distance suggestions. */
function expandForm(form: StepForm, quoted: string | undefined): string[] {
  let texts = [''];
  for (const part of splitForm(form.text)) {
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

function readStrings(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return undefined;
  return value as string[];
}

function readPlaceholders(value: unknown): StepPlaceholder[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const placeholders: StepPlaceholder[] = [];
  for (const [name, spec] of Object.entries(value as Record<string, unknown>)) {
    if (!/^[A-Za-z][\w-]*$/.test(name)) return undefined;
    if (spec === 'text') placeholders.push({ name });
    else if (Array.isArray(spec) && spec.length > 0 && spec.every((item) => typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')) {
      placeholders.push({ name, values: spec.map(String) });
    } else return undefined;
  }
  return placeholders;
}

/** YAML to plain data; numbers become strings because every model value is text or a boolean. */
function toPlain(node: YamlNode | null | undefined): unknown {
  if (node === null || node === undefined) return undefined;
  if (isScalar(node)) {
    const value = node.value;
    return typeof value === 'number' ? String(value) : value;
  }
  if (isSeq(node)) return node.items.map((item) => toPlain(item as YamlNode | null));
  if (isMap(node)) {
    const result: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (isScalar(pair.key)) result[String(pair.key.value)] = toPlain(pair.value as YamlNode | null);
    }
    return result;
  }
  return undefined;
}

function catalogProblem(source: { readonly path: string; readonly range: Range }, message: string): CatalogProblem {
  return { path: source.path, range: source.range, message, severity: 'error' };
}

function rangeOf(document: TextDocument, range: readonly number[] | null | undefined): Range {
  const start = range?.[0] ?? 0;
  const end = range?.[1] ?? start;
  return document.rangeAt(start, Math.max(start, end));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? 'nothing';
}

function list(values: readonly string[]): string {
  return values.map((value) => `\`${value}\``).join(', ');
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).replace(/[.:]\s*$/, '');
}
