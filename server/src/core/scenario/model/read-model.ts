/**
 * Reads a problem model file (`models/*.yaml`). Every expression is parsed
 * and checked against the model's declarations here, and every problem is
 * reported at its place in the YAML. A model with errors is not used, and
 * never stops the rest of the KB from being checked. Never throws.
 */
import { type CompiledExpression, type CompiledTemplate, type ModelValue, compileExpression, compileTemplate } from './expression.js';
import { readOutcome, readSummary, readTable } from './read-outcomes.js';
import type { ConditionValue, ModelCondition, ModelEventDeclaration, ModelFile, ModelRule, Phrasing, ProblemModel, RulePhase } from './model-types.js';
import { type YamlNode, YamlReader, isMap, isScalar, isSeq, scalarValue } from './yaml-reader.js';

/** Names every expression may read besides the model's own. */
const BUILT_IN_NAMES = ['event', 'events'];

/** Compiles expressions and templates of one model, checking the names they read. */
export class ModelCompiler {
  constructor(
    readonly reader: YamlReader,
    readonly conditions: ReadonlyMap<string, ModelCondition>,
    readonly stateNames: ReadonlySet<string>,
  ) {}

  /** A CEL expression at `node`; `extra` names are also allowed. */
  expression(node: YamlNode | undefined, what: string, extra: readonly string[] = []): CompiledExpression | undefined {
    if (node === undefined) return undefined;
    const source = scalarValue(node);
    if (source === undefined) {
      this.reader.problem(node.range, `${what} must be a CEL expression written as text.`);
      return undefined;
    }
    const compiled = compileExpression(String(source));
    if ('message' in compiled) {
      this.reader.problemInScalar(node, compiled.offset, `${what} is not valid CEL: ${compiled.message}.`);
      return undefined;
    }
    return this.checked(compiled, node, what, extra) ? compiled : undefined;
  }

  /** A template (`text with {expressions}`) at `node`. */
  template(node: YamlNode | undefined, what: string, extra: readonly string[] = []): CompiledTemplate | undefined {
    if (node === undefined) return undefined;
    const source = scalarValue(node);
    if (typeof source !== 'string') {
      this.reader.problem(node.range, `${what} must be text.`);
      return undefined;
    }
    const compiled = compileTemplate(source);
    if ('message' in compiled) {
      this.reader.problemInScalar(node, compiled.offset, `${what}: ${compiled.message}.`);
      return undefined;
    }
    const ok = compiled.parts.every((part) => !('expression' in part) || this.checked(part.expression, node, what, extra));
    return ok ? compiled : undefined;
  }

  private checked(compiled: CompiledExpression, node: YamlNode, what: string, extra: readonly string[]): boolean {
    const allowed = (name: string): boolean => this.conditions.has(name) || this.stateNames.has(name) || BUILT_IN_NAMES.includes(name) || extra.includes(name);
    const unknown = compiled.references.filter((name) => !allowed(name));
    if (unknown.length > 0) {
      this.reader.problem(node.range, `${what} reads ${unknown.map((name) => `\`${name}\``).join(', ')}, which the model does not declare; declare it under \`conditions\` or \`state\`.`);
      return false;
    }
    for (const { name, literal } of compiled.comparisons) {
      const condition = this.conditions.get(name);
      if (condition !== undefined && !condition.values.some((value) => value === literal)) {
        this.reader.problem(node.range, `${what} compares \`${name}\` with ${JSON.stringify(literal)}, which is not one of its values (${condition.values.map((value) => JSON.stringify(value)).join(', ')}).`);
        return false;
      }
    }
    return true;
  }

  /** A phrasing: a map from value to phrase, or a template reading `value`. */
  phrasing(node: YamlNode | undefined, what: string, values: readonly ConditionValue[] | undefined): Phrasing | undefined {
    if (node === undefined) return undefined;
    if (isMap(node)) {
      const byValue = new Map<string, string>();
      for (const pair of node.items) {
        const key = scalarValue(pair.key as YamlNode);
        const phrase = scalarValue(pair.value as YamlNode);
        if (key === undefined || typeof phrase !== 'string') {
          this.reader.problem((pair.key as YamlNode | null)?.range ?? node.range, `Each phrase of ${what} maps a value to a text.`);
          continue;
        }
        if (values !== undefined && !values.some((value) => String(value) === String(key))) {
          this.reader.problem((pair.key as YamlNode).range, `${what} has a phrase for ${JSON.stringify(key)}, which is not one of its values.`);
        }
        byValue.set(String(key), phrase);
      }
      const missing = values?.find((value) => !byValue.has(String(value)));
      if (missing !== undefined) this.reader.problem(node.range, `${what} has no phrase for the value ${JSON.stringify(missing)}.`);
      return { byValue };
    }
    const template = this.template(node, what, ['value']);
    return template === undefined ? undefined : { template };
  }
}

