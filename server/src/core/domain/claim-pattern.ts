import { RE2JS } from 're2js';
import type { GlossaryEntry } from './domain-types.js';

/**
 * One pattern of a claim: a list of alternatives, any of which may match,
 * compiled into a single case-insensitive expression that matches only on
 * word boundaries. The expression runs on RE2JS, an engine without
 * backtracking: matching takes time linear in the sentence's length whatever
 * the KB writes, so a pattern from a stranger's KB cannot hang a check.
 */
export interface ClaimPattern {
  /** The alternatives as written in the claim file. */
  readonly alternatives: readonly string[];
  /** Whether the pattern occurs in `sentence`. */
  test(sentence: string): boolean;
}

/** Why an alternative was rejected; the claim that holds it is not run. */
export interface PatternProblem {
  /** The alternative as written. */
  readonly alternative: string;
  readonly message: string;
}

/** Finds a glossary entry by id, for `term:` alternatives. */
export type GlossaryLookup = (id: string) => GlossaryEntry | undefined;

/** Prefix of an alternative that names a glossary entry: its term and aliases. */
export const TERM_PREFIX = 'term:';
/** Prefix of an alternative written as a regular expression. */
export const REGEX_PREFIX = 're:';

const TERM_PLACEHOLDER = /\{term:([^{}]*)\}/g;
/** Anything but a letter, digit or `_`: RE2 has no look-behind, so the word boundaries around a pattern are matched as characters. */
const NOT_WORD = '[^\\p{L}\\p{N}_]';
const SYNTAX_CHARACTERS = /[\\^$.*+?()[\]{}|/]/g;

type Token =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'space' }
  | { readonly kind: 'term'; readonly id: string }
  | { readonly kind: 'optional'; readonly tokens: readonly Token[] };

/**
 * Compiles a claim pattern. Each alternative is one of:
 * - `term:<glossary-id>`: the entry's term or any of its aliases;
 * - `re:<expression>`: a regular expression (Unicode mode), which may use
 *   `{term:<glossary-id>}`; it is rejected unless RE2 syntax accepts it
 *   (no look-around, no backreferences);
 * - a phrase: literal words where white space matches any white space, `'`
 *   also matches `’`, `[words]` is optional and `{term:<glossary-id>}` stands
 *   for the entry's spellings.
 *
 * Returns `pattern: undefined` with the problems when any alternative is
 * rejected, so a broken pattern is never run. Never throws.
 */
export function compilePattern(alternatives: readonly string[], glossary: GlossaryLookup): { pattern: ClaimPattern | undefined; problems: PatternProblem[] } {
  const problems: PatternProblem[] = [];
  const sources: string[] = [];
  for (const alternative of alternatives) {
    const compiled = compileAlternative(alternative, glossary);
    if (typeof compiled === 'string') sources.push(compiled);
    else problems.push({ alternative, message: compiled.problem });
  }
  if (problems.length > 0 || sources.length === 0) {
    if (sources.length === 0 && problems.length === 0) problems.push({ alternative: '', message: 'A pattern needs at least one alternative.' });
    return { pattern: undefined, problems };
  }
  try {
    const expression = RE2JS.compile(`(?:^|${NOT_WORD})(?:${sources.join('|')})(?:$|${NOT_WORD})`, RE2JS.CASE_INSENSITIVE);
    return { pattern: { alternatives, test: (sentence) => expression.test(sentence) }, problems };
  } catch (error) {
    // Each alternative compiles alone; together they can still clash.
    return { pattern: undefined, problems: [{ alternative: alternatives.join(', '), message: `The alternatives do not compile together: ${error instanceof Error ? error.message : String(error)}.` }] };
  }
}

function compileAlternative(alternative: string, glossary: GlossaryLookup): string | { problem: string } {
  const written = alternative.trim();
  if (written === '') return { problem: 'An alternative is empty.' };
  if (written.startsWith(TERM_PREFIX)) return spellingsOf(written.slice(TERM_PREFIX.length).trim(), glossary);
  if (written.startsWith(REGEX_PREFIX)) return compileExpression(written.slice(REGEX_PREFIX.length), glossary);
  const tokens = tokenize(written);
  if ('problem' in tokens) return tokens;
  return compileTokens(tokens.tokens, glossary);
}

