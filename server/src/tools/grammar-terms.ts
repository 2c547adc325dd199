import * as path from 'node:path';
import { type GlossaryEntry, KnowledgeBase } from '../core/index.js';
import { NodeFileSystem, toKbPath } from '../node/node-file-system.js';

/** The scenario grammar, relative to the repository root. */
export const SCENARIO_GRAMMAR_PATH = 'syntaxes/kb-scenario.tmLanguage.json';

/** The repository rule of the grammar whose `match` lists the known terms. */
export const TERMS_RULE = 'kb-terms';

// Word characters and "joiners" as the engine's TermMatcher sees them: a term
// is not highlighted inside a longer word, path or file name.
const WORD = String.raw`[\p{L}\p{N}]`;
const JOINER = String.raw`[\\/.\-_@:+=#$%&~*]`;
const REGEX_SPECIAL = /[\\^$.|?*+()[\]{}]/g;

/** The spellings the grammar highlights: every entry's term and aliases (not its `avoid` spellings). */
export function glossarySpellings(glossary: readonly GlossaryEntry[]): string[] {
  return glossary.flatMap((entry) => [entry.term, ...entry.aliases]);
}

/**
 * The spellings of the glossary of the KB bundled with the extension (`kb/`
 * below `repositoryRoot`), read as the engine reads them.
 */
export async function bundledGlossarySpellings(repositoryRoot: string): Promise<string[]> {
  const kb = await KnowledgeBase.load(new NodeFileSystem(), toKbPath(path.join(repositoryRoot, 'kb')));
  return glossarySpellings(kb.knowledge.glossary);
}

/**
 * The Oniguruma pattern that matches `spellings` as whole words, in any
 * letter case, with any run of whitespace between their words. Longer
 * spellings come first so that "Outlook Anywhere" wins over "Outlook"; the
 * order is otherwise fixed, so the same glossary always gives the same
 * pattern. An empty list gives a pattern that matches nothing.
 */
export function termsPattern(spellings: readonly string[]): string {
  const unique = new Map<string, string>();
  for (const spelling of spellings) {
    const trimmed = spelling.trim();
    if (trimmed !== '' && !unique.has(trimmed.toLowerCase())) unique.set(trimmed.toLowerCase(), trimmed);
  }
  const sorted = [...unique.values()].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const alternatives = sorted.map((spelling) => spelling.replace(REGEX_SPECIAL, '\\$&').replace(/\s+/g, '\\s+'));
  const body = alternatives.length === 0 ? '(?!)' : `(?:${alternatives.join('|')})`;
  return `(?i)(?<!${WORD})(?<!${WORD}${JOINER})${body}(?!${WORD})(?!${JOINER}${WORD})`;
}

/** The terms pattern of a grammar's text; `undefined` when the text is not JSON or has no terms rule. */
export function grammarTermsPattern(grammarText: string): string | undefined {
  const rule = parseGrammar(grammarText)?.repository?.[TERMS_RULE];
  return typeof rule?.match === 'string' ? rule.match : undefined;
}

/**
 * The grammar's text with the terms rule matching `pattern`, formatted as the
 * committed file is (two-space JSON, final newline); `undefined` when the
 * text is not JSON or has no terms rule.
 */
export function withTermsPattern(grammarText: string, pattern: string): string | undefined {
  const grammar = parseGrammar(grammarText);
  const rule = grammar?.repository?.[TERMS_RULE];
  if (grammar === undefined || rule === undefined) return undefined;
  rule.match = pattern;
  return `${JSON.stringify(grammar, null, 2)}\n`;
}

interface GrammarJson {
  repository?: Record<string, { match?: unknown } | undefined>;
}

function parseGrammar(text: string): GrammarJson | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as GrammarJson) : undefined;
  } catch {
    return undefined;
  }
}
