import type { GlossaryEntry } from './domain-types.js';

/** How a glossary spelling relates to its entry: accepted (`term`, `alias`) or to be fixed (`avoid`). */
export type TermSpellingKind = 'term' | 'alias' | 'avoid';

/** One place where a text names a glossary entry. */
export interface TermMention {
  readonly entry: GlossaryEntry;
  readonly kind: TermSpellingKind;
  /** The glossary spelling that matched (the text itself may differ in case for terms and aliases). */
  readonly spelling: string;
  /** Offset of the first character of the mention in the searched text. */
  readonly start: number;
  /** Offset just after the mention. */
  readonly end: number;
}

/** A word (letters and digits) or a single other character. */
interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly lower: string;
  /** Whether whitespace separates this token from the previous one. */
  readonly spaced: boolean;
}

interface Pattern {
  readonly entry: GlossaryEntry;
  readonly kind: TermSpellingKind;
  readonly spelling: string;
  readonly tokens: readonly Token[];
}

// `_` is not a word character: Markdown uses it for emphasis around words (`_Outlook_`).
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;
/**
 * Characters that glue words into one identifier (`Office\Setup`,
 * `HTTP/1.1`, `api-x.dll`): a mention must not start or end next to one of
 * them when a word follows on the other side, or it would rewrite part of a
 * path, file name or setting name.
 */
const JOINERS = new Set(['\\', '/', '.', '-', '_', '@', ':', '+', '=', '#', '$', '%', '&', '~', '*']);

/**
 * Finds glossary terms, aliases and `avoid` spellings in text. Built once per
 * {@link Knowledge} from its glossary; a search tokenizes the text once and
 * looks each token up in a map keyed by the lower-cased first token of every
 * spelling, so its cost grows with the text, not with the glossary.
 *
 * Matches are whole words, longest first ("Windows Server" wins over
 * "Windows"); terms and aliases match in any letter case, `avoid` spellings
 * only in their exact case, so "Windows server" is flagged and "Windows
 * Server" is not. An `avoid` spelling equal to an accepted spelling is
 * ignored (the `glossary-entry` rule reports it).
 */
export class TermMatcher {
  private readonly byFirstToken = new Map<string, Pattern[]>();

  private constructor(glossary: readonly GlossaryEntry[]) {
    const accepted = new Set(glossary.flatMap((entry) => [entry.term, ...entry.aliases]));
    for (const entry of glossary) {
      this.add(entry, 'term', entry.term);
      for (const alias of entry.aliases) this.add(entry, 'alias', alias);
      for (const avoid of entry.avoid) if (!accepted.has(avoid)) this.add(entry, 'avoid', avoid);
    }
    for (const patterns of this.byFirstToken.values()) {
      // Longest first; at equal length an exact-case `avoid` is tried before the case-blind term it imitates.
      patterns.sort((a, b) => b.tokens.length - a.tokens.length || Number(b.kind === 'avoid') - Number(a.kind === 'avoid'));
    }
  }

  /** A matcher for `glossary`; an empty glossary gives a matcher that finds nothing. */
  static build(glossary: readonly GlossaryEntry[]): TermMatcher {
    return new TermMatcher(glossary);
  }

  /**
   * The mentions in `text` between offsets `start` and `end` (the whole text
   * by default), in order and without overlaps. Offsets are offsets of
   * `text`. Never throws.
   */
  find(text: string, start = 0, end = text.length): TermMention[] {
    const tokens = tokenize(text, Math.max(0, start), Math.min(text.length, end));
    const mentions: TermMention[] = [];
    for (let index = 0; index < tokens.length;) {
      const mention = this.matchAt(text, tokens, index);
      if (mention === undefined) {
        index++;
        continue;
      }
      mentions.push({ entry: mention.pattern.entry, kind: mention.pattern.kind, spelling: mention.pattern.spelling, start: mention.start, end: mention.end });
      index += mention.pattern.tokens.length;
    }
    return mentions;
  }

  private matchAt(text: string, tokens: readonly Token[], index: number): { pattern: Pattern; start: number; end: number } | undefined {
    const first = tokens[index];
    if (first === undefined) return undefined;
    for (const pattern of this.byFirstToken.get(first.lower) ?? []) {
      if (!matchesTokens(pattern, tokens, index)) continue;
      const start = first.start;
      const end = tokens[index + pattern.tokens.length - 1]?.end ?? first.end;
      if (isWholeWord(text, start, end)) return { pattern, start, end };
    }
    return undefined;
  }

  private add(entry: GlossaryEntry, kind: TermSpellingKind, spelling: string): void {
    const tokens = tokenize(spelling, 0, spelling.length);
    const first = tokens[0];
    if (first === undefined) return;
    const patterns = this.byFirstToken.get(first.lower) ?? [];
    patterns.push({ entry, kind, spelling, tokens });
    this.byFirstToken.set(first.lower, patterns);
  }
}

function matchesTokens(pattern: Pattern, tokens: readonly Token[], index: number): boolean {
  return pattern.tokens.every((expected, offset) => {
    const actual = tokens[index + offset];
    if (actual === undefined || actual.lower !== expected.lower) return false;
    if (offset > 0 && actual.spaced !== expected.spaced) return false;
    return pattern.kind !== 'avoid' || actual.text === expected.text;
  });
}

function isWholeWord(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (before !== undefined && (WORD_CHARACTER.test(before) || (JOINERS.has(before) && WORD_CHARACTER.test(text[start - 2] ?? '')))) return false;
  if (after !== undefined && (WORD_CHARACTER.test(after) || (JOINERS.has(after) && WORD_CHARACTER.test(text[end + 1] ?? '')))) return false;
  return true;
}

function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let spaced = false;
  for (let index = start; index < end;) {
    const character = text[index] ?? '';
    if (SPACE.test(character)) {
      spaced = true;
      index++;
      continue;
    }
    let tokenEnd = index + 1;
    if (WORD_CHARACTER.test(character)) {
      while (tokenEnd < end && WORD_CHARACTER.test(text[tokenEnd] ?? '')) tokenEnd++;
    }
    const token = text.slice(index, tokenEnd);
    tokens.push({ start: index, end: tokenEnd, text: token, lower: token.toLowerCase(), spaced });
    spaced = false;
    index = tokenEnd;
  }
  return tokens;
}