function compileExpression(expression: string, glossary: GlossaryLookup): string | { problem: string } {
  // Alternatives are joined into one expression, where group numbers shift: a backreference would silently change meaning.
  if (/\\(?:[1-9]|k<)/.test(expression)) return { problem: `The regular expression "${expression}" uses a backreference, which claims don't support.` };
  let unknown: string | undefined;
  const expanded = expression.replace(TERM_PLACEHOLDER, (_placeholder, id: string) => {
    const spellings = spellingsOf(id.trim(), glossary);
    if (typeof spellings === 'string') return spellings;
    unknown ??= spellings.problem;
    return '';
  });
  if (unknown !== undefined) return { problem: unknown };
  try {
    RE2JS.compile(expanded, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    // RE2 rejects what could make matching slower than linear (look-around, backreferences) along with plain syntax errors.
    return { problem: `The regular expression "${expression}" was rejected: ${error instanceof Error ? error.message : String(error)}. Claims accept RE2 syntax only (no look-around, no backreferences), so that matching stays linear in time.` };
  }
  return `(?:${expanded})`;
}

function spellingsOf(id: string, glossary: GlossaryLookup): string | { problem: string } {
  const entry = glossary(id);
  if (entry === undefined) return { problem: `No glossary entry "${id}": \`term:\` must name a glossary file (without ".md").` };
  const spellings = [entry.term, ...entry.aliases].filter((spelling) => spelling.trim() !== '');
  // Longest first, so that "Exchange Web Services" is preferred over a shorter alias at the same place.
  spellings.sort((a, b) => b.length - a.length);
  return `(?:${spellings.map((spelling) => escapeText(spelling.trim())).join('|')})`;
}

function tokenize(phrase: string): { tokens: Token[] } | { problem: string } {
  const tokens: Token[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') tokens.push({ kind: 'text', value: text });
    text = '';
  };
  for (let index = 0; index < phrase.length; index++) {
    const character = phrase[index] ?? '';
    if (/\s/.test(character)) {
      flush();
      if (tokens[tokens.length - 1]?.kind !== 'space') tokens.push({ kind: 'space' });
    } else if (character === '{') {
      const close = phrase.indexOf('}', index);
      const inner = close === -1 ? '' : phrase.slice(index + 1, close);
      if (!inner.startsWith(TERM_PREFIX)) return { problem: `"{" in "${phrase}" must start a \`{term:<glossary-id>}\` placeholder.` };
      flush();
      tokens.push({ kind: 'term', id: inner.slice(TERM_PREFIX.length).trim() });
      index = close;
    } else if (character === '[') {
      const close = phrase.indexOf(']', index);
      const inner = close === -1 ? '' : phrase.slice(index + 1, close).trim();
      if (inner === '' || inner.includes('[')) return { problem: `"[" in "${phrase}" must enclose optional words, like "[the]".` };
      const nested = tokenize(inner);
      if ('problem' in nested) return nested;
      flush();
      tokens.push({ kind: 'optional', tokens: nested.tokens });
      index = close;
    } else if (character === ']' || character === '}') {
      return { problem: `Unmatched "${character}" in "${phrase}".` };
    } else {
      text += character;
    }
  }
  flush();
  return { tokens };
}

function compileTokens(tokens: readonly Token[], glossary: GlossaryLookup): string | { problem: string } {
  let source = '';
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const next = tokens[index + 1];
    if (token === undefined) continue;
    if (token.kind === 'text') {
      source += escapeText(token.value);
    } else if (token.kind === 'space') {
      // Optional words own the white space that separates them, so that leaving them out leaves one gap.
      if (next?.kind === 'optional' && tokens[index + 2]?.kind !== 'space') {
        const inner = compileTokens(next.tokens, glossary);
        if (typeof inner !== 'string') return inner;
        source += `(?:\\s+${inner})?`;
        index++;
      } else {
        source += '\\s+';
      }
    } else if (token.kind === 'term') {
      const spellings = spellingsOf(token.id, glossary);
      if (typeof spellings !== 'string') return spellings;
      source += spellings;
    } else {
      const inner = compileTokens(token.tokens, glossary);
      if (typeof inner !== 'string') return inner;
      const ownsSpace = next?.kind === 'space';
      source += ownsSpace ? `(?:${inner}\\s+)?` : `(?:${inner})?`;
      if (ownsSpace) index++;
    }
  }
  return source;
}

/** Literal text as a regular expression: syntax escaped, any white space for white space, either apostrophe for one. */
function escapeText(text: string): string {
  return text.replace(SYNTAX_CHARACTERS, '\\$&').replace(/\s+/g, '\\s+').replace(/['\u2019]/g, "['\u2019]");
}
