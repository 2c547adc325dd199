import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { TextDocument } from '../text-document.js';
import type { Range } from '../types.js';

/** A problem of a repository file (a `docfx.json` or an `.openpublishing.*.json`), at its place in the JSON. */
export interface RepositoryFileProblem {
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

/** A JSON file of the repository, parsed with positions; `root` is `undefined` when nothing could be read. */
export interface JsonFile {
  readonly path: string;
  readonly document: TextDocument;
  readonly root: JsonNode | undefined;
  readonly problems: RepositoryFileProblem[];
}

/**
 * Parses JSON the way the Learn build reads it (comments and trailing commas
 * tolerated), keeping node offsets for findings. Never throws: syntax errors
 * become problems at their place.
 */
export function parseJsonFile(path: string, text: string): JsonFile {
  const document = new TextDocument(path, text);
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch {
    // The parser recurses: nesting deep enough to exhaust the stack is not a file the build could read either.
    return { path, document, root: undefined, problems: [{ path, range: document.rangeAt(0, 1), message: `${basenameOf(path)} nests too deeply to be read.` }] };
  }
  const problems = errors.map((error) => ({
    path,
    range: document.rangeAt(error.offset, error.offset + Math.max(1, error.length)),
    message: `${basenameOf(path)} is not valid JSON: ${printParseErrorCode(error.error)}.`,
  }));
  return { path, document, root, problems };
}

/** The value node of property `key` of an object node. */
export function propertyValue(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (name?.value === key) return value;
  }
  return undefined;
}

/** The properties of an object node as `[name node, value node]` pairs, in file order. */
export function propertiesOf(node: JsonNode | undefined): Array<readonly [JsonNode, JsonNode]> {
  if (node?.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const [name, value] = property.children ?? [];
    return name !== undefined && value !== undefined && typeof name.value === 'string' ? [[name, value] as const] : [];
  });
}

/** The strings of a node that is a string or an array of strings (DocFX accepts both for globs). */
export function stringsOf(node: JsonNode | undefined): string[] {
  if (node?.type === 'string') return [String(node.value)];
  if (node?.type !== 'array') return [];
  return (node.children ?? []).flatMap((child) => (child.type === 'string' ? [String(child.value)] : []));
}

/** Levels of nesting a metadata value keeps; deeper parts are dropped (no real metadata nests so deep). */
const MAX_VALUE_DEPTH = 32;

/** The plain value of a node (objects and arrays rebuilt), as JSON.parse would give it, down to {@link MAX_VALUE_DEPTH} levels. */
export function valueOf(node: JsonNode, depth = 0): unknown {
  if (depth >= MAX_VALUE_DEPTH && (node.type === 'object' || node.type === 'array')) return undefined;
  if (node.type === 'object') return Object.fromEntries(propertiesOf(node).map(([name, value]) => [String(name.value), valueOf(value, depth + 1)]));
  if (node.type === 'array') return (node.children ?? []).map((child) => valueOf(child, depth + 1));
  return node.value;
}

/** The range of a node in its file. */
export function rangeOfNode(file: JsonFile, node: JsonNode): Range {
  return file.document.rangeAt(node.offset, node.offset + node.length);
}

function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
