import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { TextDocument } from '../text-document.js';
import { readFlatFrontMatter } from './flat-front-matter.js';
import type { Range } from '../types.js';

/** Aliases allowed when expanding front matter: enough for real YAML, too few for a "billion laughs" bomb. */
const MAX_ALIAS_COUNT = 50;

/** One top-level key of the front matter, with where its key and value stand. */
export interface FrontMatterEntry {
  readonly key: string;
  readonly value: unknown;
  readonly keyRange: Range;
  /** The value's range; an empty range just after the colon when the value is missing. */
  readonly valueRange: Range;
}

/** A problem found while reading the front matter block. */
export interface FrontMatterProblem {
  readonly message: string;
  readonly range: Range;
}

/** The YAML block at the top of a Markdown file. */
export interface FrontMatter {
  /** The whole block, `---` lines included. */
  readonly range: Range;
  /** Offset in the file text where the YAML content starts (after the opening `---` line). */
  readonly contentStart: number;
  /** Offset where the closing `---` line starts: insertions of new keys go here. */
  readonly closingLineStart: number;
  /** Top-level keys in order; empty when the YAML is not a mapping. */
  readonly entries: readonly FrontMatterEntry[];
  /** The block's data; `undefined` when it could not be read (see {@link problems}). */
  readonly data: Readonly<Record<string, unknown>> | undefined;
  readonly problems: readonly FrontMatterProblem[];
}

/**
 * A front matter entry as a parsed file keeps it: offsets in the file's text
 * instead of ranges, which {@link frontMatterView} computes again when asked.
 * (A range is three objects; a KB holds tens of thousands of entries.)
 */
export interface StoredFrontMatterEntry {
  readonly key: string;
  readonly value: unknown;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** A {@link FrontMatter} with {@link StoredFrontMatterEntry} entries. */
export interface StoredFrontMatter extends Omit<FrontMatter, 'entries'> {
  readonly entries: readonly StoredFrontMatterEntry[];
}

/**
 * Reads a front matter block whose YAML text starts at `contentStart` in
 * `document`. Never throws: YAML errors, alias bombs and non-mapping content
 * come back as {@link FrontMatter.problems}.
 */
export function readFrontMatter(
  document: TextDocument,
  blockStart: number,
  blockEnd: number,
  contentStart: number,
  yamlText: string,
): FrontMatter {
  return frontMatterView(readStoredFrontMatter(document, blockStart, blockEnd, contentStart, yamlText), document);
}

/** The {@link FrontMatter} of a stored one: its entries with their ranges in `document`. */
export function frontMatterView(stored: StoredFrontMatter, document: TextDocument): FrontMatter {
  const entries = stored.entries.map((entry): FrontMatterEntry => ({
    key: entry.key,
    value: entry.value,
    keyRange: document.rangeAt(entry.keyStart, entry.keyEnd),
    valueRange: document.rangeAt(entry.valueStart, entry.valueEnd),
  }));
  return { range: stored.range, contentStart: stored.contentStart, closingLineStart: stored.closingLineStart, entries, data: stored.data, problems: stored.problems };
}

/** {@link readFrontMatter}, keeping entries as offsets ({@link StoredFrontMatterEntry}). */
export function readStoredFrontMatter(
  document: TextDocument,
  blockStart: number,
  blockEnd: number,
  contentStart: number,
  yamlText: string,
): StoredFrontMatter {
  const range = document.rangeAt(blockStart, blockEnd);
  const closingLineStart = document.lineStart(document.positionAt(blockEnd).line);
  const problems: FrontMatterProblem[] = [];
  const at = (start: number, end: number): Range => document.rangeAt(contentStart + start, contentStart + Math.max(start, end));

  // Most blocks are flat `key: value` lines and lists, read for much less than the YAML parser costs; it reads the others.
  const flat = readFlatFrontMatter(yamlText);
  if (flat !== undefined) {
    const entries = flat.entries.map((entry): StoredFrontMatterEntry => ({ ...entry, keyStart: contentStart + entry.keyStart, keyEnd: contentStart + entry.keyEnd, valueStart: contentStart + entry.valueStart, valueEnd: contentStart + entry.valueEnd }));
    return { range, contentStart, closingLineStart, entries, data: flat.data, problems };
  }
  const lineCounter = new LineCounter();
  const yamlDocument = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, logLevel: 'error' });
  for (const error of yamlDocument.errors) {
    problems.push({ message: `Front matter is not valid YAML: ${firstLine(error.message)}`, range: at(error.pos[0], error.pos[1]) });
  }
  if (problems.length > 0) return { range, contentStart, closingLineStart, entries: [], data: undefined, problems };

  let data: unknown;
  try {
    data = yamlDocument.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push({ message: `Front matter could not be read: ${firstLine(message)}`, range: at(0, yamlText.length) });
    return { range, contentStart, closingLineStart, entries: [], data: undefined, problems };
  }
  if (data === null || data === undefined) {
    return { range, contentStart, closingLineStart, entries: [], data: {}, problems };
  }
  if (typeof data !== 'object' || Array.isArray(data) || !isMap(yamlDocument.contents)) {
    problems.push({ message: 'Front matter must be a mapping of keys to values (`key: value` lines).', range: at(0, yamlText.length) });
    return { range, contentStart, closingLineStart, entries: [], data: undefined, problems };
  }

  const entries: StoredFrontMatterEntry[] = [];
  const record = data as Record<string, unknown>;
  for (const pair of yamlDocument.contents.items) {
    if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) continue;
    const key = String(pair.key.value);
    const [keyStart, keyEnd] = pair.key.range;
    const valueNode = pair.value as { range?: [number, number, number] } | null;
    // Offsets as `at` would take them: from the content start, never ending before they start.
    const [valueStart, valueEnd] = valueNode?.range ? [valueNode.range[0], valueNode.range[1]] : [keyEnd + 1, keyEnd + 1];
    entries.push({
      key,
      value: record[key],
      keyStart: contentStart + keyStart,
      keyEnd: contentStart + Math.max(keyStart, keyEnd),
      valueStart: contentStart + valueStart,
      valueEnd: contentStart + Math.max(valueStart, valueEnd),
    });
  }
  return { range, contentStart, closingLineStart, entries, data: record, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
