import type { FrontMatterFile } from '../markdown/front-matter-file.js';
import type { Range } from '../types.js';
import type { EntryProblem } from './domain-types.js';

/**
 * Typed access to front matter keys for the domain readers, collecting a
 * problem (at the key, or at the top of the file) for each missing or
 * mistyped value instead of throwing.
 */
export class FrontMatterFields {
  readonly problems: EntryProblem[] = [];
  private readonly data: Readonly<Record<string, unknown>>;

  constructor(private readonly file: FrontMatterFile) {
    this.data = file.frontMatter?.data ?? {};
    if (file.frontMatter === undefined) {
      this.problems.push({ message: 'The file has no front matter block (`---` lines at the top).', range: this.topRange() });
    }
  }

  /** A required non-empty string. */
  requiredString(key: string): string | undefined {
    const value = this.data[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
    this.problems.push({ message: value === undefined ? `Missing required key "${key}".` : `"${key}" must be a non-empty string.`, range: this.rangeOf(key) });
    return undefined;
  }

  /** An optional string; a value of another type is a problem. */
  optionalString(key: string): string | undefined {
    const value = this.data[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.trim();
    this.problems.push({ message: `"${key}" must be a string.`, range: this.rangeOf(key) });
    return undefined;
  }

  /** A list of strings; a single string is taken as a one-item list. */
  stringList(key: string, required = false): string[] {
    const value = this.data[key];
    if (value === undefined || value === null) {
      if (required) this.problems.push({ message: `Missing required key "${key}" (a list).`, range: this.rangeOf(key) });
      return [];
    }
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) return value.map(String);
    this.problems.push({ message: `"${key}" must be a list of strings.`, range: this.rangeOf(key) });
    return [];
  }

  /** A required positive integer. */
  requiredInteger(key: string): number | undefined {
    const value = this.data[key];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
    this.problems.push({ message: value === undefined ? `Missing required key "${key}".` : `"${key}" must be a positive whole number.`, range: this.rangeOf(key) });
    return undefined;
  }

  /** A mapping of names to strings or booleans (empty when absent). */
  scalarMap(key: string): Record<string, string | boolean> {
    const value = this.data[key];
    if (value === undefined || value === null) return {};
    if (typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.every(([, item]) => typeof item === 'string' || typeof item === 'boolean')) {
        return Object.fromEntries(entries) as Record<string, string | boolean>;
      }
    }
    this.problems.push({ message: `"${key}" must map names to strings or booleans.`, range: this.rangeOf(key) });
    return {};
  }

  /** The range of a key's value, or of the front matter (or first line) when the key is absent. */
  rangeOf(key: string): Range {
    const entry = this.file.frontMatter?.entries.find((candidate) => candidate.key === key);
    if (entry !== undefined) return entry.valueRange.start.line === entry.valueRange.end.line && entry.valueRange.start.character === entry.valueRange.end.character ? entry.keyRange : entry.valueRange;
    return this.topRange();
  }

  private topRange(): Range {
    return this.file.frontMatter?.range ?? this.file.document.rangeAt(0, this.file.document.lineText(0).length);
  }
}

/** The Markdown after the front matter block, trimmed. */
export function bodyOf(file: FrontMatterFile): string {
  const frontMatter = file.frontMatter;
  const start = frontMatter === undefined ? 0 : file.document.offsetAt(frontMatter.range.end);
  return file.document.text.slice(start).trim();
}

/** The file name without folder and `.md`, used as the id of glossary, remediation and cause entries. */
export function idFromPath(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
}

/** Characters of ids and spellings: an item found next to one is part of a longer item. */
const ID_CHARACTER = /[\p{L}\p{N}_-]/u;

/**
 * The range of one item of a front matter list (`see: [a, b]` or a block
 * list), found by its text inside the key's value; the value's range when the
 * item cannot be found as written (quoted, escaped), or the key's range when
 * the value is empty. `undefined` when the key is absent.
 */
export function frontMatterItemRange(file: FrontMatterFile, key: string, item: string): Range | undefined {
  const entry = file.frontMatter?.entries.find((candidate) => candidate.key === key);
  if (entry === undefined) return undefined;
  const document = file.document;
  const start = document.offsetAt(entry.valueRange.start);
  const end = document.offsetAt(entry.valueRange.end);
  if (start === end) return entry.keyRange;
  const value = document.text.slice(start, end);
  for (let index = value.indexOf(item); index !== -1; index = value.indexOf(item, index + 1)) {
    const before = value[index - 1] ?? ' ';
    const after = value[index + item.length] ?? ' ';
    if (!ID_CHARACTER.test(before) && !ID_CHARACTER.test(after)) return document.rangeAt(start + index, start + index + item.length);
  }
  return entry.valueRange;
}
