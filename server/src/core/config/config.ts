import type { ErrorObject, ValidateFunction } from 'ajv';
import { findNodeAtLocation, type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { basename } from '../paths.js';
import { TextDocument } from '../text-document.js';
import type { ConfiguredSeverity, Range } from '../types.js';
import generatedValidate from './config-validator.generated.js';

/** A required section of troubleshooting articles and the headings accepted for it. */
export interface SectionRequirement {
  readonly name: string;
  readonly synonyms: readonly string[];
}

/** The effective configuration of one KB, defaults filled in. */
export interface KbConfig {
  readonly articles: readonly string[];
  readonly scenarios: readonly string[];
  readonly exclude: readonly string[];
  readonly glossary: string;
  readonly remediations: string;
  readonly causes: string;
  readonly claims: string;
  readonly steps: string;
  readonly models: string;
  readonly useBundledKb: boolean;
  /** Whether `term-spelling` reports the `avoid` spellings of the bundled glossary (its hovers are always shown). */
  readonly bundledGlossarySpelling: boolean;
  readonly rules: Readonly<Record<string, ConfiguredSeverity>>;
  readonly frontMatter: { readonly required: readonly string[]; readonly requiredForTroubleshooting: readonly string[] };
  readonly sections: readonly SectionRequirement[];
  readonly staleAfterDays: number;
}

/** The configuration used when a KB has no `kb.config.json`, or for keys it leaves out. */
export const DEFAULT_CONFIG: KbConfig = {
  articles: ['**/*.md'],
  scenarios: ['**/*.scenario'],
  exclude: ['**/includes/**', '**/README.md', '**/CHANGELOG.md', '**/CONTRIBUTING.md', '**/CODE_OF_CONDUCT.md', '**/SECURITY.md'],
  glossary: 'glossary',
  remediations: 'remediations',
  causes: 'causes',
  claims: 'claims',
  steps: 'steps',
  models: 'models',
  useBundledKb: true,
  bundledGlossarySpelling: false,
  rules: {},
  frontMatter: { required: ['title', 'description', 'ms.topic', 'ms.date'], requiredForTroubleshooting: ['appliesto'] },
  sections: [
    { name: 'Symptoms', synonyms: ['Symptom', 'Problem', 'Issue'] },
    { name: 'Cause', synonyms: ['Causes'] },
    { name: 'Resolution', synonyms: ['Solution', 'Workaround', 'Solution/Workaround', 'Resolutions', 'Solutions', 'Workarounds', 'Method', 'Methods'] },
  ],
  staleAfterDays: 730,
};

/** A problem in `kb.config.json`, reported as a finding on that file. */
export interface ConfigProblem {
  readonly message: string;
  readonly range: Range;
}

/** The outcome of reading a configuration file: always a usable config. */
export interface LoadedConfig {
  readonly config: KbConfig;
  readonly problems: readonly ConfigProblem[];
}

/** The schema's validator, generated from it (tools/config-validator-code.ts): no schema is compiled at run time. */
const validate = generatedValidate as unknown as ValidateFunction;

/**
 * Reads `kb.config.json` text (JSON with comments and trailing commas);
 * messages name the file by its own name, so an override file is named right.
 * Never throws and never evaluates anything: syntax errors and values of the
 * wrong type become {@link ConfigProblem}s and the defaults stand in for
 * every key that is not valid.
 */
export function parseConfig(path: string, text: string): LoadedConfig {
  const document = new TextDocument(path, text);
  try {
    return readConfig(document);
  } catch {
    // The JSON parser and the schema check recurse once per nesting level: deep enough nesting exhausts the stack.
    return { config: DEFAULT_CONFIG, problems: [{ message: `${basename(path)} nests too deeply to be read; the defaults are used.`, range: document.rangeAt(0, document.lineText(0).length) }] };
  }
}

/**
 * The outcome of a configuration file that was named explicitly (a
 * configuration override) but cannot be read: the defaults, and a problem
 * saying so at the top of the file.
 */
export function unreadableConfig(path: string, reason: 'missing' | 'binary' | 'too-large' | 'over-time-budget' | 'awaiting-timing'): LoadedConfig {
  const message = reason === 'binary'
    ? `The configuration file ${basename(path)} is not valid UTF-8 text; the defaults are used.`
    : reason === 'too-large' ? `The configuration file ${basename(path)} is too large to be a configuration; the defaults are used.`
    : reason === 'over-time-budget' ? `The configuration file ${basename(path)} took too long to read; the defaults are used until it changes.`
    : reason === 'awaiting-timing' ? `The configuration file ${basename(path)} is still being read; the defaults are used until then.`
    : `The configuration file ${basename(path)} does not exist or cannot be read; the defaults are used until it can be read.`;
  return { config: DEFAULT_CONFIG, problems: [{ message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
}

function readConfig(document: TextDocument): LoadedConfig {
  const text = document.text;
  const name = basename(document.path);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ConfigProblem[] = errors.map((error) => ({
    message: `${name} is not valid JSON: ${describeParseError(printParseErrorCode(error.error))}.`,
    range: document.rangeAt(error.offset, error.offset + error.length),
  }));
  if (tree === undefined || tree.type !== 'object') {
    if (problems.length === 0) problems.push({ message: `${name} must hold a JSON object.`, range: document.rangeAt(0, text.length) });
    return { config: DEFAULT_CONFIG, problems };
  }

  const value = nodeValue(tree) as Record<string, unknown>;
  const rejectedKeys = new Set<string>();
  for (const error of validate(value) ? [] : validate.errors ?? []) {
    const location = instancePath(error);
    const topLevelKey = location[0];
    if (typeof topLevelKey === 'string') rejectedKeys.add(topLevelKey);
    const node = findNodeAtLocation(tree, location) ?? tree;
    const reportedNode = error.keyword === 'additionalProperties' ? propertyKeyNode(node, error) ?? node : node;
    problems.push({ message: describeSchemaError(error, name), range: document.rangeAt(reportedNode.offset, reportedNode.offset + reportedNode.length) });
  }
  for (const key of GLOB_KEYS) {
    const globs = value[key];
    if (rejectedKeys.has(key) || !Array.isArray(globs)) continue;
    globs.forEach((glob: string, index) => {
      const problem = globProblem(glob);
      if (problem === undefined) return;
      rejectedKeys.add(key);
      const node = findNodeAtLocation(tree, [key, index]) ?? tree;
      const shown = glob.length > 60 ? `${glob.slice(0, 57)}...` : glob;
      problems.push({ message: `The glob "${shown}" in "${key}" ${problem}; the default is used.`, range: document.rangeAt(node.offset, node.offset + node.length) });
    });
  }
  const valid = Object.fromEntries(Object.entries(value).filter(([key]) => !rejectedKeys.has(key)));
  return { config: withDefaults(valid), problems };
}

/** Keys holding globs, which are compiled to regular expressions that run on every path of the KB. */
const GLOB_KEYS = ['articles', 'scenarios', 'exclude'] as const;

/**
 * Wildcards (`*`, `**`, `?`) a glob may hold: matching time grows as a power
 * of the path length with each one. Repeated `**` segments count once, as the
 * matcher merges them.
 */
const MAX_GLOB_WILDCARDS = 3;
const MAX_GLOB_LENGTH = 1000;

/**
 * Paths a glob's brace groups may stand for (`{a,b}/{c,d}` stands for 4).
 * The matcher compiles each group to an alternation, and a path that fails
 * to match is tried against every combination: `{a,a}{a,a}...x` with 30
 * groups is a billion tries. Counted before anything is expanded.
 */
const MAX_BRACE_COMBINATIONS = 256;

/**
 * Why a glob could hang or break the matcher, or `undefined` when it is
 * fine; said as the rest of a sentence about the glob ("is 1200 characters
 * long..."). Every glob a KB or repository supplies goes through it.
 */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `is ${glob.length} characters long; at most ${MAX_GLOB_LENGTH} are allowed`;
  if (/[?*+@!]\(/.test(glob)) return 'uses extended glob syntax such as "+(...)", which is not supported';
  const wildcards = glob.replace(/(?:\*\*\/)+/g, '**/').replace(/(?:\/\*\*)+$/, '/**').match(/\*+|\?/g)?.length ?? 0;
  if (wildcards > MAX_GLOB_WILDCARDS) return `has ${wildcards} wildcards; at most ${MAX_GLOB_WILDCARDS} are allowed, as matching slows down steeply with each one`;
  const combinations = braceCombinations(glob, MAX_BRACE_COMBINATIONS);
  if (combinations > MAX_BRACE_COMBINATIONS) return `stands for more than ${MAX_BRACE_COMBINATIONS} paths through its brace groups ("{a,b}"); at most ${MAX_BRACE_COMBINATIONS} are allowed, as matching slows down exponentially with each group`;
  return undefined;
}

/**
 * How many plain globs the brace groups of `glob` expand to (`{a,b}` 2,
 * `{1..12}` 12, nested groups added up), counted in one pass without
 * expanding; once beyond `cap`, returns `cap + 1`. Escaped characters and
 * character classes (`[{]`) are literal.
 */
export function braceCombinations(glob: string, cap: number): number {
  const bounded = (count: number): number => Math.min(count, cap + 1);
  let index = 0;
  // Alternatives of a group: the sum of each alternative's combinations; a sequence: their product.
  const sequence = (insideGroup: boolean): number => {
    let product = 1;
    while (index < glob.length) {
      const char = glob[index];
      if (insideGroup && (char === ',' || char === '}')) break;
      if (char === '\\') {
        index += 2;
      } else if (char === '[') {
        const close = glob.indexOf(']', index + 2);
        index = close === -1 ? index + 1 : close + 1;
      } else if (char === '{') {
        const start = ++index;
        let alternatives = sequence(true);
        let groups = 1;
        while (glob[index] === ',') {
          index++;
          alternatives = bounded(alternatives + sequence(true));
          groups++;
        }
        const body = glob.slice(start, index);
        index++;
        product = bounded(product * (groups === 1 ? rangeSize(body) : alternatives));
      } else {
        index++;
      }
    }
    return product;
  };
  return sequence(false);
}

/** The size of a `{1..12}` or `{a..z}` range (with an optional step), or 1 for a group that is no range. */
function rangeSize(body: string): number {
  const [from, to, step, ...rest] = body.split('..');
  const isNumber = (text: string | undefined): text is string => text !== undefined && /^-?\d+$/.test(text);
  const isLetter = (text: string | undefined): text is string => text !== undefined && /^[a-zA-Z]$/.test(text);
  const bothNumbers = isNumber(from) && isNumber(to);
  if (rest.length > 0 || !(bothNumbers || (isLetter(from) && isLetter(to))) || (step !== undefined && !isNumber(step))) return 1;
  const value = (text: string): number => (bothNumbers ? Number(text) : text.charCodeAt(0));
  const stride = Math.max(1, Math.abs(Number(step ?? '1')));
  return Math.floor(Math.abs(value(to!) - value(from!)) / stride) + 1;
}

function withDefaults(value: Record<string, unknown>): KbConfig {
  const frontMatter = (value.frontMatter ?? {}) as Partial<KbConfig['frontMatter']>;
  const sections = value.sections as Array<{ name: string; synonyms?: string[] }> | undefined;
  return {
    ...DEFAULT_CONFIG,
    ...(value as Partial<KbConfig>),
    frontMatter: { ...DEFAULT_CONFIG.frontMatter, ...frontMatter },
    sections: sections?.map((section) => ({ name: section.name, synonyms: section.synonyms ?? [] })) ?? DEFAULT_CONFIG.sections,
  };
}

function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).flatMap((property) => {
        const [key, value] = property.children ?? [];
        return key && value ? [[String(key.value), nodeValue(value)]] : [];
      }));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

function instancePath(error: ErrorObject): Array<string | number> {
  return error.instancePath.split('/').slice(1).map((part) => {
    const unescaped = part.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(unescaped) ? Number(unescaped) : unescaped;
  });
}

function propertyKeyNode(objectNode: JsonNode, error: ErrorObject): JsonNode | undefined {
  const name = (error.params as { additionalProperty?: string }).additionalProperty;
  return objectNode.children?.find((property) => property.children?.[0]?.value === name)?.children?.[0];
}

function describeSchemaError(error: ErrorObject, name: string): string {
  const where = error.instancePath === '' ? name : `"${error.instancePath.slice(1).replace(/\//g, '.')}"`;
  switch (error.keyword) {
    case 'additionalProperties':
      return `Unknown key "${(error.params as { additionalProperty: string }).additionalProperty}" in ${where}; it is ignored.`;
    case 'enum':
      return `${where} must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')}; the default is used.`;
    default:
      return `${where} ${error.message ?? 'is not valid'}; the default is used.`;
  }
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
