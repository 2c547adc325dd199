/**
 * Front matter in the shape nearly every Learn article has, read without the
 * general YAML parser: top-level `key: value` lines whose values are plain,
 * single-quoted or double-quoted (without escapes) one-line strings or plain
 * decimal integers, empty, or block lists of such scalars
 * (`key:` then `  - item` lines), or `[]`. Measured on the corpus of Microsoft support
 * articles, the `yaml` package took 6 to 8 % of a cold run, and 99 front
 * matter blocks in 100 of both corpora have this shape.
 *
 * {@link readFlatFrontMatter} gives what `yaml` gives for such a block (its
 * data as `toJS` makes it, and the ranges of its keys and values) or
 * `undefined`, and then the caller asks `yaml`: for anything else (comments,
 * escapes, flow collections, multi-line scalars, other numbers, tabs,
 * duplicate keys...), so nothing this reader accepts could be an error.
 * `test/unit/markdown/flat-front-matter.property.test.ts` checks it against
 * `yaml` on random blocks of this shape and near it.
 */

/** One top-level key and its value, with offsets in the YAML text. */
export interface FlatEntry {
  readonly key: string;
  readonly value: FlatScalar | readonly FlatScalar[] | null;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** A one-line scalar this reader takes: a string, or a decimal integer written plain. */
export type FlatScalar = string | number;

/** A flat block's data (as `yaml`'s `toJS` makes it) and its entries in order. */
export interface FlatFrontMatter {
  readonly data: Record<string, unknown>;
  readonly entries: readonly FlatEntry[];
}

/**
 * What YAML 1.2's core schema, as `yaml` applies it, reads as something other
 * than a string when written plain: null, booleans, integers, floats (the
 * tests of `yaml/dist/schema/core` and `common/null`). Such a scalar is left
 * to `yaml`, but for a decimal integer ({@link DECIMAL_INTEGER}).
 */
const NOT_A_STRING: readonly RegExp[] = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  // yaml writes the digits before the exponent `[0-9]+(?:\.[0-9]*)?`: the same strings, without a nested repetition.
  /^[-+]?(?:\.[0-9]+|[0-9]+\.?[0-9]*)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

/** A decimal integer, which `yaml` resolves with `parseInt(text, 10)` (`schema/core/int.js`); Learn's `ms:contentKeyID` is one. */
const DECIMAL_INTEGER = /^[-+]?[0-9]+$/;

/** A first character that is a YAML indicator or a space: such a scalar is not a simple plain one. */
const INDICATOR_FIRST = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/** Characters this reader leaves to `yaml`: tabs, controls, C1 controls, line and paragraph separators, surrogates, byte order marks and non-characters. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LEFT_TO_YAML = /[\0-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/;

/** Implicit keys are at most this long in YAML; a longer one is an error, left to `yaml` to report. */
const MAX_KEY_LENGTH = 1024;

const SPACE = 0x20;

/** `text` without the spaces that end it (YAML's white space is spaces and tabs, not JavaScript's: a no-break space is content). */
function withoutTrailingSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === SPACE) end--;
  return text.slice(0, end);
}

/** How many spaces open `text`. */
function leadingSpaces(text: string): number {
  let count = 0;
  while (text.charCodeAt(count) === SPACE) count++;
  return count;
}

/** The value of a plain one-line scalar `text` (without surrounding spaces) when this reader takes it. */
function plainScalar(text: string): FlatScalar | undefined {
  if (text === '' || INDICATOR_FIRST.test(text) || LEFT_TO_YAML.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':') || text.endsWith(' ')) return undefined;
  if (DECIMAL_INTEGER.test(text)) return parseInt(text, 10);
  return NOT_A_STRING.some((test) => test.test(text)) ? undefined : text;
}

/** A scalar written from `start` to the end of `line` (trailing spaces allowed): its value and where it ends, or `undefined`. */
function scalarAt(line: string, start: number): { readonly value: FlatScalar; readonly end: number } | undefined {
  const written = withoutTrailingSpaces(line.slice(start));
  if (written.startsWith("'")) {
    // A single-quoted string: `''` stands for a quote, and nothing but spaces may follow the closing quote.
    const body = written.slice(1, -1);
    if (written.length < 2 || !written.endsWith("'") || LEFT_TO_YAML.test(body) || body.replaceAll("''", '').includes("'")) return undefined;
    return { value: body.replaceAll("''", "'"), end: start + written.length };
  }
  if (written.startsWith('"')) {
    // A double-quoted string without escapes: what lies between the quotes.
    const body = written.slice(1, -1);
    if (written.length < 2 || !written.endsWith('"') || LEFT_TO_YAML.test(body) || body.includes('"') || body.includes('\\')) return undefined;
    return { value: body, end: start + written.length };
  }
  const value = plainScalar(written);
  return value === undefined ? undefined : { value, end: start + written.length };
}