/** Reads one model file. */
export function readModelFile(text: string, path: string): ModelFile {
  const reader = new YamlReader(path, text);
  const root = reader.root;
  if (reader.problems.length > 0) return { path, model: undefined, problems: reader.problems };
  if (!isMap(root)) {
    reader.problem(undefined, 'A model file is a mapping with `id`, `title`, `conditions`, `events`, `state`, `rules` and `outcomes`.');
    return { path, model: undefined, problems: reader.problems };
  }
  reader.onlyKeys(root, ['id', 'title', 'description', 'sources', 'conditions', 'events', 'state', 'rules', 'outcomes', 'summary', 'table'], 'a model');
  const id = reader.text(root, 'id', 'A model', true);
  if (id !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(id)) reader.problem(reader.field(root, 'id')?.range, 'The model `id` must be kebab-case, e.g. `sign-in-prompt`.');
  const title = reader.text(root, 'title', 'A model', true) ?? id ?? '';
  const conditions = readConditions(reader, root);
  const events = readEvents(reader, root);
  const state = readState(reader, root, conditions);
  const compiler = new ModelCompiler(reader, conditions, new Set(state.keys()));
  for (const condition of conditions.values()) {
    const says = compiler.phrasing(reader.field(conditionNode(reader, root, condition.name), 'says'), `\`says\` of condition \`${condition.name}\``, condition.values);
    if (says !== undefined) (condition as { says: Phrasing }).says = says;
  }
  const rules = reader.items(root, 'rules', 'A model', true).flatMap((node, index) => {
    const rule = readRule(compiler, node, index, events, state);
    return rule === undefined ? [] : [rule];
  });
  const outcomeNodes = reader.items(root, 'outcomes', 'A model', true);
  const outcomeNames = outcomeNodes.flatMap((node) => {
    const name = scalarValue(reader.field(node, 'name'));
    return typeof name === 'string' ? [name] : [];
  });
  const outcomes = outcomeNodes.flatMap((node) => {
    const outcome = readOutcome(compiler, node, outcomeNames);
    return outcome === undefined ? [] : [outcome];
  });
  const summary = readSummary(compiler, reader.field(root, 'summary'));
  const table = readTable(compiler, reader.field(root, 'table'), events);
  const errors = reader.problems.some((problem) => problem.severity === 'error');
  if (errors || id === undefined) return { path, model: undefined, problems: reader.problems };
  const model: ProblemModel = { id, title, path, conditions: [...conditions.values()], events, state, rules, outcomes, summary, table };
  return { path, model, problems: reader.problems };
}

function conditionNode(reader: YamlReader, root: YamlNode, name: string): YamlNode | undefined {
  return reader.items(root, 'conditions', 'A model').find((node) => scalarValue(reader.field(node, 'name')) === name);
}

