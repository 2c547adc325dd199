/**
 * The expressions of a problem model: guards, effects and outcome values are
 * CEL (the Common Expression Language), parsed once when the model loads and
 * evaluated by `@marcbachmann/cel-js`. CEL has no side effects, no loops of its own
 * and no access to anything but the variables it is given, so a model from a
 * stranger can compute nothing but values.
 *
 * Trace sentences and other texts are templates: literal text with CEL
 * expressions in braces, e.g. `the client runs as a {bitness} process`; `{{` and
 * `}}` stand for literal braces.
 */
import { Environment } from '@marcbachmann/cel-js';

/** A value a model works with: text, a yes/no, or a list of texts. */
export type ModelValue = string | boolean | readonly string[];

/** The variables an expression sees, by name; `event` is a map of the current event's `with` values. */
export type Bindings = Readonly<Record<string, ModelValue | ReadonlyMap<string, string>>>;

/** An expression ready to evaluate. */
export interface CompiledExpression {
  readonly source: string;
  /** Top-level names the expression reads, in the order they first appear. */
  readonly references: readonly string[];
  /** Literals compared with a name (`name == 'x'`, `name in ['x']`), to check against its domain. */
  readonly comparisons: readonly { readonly name: string; readonly literal: string | boolean }[];
  readonly evaluate: (bindings: Bindings) => EvaluationResult;
}

/** A value, or the reason there is none (an unset variable, a type error). */
export type EvaluationResult = { readonly value: ModelValue } | { readonly error: string };

/** A CEL syntax error, with its offset in the expression text. */
export interface ExpressionError {
  readonly offset: number;
  readonly message: string;
}

/**
 * One environment for every model: names are the model's own (checked by the
 * model reader), and the structural limits bound what a hostile expression
 * can cost to parse and run.
 */
const ENVIRONMENT = new Environment({
  unlistedVariablesAreDyn: true,
  homogeneousAggregateLiterals: false,
  limits: { maxAstNodes: 500, maxDepth: 40, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 16 },
});

/** Parses `source` as CEL; never throws. */
export function compileExpression(source: string): CompiledExpression | ExpressionError {
  let program: ((context: Record<string, unknown>) => unknown) & { readonly ast: unknown };
  try {
    program = ENVIRONMENT.parse(source) as typeof program;
  } catch (error) {
    return { offset: errorOffset(error), message: errorSummary(error) };
  }
  const references: string[] = [];
  const comparisons: { name: string; literal: string | boolean }[] = [];
  collectNames(program.ast, new Set(), references, comparisons);
  return {
    source,
    references,
    comparisons,
    evaluate: (bindings) => {
      try {
        return toModelValue(program(bindings as Record<string, unknown>));
      } catch (error) {
        return { error: errorSummary(error) };
      }
    },
  };
}

/** One piece of a template: literal text, or an expression whose value is printed. */
export type TemplatePart = { readonly text: string } | { readonly expression: CompiledExpression };

/** A text with `{expression}` parts. */
export interface CompiledTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  readonly references: readonly string[];
}

/** Compiles a template; the error's offset is in the template text. Never throws. */
export function compileTemplate(source: string): CompiledTemplate | ExpressionError {
  const parts: TemplatePart[] = [];
  let text = '';
  let index = 0;
  while (index < source.length) {
    const char = source[index] ?? '';
    if ((char === '{' || char === '}') && source[index + 1] === char) {
      text += char;
      index += 2;
      continue;
    }
    if (char === '}') return { offset: index, message: 'a `}` without its `{`; write `}}` for a literal brace' };
    if (char !== '{') {
      text += char;
      index += 1;
      continue;
    }
    const end = closingBrace(source, index + 1);
    if (end === -1) return { offset: index, message: 'a `{` without its `}`; write `{{` for a literal brace' };
    const compiled = compileExpression(source.slice(index + 1, end));
    if ('message' in compiled) return { offset: index + 1 + compiled.offset, message: compiled.message };
    if (text !== '') parts.push({ text });
    text = '';
    parts.push({ expression: compiled });
    index = end + 1;
  }
  if (text !== '') parts.push({ text });
  const references = [...new Set(parts.flatMap((part) => ('expression' in part ? part.expression.references : [])))];
  return { source, parts, references };
}

/** Renders a template; an expression that fails renders as its error so the author sees it. */
export function renderTemplate(template: CompiledTemplate, bindings: Bindings): EvaluationResult & { readonly failed?: string } {
  let text = '';
  for (const part of template.parts) {
    if ('text' in part) {
      text += part.text;
      continue;
    }
    const result = part.expression.evaluate(bindings);
    if ('error' in result) return { error: result.error, failed: part.expression.source };
    text += printValue(result.value);
  }
  return { value: text };
}

