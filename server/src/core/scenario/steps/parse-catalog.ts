/**
 * Reads step catalog files (YAML):
 *
 * ```yaml
 * model: sign-in-prompt          # the problem model the steps speak of (optional with one model)
 * steps:
 *   - id: exchange-version
 *     kind: given                 # given | when | then
 *     phrasing: the mailbox is on Exchange Server <version>
 *     synonyms: [the mailbox is on Exchange <version>]
 *     placeholders: { version: [2003, 2007, 2010] }   # or `text` for free text
 *     description: Which Exchange Server version holds the mailbox.
 *     fact: exchangeVersion       # a model condition, `event`, or an outcome
 *     value: <version>            # literal, or a placeholder of the phrasing
 *   - id: user-remote             # id + synonyms only: adds phrasings to an existing entry
 *     synonyms: [the user works from home]
 * ```
 *
 * An entry without `fact` is part of the vocabulary but outside the model.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { TextDocument } from '../../text-document.js';
import type { Range } from '../../types.js';
import type { CatalogProblem, FormPart, StepCatalogFile, StepEntry, StepExtension, StepPlaceholder, StepValue } from './catalog-types.js';

/**
 * The most phrasings one step's listed placeholders may combine into. Checking
 * and suggesting expand every combination, so the count is bounded before
 * anything is expanded (a few hundred bytes could otherwise ask for billions).
 */
export const MAX_PLACEHOLDER_COMBINATIONS = 1000;

/** How many combinations of listed values the placeholders have (free text counts as one). */
export function combinationCount(placeholders: readonly StepPlaceholder[]): number {
  return placeholders.reduce((count, placeholder) => count * Math.max(1, placeholder.values?.length ?? 1), 1);
}

/**
 * Parses one catalog file. Problems (YAML syntax, missing or invalid fields,
 * too many placeholder combinations) are returned as data with ranges;
 * entries with problems are left out. Whether facts and values exist in the
 * model is checked when catalogs are merged with the models. Never throws.
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
  const modelNode = isMap(root) ? (root.get('model', true) as YamlNode | undefined) : undefined;
  const model = isScalar(modelNode) && typeof modelNode.value === 'string' ? modelNode.value : undefined;
  if (modelNode !== undefined && model === undefined) problem(modelNode.range, '`model` names the problem model of the file\'s steps, e.g. `model: sign-in-prompt`.');
  const seen = new Map<string, StepEntry | StepExtension>();
  for (const item of steps.items) {
    const node = item as YamlNode | null;
    if (!isMap(node)) {
      problem(node?.range, 'Each step catalog item must be a mapping with at least an `id`.');
      continue;
    }
    const parsed = readItem(node.items as Pair<unknown, unknown>[], node.range, document, path, model, problem);
    if (parsed === undefined) continue;
    if (seen.has(parsed.id)) {
      problem(node.range, `Step id "${parsed.id}" appears twice in this file; merge the two items.`);
      continue;
    }
    seen.set(parsed.id, parsed);
    if ('kind' in parsed) entries.push(parsed);
    else extensions.push(parsed);
  }
  return { path, ...(model === undefined ? {} : { model }), entries, extensions, problems };
}

type Problem = (range: readonly number[] | null | undefined, message: string, severity?: 'error' | 'warning') => void;

const KNOWN_KEYS = new Set(['id', 'kind', 'phrasing', 'synonyms', 'description', 'placeholders', 'fact', 'value']);

/** Reads one catalog item; reports its problems and returns `undefined` when it cannot be used. */
function readItem(
  pairs: readonly Pair<unknown, unknown>[],
  itemRange: readonly number[] | null | undefined,
  document: TextDocument,
  path: string,
  model: string | undefined,
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
  const combinations = combinationCount(placeholders);
  if (combinations > MAX_PLACEHOLDER_COMBINATIONS) {
    problem(rangeOfField('placeholders'), `The placeholders of step "${id}" combine into ${combinations > 1e15 ? 'more than 10^15' : combinations} phrasings; at most ${MAX_PLACEHOLDER_COMBINATIONS} are allowed. Split the step, or make a placeholder free text.`);
    return undefined;
  }
  const meaningRange = rangeOf(document, rangeOfField(fields.has('value') ? 'value' : 'fact'));
  const entry: StepEntry = {
    id,
    kind,
    phrasing,
    synonyms,
    description,
    placeholders,
    ...(fact === undefined ? {} : { fact }),
    ...(value === undefined ? {} : { value }),
    ...(model === undefined ? {} : { model }),
    source: { ...source, meaningRange },
  };
  return entry;
}


/** Splits a phrasing into literal text and `<placeholders>`. */
export function splitForm(form: string): FormPart[] {
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

function rangeOf(document: TextDocument, range: readonly number[] | null | undefined): Range {
  const start = range?.[0] ?? 0;
  const end = range?.[1] ?? start;
  return document.rangeAt(start, Math.max(start, end));
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).replace(/[.:]\s*$/, '');
}