function readConditions(reader: YamlReader, root: YamlNode): Map<string, ModelCondition> {
  const conditions = new Map<string, ModelCondition>();
  for (const node of reader.items(root, 'conditions', 'A model', true)) {
    reader.onlyKeys(node, ['name', 'label', 'values', 'default', 'says', 'term', 'description'], 'a condition');
    const name = identifier(reader, node, 'a condition');
    if (name === undefined) continue;
    if (conditions.has(name)) {
      reader.problem(node.range, `Condition \`${name}\` is declared twice.`);
      continue;
    }
    const valuesNode = reader.field(node, 'values');
    const values = isSeq(valuesNode) ? valuesNode.items.map((item) => scalarValue(item as YamlNode)) : [];
    if (values.length === 0 || values.some((value) => value === undefined)) {
      reader.problem(valuesNode?.range ?? node.range, `Condition \`${name}\` needs \`values\`: a list of words or yes/no values.`);
      continue;
    }
    const defaultNode = reader.field(node, 'default');
    const fallback = defaultNode === undefined ? undefined : scalarValue(defaultNode);
    if (defaultNode !== undefined && !values.some((value) => value === fallback)) {
      reader.problem(defaultNode.range, `The default of \`${name}\` must be one of its values (${values.map((value) => JSON.stringify(value)).join(', ')}).`);
    }
    const term = reader.text(node, 'term', `condition \`${name}\``);
    conditions.set(name, {
      name,
      label: reader.text(node, 'label', `condition \`${name}\``) ?? name,
      values: values as ConditionValue[],
      ...(fallback === undefined ? {} : { default: fallback }),
      says: { byValue: new Map() },
      ...(term === undefined ? {} : { term }),
      range: reader.range(node.range),
    });
  }
  return conditions;
}

function readEvents(reader: YamlReader, root: YamlNode): ModelEventDeclaration[] {
  const events: ModelEventDeclaration[] = [];
  for (const node of reader.items(root, 'events', 'A model', true)) {
    reader.onlyKeys(node, ['name', 'with', 'description'], 'an event');
    const name = identifier(reader, node, 'an event');
    if (name === undefined) continue;
    if (events.some((event) => event.name === name)) reader.problem(node.range, `Event \`${name}\` is declared twice.`);
    const values = new Map<string, string>();
    for (const entry of reader.entries(node, 'with', `event \`${name}\``)) {
      const value = scalarValue(entry.value);
      if (value === undefined) reader.problem(entry.value?.range ?? entry.keyRange, `\`with.${entry.key}\` of event \`${name}\` must be text.`);
      else values.set(entry.key, String(value));
    }
    events.push({ name, with: values, range: reader.range(node.range) });
  }
  return events;
}

function readState(reader: YamlReader, root: YamlNode, conditions: ReadonlyMap<string, ModelCondition>): Map<string, ModelValue> {
  const state = new Map<string, ModelValue>();
  for (const entry of reader.entries(root, 'state', 'a model')) {
    if (conditions.has(entry.key) || BUILT_IN_NAMES.includes(entry.key)) {
      reader.problem(entry.keyRange, `State \`${entry.key}\` has the name of a condition or of a built-in name; choose another.`);
      continue;
    }
    const node = entry.value;
    if (isSeq(node) && node.items.length === 0) state.set(entry.key, []);
    else if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'boolean')) state.set(entry.key, node.value);
    else if (isScalar(node) && node.value === null) state.set(entry.key, '');
    else reader.problem(node?.range ?? entry.keyRange, `State \`${entry.key}\` starts as text, \`true\`/\`false\`, or \`[]\` (a list of texts).`);
  }
  return state;
}

const RULE_KEYS = ['id', 'on', 'when', 'set', 'append', 'insert', 'trace', 'reads', 'last', 'source'];