/** How a value prints in a sentence. */
export function printValue(value: ModelValue): string {
  return typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : value.join(', ');
}

/** Finds the `}` that closes an expression, skipping braces inside CEL string literals and map literals. */
function closingBrace(source: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let index = from; index < source.length; index += 1) {
    const char = source[index];
    if (quote !== undefined) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '{') depth += 1;
    else if (char === '}') {
      if (depth === 0) return index;
      depth -= 1;
    }
  }
  return -1;
}

function toModelValue(value: unknown): EvaluationResult {
  if (typeof value === 'string' || typeof value === 'boolean') return { value };
  if (typeof value === 'bigint' || typeof value === 'number') return { value: String(value) };
  if (Array.isArray(value)) {
    return value.every((item) => typeof item === 'string') ? { value: value as string[] } : { error: 'a list of a model holds only texts' };
  }
  return { error: `the expression gives ${value === null ? 'null' : typeof value === 'object' ? 'a map' : typeof value}, not a text, a yes/no or a list of texts` };
}

function errorSummary(error: unknown): string {
  const summary = (error as { summary?: unknown }).summary;
  if (typeof summary === 'string') return summary.replace(/[.\s]+$/, '');
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}

function errorOffset(error: unknown): number {
  const start = (error as { range?: { start?: unknown } }).range?.start;
  return typeof start === 'number' ? start : 0;
}

/** A node of the library's syntax tree: an operator and its arguments. */
interface ExprNode {
  readonly op: string;
  readonly args: unknown;
}

/** Methods whose first argument names a variable local to the call. */
const MACROS = new Set(['all', 'exists', 'exists_one', 'existsOne', 'map', 'filter', 'transformList', 'transformMap']);

function isNode(value: unknown): value is ExprNode {
  return typeof value === 'object' && value !== null && typeof (value as { op?: unknown }).op === 'string';
}

function collectNames(value: unknown, locals: ReadonlySet<string>, names: string[], comparisons: { name: string; literal: string | boolean }[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectNames(item, locals, names, comparisons);
    return;
  }
  if (!isNode(value)) return;
  const args = value.args;
  switch (value.op) {
    case 'id': {
      const name = String(args);
      if (!locals.has(name) && !names.includes(name)) names.push(name);
      return;
    }
    case 'value':
      return;
    case 'rcall': {
      const [method, target, callArgs] = Array.isArray(args) ? (args as [unknown, unknown, unknown]) : [];
      collectNames(target, locals, names, comparisons);
      const list = Array.isArray(callArgs) ? callArgs : [];
      const first: unknown = list[0];
      if (MACROS.has(String(method)) && isNode(first) && first.op === 'id') {
        const inner = new Set([...locals, String(first.args)]);
        collectNames(list.slice(1), inner, names, comparisons);
      } else collectNames(list, locals, names, comparisons);
      return;
    }
    case '.': {
      const [operand] = Array.isArray(args) ? (args as unknown[]) : [];
      collectNames(operand, locals, names, comparisons);
      return;
    }
    case '==':
    case '!=':
    case 'in':
      if (Array.isArray(args)) recordComparison(value.op, args as unknown[], locals, comparisons);
      collectNames(args, locals, names, comparisons);
      return;
    default:
      collectNames(args, locals, names, comparisons);
  }
}

function recordComparison(op: string, args: readonly unknown[], locals: ReadonlySet<string>, comparisons: { name: string; literal: string | boolean }[]): void {
  const [left, right] = args;
  const leftName = identName(left, locals);
  const name = leftName ?? (op === 'in' ? undefined : identName(right, locals));
  if (name === undefined) return;
  const others = op === 'in' ? listLiterals(right) : [literalOf(leftName === undefined ? left : right)];
  for (const literal of others) if (literal !== undefined) comparisons.push({ name, literal });
}

function identName(node: unknown, locals: ReadonlySet<string>): string | undefined {
  if (!isNode(node) || node.op !== 'id') return undefined;
  const name = String(node.args);
  return locals.has(name) ? undefined : name;
}

function literalOf(node: unknown): string | boolean | undefined {
  if (!isNode(node) || node.op !== 'value') return undefined;
  return typeof node.args === 'string' || typeof node.args === 'boolean' ? node.args : undefined;
}

function listLiterals(node: unknown): Array<string | boolean | undefined> {
  if (!isNode(node) || node.op !== 'list' || !Array.isArray(node.args)) return [];
  return (node.args as unknown[]).map(literalOf);
}
