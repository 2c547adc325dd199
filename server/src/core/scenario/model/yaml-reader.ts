/**
 * A small reader over a YAML document that reports every problem at its
 * place: the model reader asks for fields by name and gets plain values,
 * with the range of the node they came from.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, YAMLMap } from 'yaml';
import { TextDocument } from '../../text-document.js';
import type { Range } from '../../types.js';
import type { ModelProblem } from './model-types.js';

export { isMap, isScalar, isSeq };
export type { YamlNode, YAMLMap };

/** Reads one YAML file, collecting problems with ranges. */
export class YamlReader {
  readonly problems: ModelProblem[] = [];
  readonly root: YamlNode | null;
  private readonly document: TextDocument;
  private yaml: Document | undefined;

  constructor(readonly path: string, text: string) {
    this.document = new TextDocument(path, text);
    let root: YamlNode | null = null;
    try {
      const yaml = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
      for (const error of yaml.errors) this.problem(error.pos, `YAML syntax error: ${firstLine(error.message)}.`);
      root = yaml.errors.length > 0 ? null : (yaml.contents as YamlNode | null);
      this.yaml = yaml;
    } catch (error) {
      this.problem(undefined, `The file could not be read as YAML: ${String(error)}.`);
    }
    this.root = root;
  }

  /** Records a problem at a node's range (or the file's start). */
  problem(range: readonly number[] | null | undefined, message: string, severity: 'error' | 'warning' = 'error'): void {
    this.problems.push({ path: this.path, range: this.range(range), message, severity });
  }

  /** Records a problem at an offset inside a scalar (e.g. where a CEL expression fails to parse). */
  problemInScalar(node: YamlNode | null | undefined, offset: number, message: string): void {
    const start = node?.range?.[0];
    if (start === undefined) {
      this.problem(undefined, message);
      return;
    }
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? 1 : 0;
    const plain = isScalar(node) && (node.type === 'PLAIN' || quoted === 1);
    const at = plain ? start + quoted + offset : start;
    this.problem([at, plain ? at + 1 : (node?.range?.[1] ?? at)], message);
  }

  /** The editor range of a YAML node range. */
  range(range: readonly number[] | null | undefined): Range {
    const start = range?.[0] ?? 0;
    const end = range?.[1] ?? start;
    return this.document.rangeAt(start, Math.max(start, end));
  }

  /** The node an alias (`*name`) stands for; any other node as it is. */
  deref(node: YamlNode | null | undefined): YamlNode | undefined {
    if (node === null || node === undefined) return undefined;
    if (!isAlias(node) || this.yaml === undefined) return node;
    return (node.resolve(this.yaml) as YamlNode | undefined) ?? undefined;
  }

  /** The value node of `key` in a mapping, or `undefined`. */
  field(map: YamlNode | null | undefined, key: string): YamlNode | undefined {
    if (!isMap(map)) return undefined;
    return this.deref(map.get(key, true) as YamlNode | null | undefined);
  }

  /** Warns about keys a mapping should not have. */
  onlyKeys(map: YamlNode | null | undefined, known: readonly string[], what: string): void {
    if (!isMap(map)) return;
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined && !known.includes(key)) {
        this.problem((pair.key as YamlNode | null)?.range, `Unknown key \`${key}\` in ${what}; it has ${known.map((name) => `\`${name}\``).join(', ')}.`, 'warning');
      }
    }
  }

  /** A text field; reports and returns `undefined` when present but not text (or missing and required). */
  text(map: YamlNode | null | undefined, key: string, what: string, required = false): string | undefined {
    const node = this.field(map, key);
    if (node === undefined) {
      if (required) this.problem(map?.range, `${what} needs \`${key}\`.`);
      return undefined;
    }
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    this.problem(node.range, `\`${key}\` of ${what} must be text.`);
    return undefined;
  }

  /** The items of a sequence field; reports when present but not a list. */
  items(map: YamlNode | null | undefined, key: string, what: string, required = false): YamlNode[] {
    const node = this.field(map, key);
    if (node === undefined) {
      if (required) this.problem(map?.range, `${what} needs a \`${key}:\` list.`);
      return [];
    }
    if (!isSeq(node)) {
      this.problem(node.range, `\`${key}\` of ${what} must be a list.`);
      return [];
    }
    return node.items.flatMap((item) => this.deref(item as YamlNode | null) ?? []);
  }

  /** The pairs of a mapping field, keys as text. */
  entries(map: YamlNode | null | undefined, key: string, what: string): Array<{ key: string; keyRange: readonly number[] | undefined; value: YamlNode | undefined }> {
    const node = this.field(map, key);
    if (node === undefined) return [];
    if (!isMap(node)) {
      this.problem(node.range, `\`${key}\` of ${what} must be a mapping.`);
      return [];
    }
    return node.items.flatMap((pair) => {
      if (!isScalar(pair.key)) return [];
      return [{ key: String(pair.key.value), keyRange: (pair.key as YamlNode).range ?? undefined, value: this.deref(pair.value as YamlNode | null) }];
    });
  }
}

/** A scalar node's value as a model value: booleans stay, numbers become text. */
export function scalarValue(node: YamlNode | null | undefined): string | boolean | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).replace(/[.:]\s*$/, '');
}