function readRule(compiler: ModelCompiler, node: YamlNode, index: number, events: readonly ModelEventDeclaration[], state: ReadonlyMap<string, ModelValue>): ModelRule | undefined {
  const reader = compiler.reader;
  reader.onlyKeys(node, RULE_KEYS, 'a rule');
  const id = reader.text(node, 'id', `Rule ${index + 1}`, true);
  if (id === undefined) return undefined;
  const what = `rule \`${id}\``;
  const on = readPhase(reader, reader.field(node, 'on'), what, events);
  const when = compiler.expression(reader.field(node, 'when'), `The guard of ${what}`);
  const set = reader.entries(node, 'set', what).flatMap((entry) => {
    if (!state.has(entry.key)) {
      reader.problem(entry.keyRange, `${what} sets \`${entry.key}\`, which is not declared under \`state\`.`);
      return [];
    }
    const expression = compiler.expression(entry.value, `\`set.${entry.key}\` of ${what}`);
    return expression === undefined ? [] : [{ name: entry.key, expression, range: reader.range(entry.keyRange) }];
  });
  const append = reader.entries(node, 'append', what).flatMap((entry) => {
    if (!Array.isArray(state.get(entry.key))) {
      reader.problem(entry.keyRange, `${what} appends to \`${entry.key}\`, which is not a list declared under \`state\` (start it as \`[]\`).`);
      return [];
    }
    const template = compiler.template(entry.value, `\`append.${entry.key}\` of ${what}`);
    return template === undefined ? [] : [{ name: entry.key, template, range: reader.range(entry.keyRange) }];
  });
  const insert = reader.text(node, 'insert', what);
  if (insert !== undefined && on?.kind !== 'start') reader.problem(reader.field(node, 'insert')?.range, `Only a rule \`on: start\` can insert an event before the scenario's.`);
  if (insert !== undefined && !events.some((event) => event.name === insert)) reader.problem(reader.field(node, 'insert')?.range, `${what} inserts \`${insert}\`, which is not a declared event.`);
  const readsNode = reader.field(node, 'reads');
  const reads = readsNode === undefined ? undefined : isSeq(readsNode) ? readsNode.items.map((item) => String(scalarValue(item as YamlNode) ?? '')) : undefined;
  if (readsNode !== undefined && reads === undefined) reader.problem(readsNode.range, `\`reads\` of ${what} must be a list of condition names.`);
  for (const name of reads ?? []) {
    if (!compiler.conditions.has(name)) reader.problem(readsNode?.range, `\`reads\` of ${what} names \`${name}\`, which is not a condition.`);
  }
  const lastNode = reader.field(node, 'last');
  const last = scalarValue(lastNode);
  if (lastNode !== undefined && typeof last !== 'boolean') reader.problem(lastNode.range, `\`last\` of ${what} is \`true\` or \`false\`.`);
  if (on === undefined) return undefined;
  return {
    id,
    on,
    when,
    set,
    append,
    insert,
    trace: compiler.template(reader.field(node, 'trace'), `The trace of ${what}`),
    reads,
    last: last === true,
    source: reader.text(node, 'source', what),
    range: reader.range(node.range),
  };
}

function readPhase(reader: YamlReader, node: YamlNode | undefined, what: string, events: readonly ModelEventDeclaration[]): RulePhase | undefined {
  const names = isSeq(node) ? node.items.map((item) => scalarValue(item as YamlNode)) : [scalarValue(node)];
  if (node === undefined || names.length === 0 || names.some((name) => typeof name !== 'string')) {
    reader.problem(node?.range, `${what} needs \`on\`: \`start\`, \`end\`, or the event(s) it handles.`);
    return undefined;
  }
  const list = names as string[];
  if (list.length === 1 && (list[0] === 'start' || list[0] === 'end')) return { kind: list[0] };
  const unknown = list.filter((name) => !events.some((event) => event.name === name));
  if (unknown.length > 0) {
    reader.problem(node.range, `${what} is \`on\` ${unknown.map((name) => `\`${name}\``).join(', ')}, which is not a declared event (or \`start\`, \`end\`).`);
    return undefined;
  }
  return { kind: 'events', events: list };
}

function identifier(reader: YamlReader, node: YamlNode, what: string): string | undefined {
  const name = reader.text(node, 'name', `Each item of ${what.replace(/^an? /, '')}s`, true);
  if (name === undefined) return undefined;
  if (!/^[A-Za-z][\w-]*$/.test(name)) {
    reader.problem(reader.field(node, 'name')?.range, `The name of ${what} must start with a letter and hold letters, digits, \`-\` or \`_\`.`);
    return undefined;
  }
  return name;
}