/** A pending entry: a key without a value on its line, and the items of its list once any came. */
interface OpenEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** Where an empty value stands: the end of the key's line, after its trailing spaces. */
  readonly emptyAt: number;
  readonly items: FlatScalar[];
  itemIndent: number;
  firstItemAt: number;
  /** Where the list ends: after the line break of its last item. */
  listEnd: number;
}

/**
 * Reads `yaml`, the text between the fences of a front matter block, when it
 * has the flat shape described above; `undefined` otherwise. Never throws.
 */
export function readFlatFrontMatter(yaml: string): FlatFrontMatter | undefined {
  // Line breaks are LF or CRLF; a lone CR is left to `yaml`.
  if (yaml.includes('\r') && yaml.replaceAll('\r\n', '').includes('\r')) return undefined;
  const data: Record<string, unknown> = {};
  const entries: FlatEntry[] = [];
  let open: OpenEntry | undefined;
  // Whether a blank line came since the last key or item: an item after one is left to `yaml`.
  let afterBlankLine = false;
  const close = (): void => {
    if (open === undefined) return;
    const list = open.items.length > 0;
    const value = list ? open.items : null;
    data[open.key] = value;
    entries.push({ key: open.key, value, keyStart: open.keyStart, keyEnd: open.keyEnd, valueStart: list ? open.firstItemAt : open.emptyAt, valueEnd: list ? open.listEnd : open.emptyAt });
    open = undefined;
  };
  for (let lineStart = 0; lineStart < yaml.length;) {
    const breakAt = yaml.indexOf('\n', lineStart);
    const next = breakAt === -1 ? yaml.length : breakAt + 1;
    let line = yaml.slice(lineStart, breakAt === -1 ? yaml.length : breakAt);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const at = lineStart;
    lineStart = next;
    if (withoutTrailingSpaces(line) === '') {
      afterBlankLine = true;
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('-')) {
      // An item of the open key's list: right after the key or an item, indented as the first item.
      const indent = leadingSpaces(line);
      if (open === undefined || afterBlankLine || !line.startsWith('- ', indent) || (open.items.length > 0 && indent !== open.itemIndent)) return undefined;
      const item = scalarAt(line, indent + 2 + leadingSpaces(line.slice(indent + 2)));
      if (item === undefined) return undefined;
      if (open.items.length === 0) {
        open.itemIndent = indent;
        open.firstItemAt = at + indent;
      }
      open.items.push(item.value);
      open.listEnd = next;
      continue;
    }
    close();
    afterBlankLine = false;
    const entry = keyLine(line, at);
    if (entry === undefined || Object.hasOwn(data, entry.key) || entry.key === '__proto__') return undefined;
    if (entry.value === undefined) {
      open = { key: entry.key, keyStart: entry.keyStart, keyEnd: entry.keyEnd, emptyAt: at + line.length, items: [], itemIndent: 0, firstItemAt: 0, listEnd: 0 };
    } else {
      data[entry.key] = entry.value.value;
      entries.push({ key: entry.key, value: entry.value.value, keyStart: entry.keyStart, keyEnd: entry.keyEnd, valueStart: entry.value.start, valueEnd: entry.value.end });
    }
  }
  close();
  return { data, entries };
}

/** A `key:` or `key: value` line starting at `lineStart`: the key, its offsets, and its value if the line has one; `undefined` for any other line. */
function keyLine(line: string, lineStart: number): { key: string; keyStart: number; keyEnd: number; value?: { value: FlatScalar | readonly FlatScalar[]; start: number; end: number } } | undefined {
  const separator = line.indexOf(': ');
  const written = withoutTrailingSpaces(line);
  const keyEnd = separator !== -1 ? separator : written.endsWith(':') ? written.length - 1 : -1;
  if (keyEnd <= 0 || keyEnd > MAX_KEY_LENGTH) return undefined;
  // A key that is not a string (`1:`, `true:`) is left to `yaml`.
  const key = plainScalar(line.slice(0, keyEnd));
  if (typeof key !== 'string') return undefined;
  const entry = { key, keyStart: lineStart, keyEnd: lineStart + keyEnd };
  if (keyEnd + 1 >= written.length) return entry;
  const valueStart = keyEnd + 1 + leadingSpaces(line.slice(keyEnd + 1));
  // An empty list, as glossary entries write `avoid: []`.
  if (withoutTrailingSpaces(line.slice(valueStart)) === '[]') return { ...entry, value: { value: [], start: lineStart + valueStart, end: lineStart + valueStart + 2 } };
  const scalar = scalarAt(line, valueStart);
  return scalar === undefined ? undefined : { ...entry, value: { value: scalar.value, start: lineStart + valueStart, end: lineStart + scalar.end } };
}
