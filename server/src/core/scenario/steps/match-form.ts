/**
 * Matching a step text against one phrasing in time linear in the text's
 * length (times the phrasing's size): reachable positions are computed part
 * by part, forward and backward, instead of backtracking through every way
 * the free-text placeholders could split the text. The bindings are the ones
 * a lazy regular expression would find: each placeholder, left to right, as
 * short as the rest of the phrasing allows, listed values tried in order.
 */
import type { FormPart, StepPlaceholder } from './catalog-types.js';

/** One part compiled for matching: fixed alternatives (lower case), or free text. */
type Matcher = { readonly name: string | undefined; readonly alternatives: readonly string[] } | { readonly name: string; readonly free: true };

/** A phrasing compiled for {@link matchForm}. */
export type CompiledForm = readonly Matcher[];

/** Compiles a phrasing's parts, with the values of its listed placeholders. */
export function compileFormParts(parts: readonly FormPart[], placeholders: readonly StepPlaceholder[]): CompiledForm {
  return parts.map((part): Matcher => {
    if (part.kind === 'literal') return { name: undefined, alternatives: [part.text.toLowerCase()] };
    const values = placeholders.find((placeholder) => placeholder.name === part.name)?.values;
    return values === undefined ? { name: part.name, free: true } : { name: part.name, alternatives: values.map((value) => value.toLowerCase()) };
  });
}

/**
 * Matches the whole `text` (compared without case) against `form`; returns
 * the text of each placeholder as written, or `undefined` when it does not match.
 */
export function matchForm(form: CompiledForm, text: string): Record<string, string> | undefined {
  const lower = text.toLowerCase();
  const length = lower.length;
  // Most phrasings start or end with literal text: a text that does not is rejected before any table is built.
  const first = form[0];
  const last = form[form.length - 1];
  if (first !== undefined && !('free' in first) && first.name === undefined && !lower.startsWith(first.alternatives[0] ?? '')) return undefined;
  if (last !== undefined && !('free' in last) && last.name === undefined && !lower.endsWith(last.alternatives[0] ?? '')) return undefined;
  // ends[i][p]: the part i can end at p, reading backward from the end of the text.
  const reachesEnd: boolean[][] = Array.from({ length: form.length + 1 }, () => new Array<boolean>(length + 1).fill(false));
  const end = reachesEnd[form.length];
  if (end === undefined) return undefined;
  end[length] = true;
  for (let index = form.length - 1; index >= 0; index -= 1) {
    const part = form[index];
    const after = reachesEnd[index + 1];
    const here = reachesEnd[index];
    if (part === undefined || after === undefined || here === undefined) return undefined;
    if ('free' in part) {
      // Free text is at least one character: a start reaches the end when some later position does.
      let later = false;
      for (let position = length; position >= 0; position -= 1) {
        here[position] = later;
        later ||= after[position] === true;
      }
    } else {
      for (let position = 0; position <= length; position += 1) {
        here[position] = part.alternatives.some((alternative) => after[position + alternative.length] === true && lower.startsWith(alternative, position));
      }
    }
  }
  if (reachesEnd[0]?.[0] !== true) return undefined;
  const bindings: Record<string, string> = {};
  let position = 0;
  for (const [index, part] of form.entries()) {
    const after = reachesEnd[index + 1] ?? [];
    let end = -1;
    if ('free' in part) {
      for (let candidate = position + 1; candidate <= length && end === -1; candidate += 1) if (after[candidate] === true) end = candidate;
    } else {
      const alternative = part.alternatives.find((option) => after[position + option.length] === true && lower.startsWith(option, position));
      if (alternative !== undefined) end = position + alternative.length;
    }
    if (end === -1) return undefined;
    if (part.name !== undefined) bindings[part.name] = text.slice(position, end);
    position = end;
  }
  return bindings;
}
