/**
 * The expressions of a problem model: guards, effects and outcome values are
 * CEL (the Common Expression Language), parsed once when the model loads and
 * evaluated by `@bufbuild/cel`. CEL has no side effects, no loops of its own
 * and no access to anything but the variables it is given, so a model from a
 * stranger can compute nothing but values.
 *
 * Trace sentences and other texts are templates: literal text with CEL
 * expressions in braces, e.g. `the client runs as a {bitness} process`; `{{` and
 * `}}` stand for literal braces.
 */
import { type CelEnv, type CelValue, celEnv, isCelError, isCelList, isCelMap, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

/** A value a model works with: text, a yes/no, or a list of texts. */
export type ModelValue = string | boolean | readonly string[];

/** The variables an expression sees, by name; `event` is a map of the current event's `with` values. */
export type Bindings = Readonly<Record<string, ModelValue | ReadonlyMap<string, string>>>;

/** An expression ready to evaluate. */
export interface CompiledExpression {
  readonly source: string;
  /** Top-level names the expression reads, in the order they first appear. */
  readonly references: readonly string[];
  /** String literals compared with a name (`name == 'x'`, `name in ['x']`), to check against its domain. */
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

const ENVIRONMENT: CelEnv = celEnv({ funcs: strings });

/** Parses `source` as CEL; never throws. */
export function compileExpression(source: string): CompiledExpression | ExpressionError {
  let parsed;
  try {
    parsed = parse(source);
  } catch (error) {
    const location = (error as { location?: { start?: { offset?: number } } }).location?.start?.offset;
    const raw = (error as { rawMessage?: string }).rawMessage ?? (error instanceof Error ? error.message : String(error));
    return { offset: typeof location === 'number' ? location : 0, message: raw.replace(/^<input>:\d+:\d+: /, '') };
  }
  const references: string[] = [];
  const comparisons: { name: string; literal: string | boolean }[] = [];
  collectNames(parsed.expr as unknown as ExprNode, new Set(), references, comparisons);
  let program: (bindings: Bindings) => unknown;
  try {
    const planned = plan(ENVIRONMENT, parsed);
    program = (bindings) => planned(bindings as never);
  } catch (error) {
    return { offset: 0, message: error instanceof Error ? error.message : String(error) };
  }
  return {
    source,
    references,
    comparisons,
    evaluate: (bindings) => {
      try {
        return toModelValue(program(bindings));
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
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
  if (isCelError(value)) return { error: value.message };
  if (typeof value === 'string' || typeof value === 'boolean') return { value };
  if (typeof value === 'bigint' || typeof value === 'number') return { value: String(value) };
  if (isCelList(value)) {
    const items: string[] = [];
    for (const item of value as Iterable<CelValue>) {
      if (typeof item !== 'string') return { error: 'a list of a model holds only texts' };
      items.push(item);
    }
    return { value: items };
  }
  if (isCelMap(value)) return { error: 'a map cannot be the value of a model expression' };
  return { error: `the expression gives ${value === null ? 'null' : typeof value}, not a text, a yes/no or a list of texts` };
}

/** The parts of a CEL syntax tree the name collector reads (the tree is protobuf data). */
interface ExprNode {
  readonly exprKind?: { readonly case?: string; readonly value?: unknown };
}

function collectNames(
  node: ExprNode | undefined,
  locals: ReadonlySet<string>,
  names: string[],
  comparisons: { name: string; literal: string | boolean }[],
): void {
  const kind = node?.exprKind;
  if (kind === undefined) return;
  const value = kind.value as Record<string, unknown> | undefined;
  switch (kind.case) {
    case 'identExpr': {
      const name = String(value?.['name'] ?? '');
      if (!locals.has(name) && !names.includes(name)) names.push(name);
      return;
    }
    case 'selectExpr':
      collectNames(value?.['operand'] as ExprNode, locals, names, comparisons);
      return;
    case 'callExpr': {
      const args = (value?.['args'] as ExprNode[] | undefined) ?? [];
      collectNames(value?.['target'] as ExprNode | undefined, locals, names, comparisons);
      for (const arg of args) collectNames(arg, locals, names, comparisons);
      const fn = String(value?.['function'] ?? '');
      if (fn === '_==_' || fn === '_!=_' || fn === '@in') recordComparison(fn, args, locals, comparisons);
      return;
    }
    case 'listExpr':
      for (const element of (value?.['elements'] as ExprNode[] | undefined) ?? []) collectNames(element, locals, names, comparisons);
      return;
    case 'structExpr':
      for (const entry of (value?.['entries'] as Array<Record<string, unknown>> | undefined) ?? []) {
        collectNames(entry['value'] as ExprNode, locals, names, comparisons);
        const key = entry['keyKind'] as { case?: string; value?: unknown } | undefined;
        if (key?.case === 'mapKey') collectNames(key.value as ExprNode, locals, names, comparisons);
      }
      return;
    case 'comprehensionExpr': {
      const inner = new Set([...locals, String(value?.['iterVar'] ?? ''), String(value?.['accuVar'] ?? '')]);
      collectNames(value?.['iterRange'] as ExprNode, locals, names, comparisons);
      collectNames(value?.['accuInit'] as ExprNode, locals, names, comparisons);
      for (const key of ['loopCondition', 'loopStep', 'result']) collectNames(value?.[key] as ExprNode, inner, names, comparisons);
      return;
    }
    default:
  }
}

function recordComparison(fn: string, args: readonly ExprNode[], locals: ReadonlySet<string>, comparisons: { name: string; literal: string | boolean }[]): void {
  const [left, right] = args;
  const name = identName(left, locals) ?? (fn === '@in' ? undefined : identName(right, locals));
  if (name === undefined) return;
  const others = fn === '@in' ? listLiterals(right) : [literalOf(identName(left, locals) === undefined ? left : right)];
  for (const literal of others) if (literal !== undefined) comparisons.push({ name, literal });
}

function identName(node: ExprNode | undefined, locals: ReadonlySet<string>): string | undefined {
  if (node?.exprKind?.case !== 'identExpr') return undefined;
  const name = String((node.exprKind.value as Record<string, unknown>)['name'] ?? '');
  return locals.has(name) ? undefined : name;
}

function literalOf(node: ExprNode | undefined): string | boolean | undefined {
  if (node?.exprKind?.case !== 'constExpr') return undefined;
  const constant = (node.exprKind.value as { constantKind?: { case?: string; value?: unknown } }).constantKind;
  if (constant?.case === 'stringValue' && typeof constant.value === 'string') return constant.value;
  if (constant?.case === 'boolValue' && typeof constant.value === 'boolean') return constant.value;
  return undefined;
}

function listLiterals(node: ExprNode | undefined): Array<string | boolean | undefined> {
  if (node?.exprKind?.case !== 'listExpr') return [];
  return ((node.exprKind.value as { elements?: ExprNode[] }).elements ?? []).map(literalOf);
}
