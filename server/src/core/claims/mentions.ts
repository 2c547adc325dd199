import { type GlossaryLookup, TERM_PREFIX } from '../domain/claim-pattern.js';
import type { GlossaryEntry } from '../domain/domain-types.js';
import { readWords, type Word } from './read-sentence.js';

/** One way to name something, as words to find in a sentence. */
interface Phrase {
  readonly words: readonly Word[];
}

/**
 * The ways a claim names one thing: glossary terms with their aliases
 * (`term:<id>`) and plain phrases. Phrases match by word, comparing lemmas,
 * so "prompt" also finds "prompts" and "prompted".
 */
export interface Mentions {
  /** The alternatives as written in the claim file. */
  readonly written: readonly string[];
  readonly phrases: readonly Phrase[];
  /**
   * Longer glossary spellings that contain a phrase ("Windows Server" for
   * "Windows"): a phrase inside one of them names something else.
   */
  readonly blockers: readonly Phrase[];
  /**
   * For each phrase, the beginnings of its words (what its text and lemma
   * share: "prompt" for "prompted", "sen" for "sent"): a sentence can hold
   * the phrase only if each of them starts a word of its lower-case text, a
   * cheap test before the sentence is read.
   */
  readonly anchors: readonly (readonly string[])[];
}


/**
 * Compiles the alternatives of one slot of a statement. `glossary` finds
 * entries by id; `allEntries` gives the spellings that can block a phrase.
 * Returns the problems of unknown entries and empty alternatives instead of
 * throwing.
 */
export function compileMentions(written: readonly string[], glossary: GlossaryLookup, allEntries: readonly GlossaryEntry[]): { mentions: Mentions | undefined; problems: Array<{ alternative: string; message: string }> } {
  const problems: Array<{ alternative: string; message: string }> = [];
  const spellings: string[] = [];
  // Only glossary spellings are blocked by longer ones: a plain phrase ("prompt") says what it means wherever it stands.
  const termSpellings = new Set<string>();
  for (const alternative of written) {
    const trimmed = alternative.trim();
    if (trimmed.startsWith(TERM_PREFIX)) {
      const entry = glossary(trimmed.slice(TERM_PREFIX.length).trim());
      if (entry === undefined) problems.push({ alternative, message: `No glossary entry "${trimmed.slice(TERM_PREFIX.length).trim()}": \`term:\` must name a glossary file (without ".md").` });
      else for (const spelling of [entry.term, ...entry.aliases]) {
        spellings.push(spelling);
        termSpellings.add(spelling);
      }
    } else if (/[\p{L}\p{N}]/u.test(trimmed)) {
      spellings.push(trimmed);
    } else {
      problems.push({ alternative, message: 'An alternative must contain a word.' });
    }
  }
  if (problems.length > 0 || spellings.length === 0) return { mentions: undefined, problems };
  const phrases = unique(spellings).map(phraseOf).filter((phrase) => phrase.words.length > 0);
  const own = new Set(phrases.map(key));
  const terms = [...termSpellings].map(phraseOf);
  const blockers = allEntries.flatMap((entry) => [entry.term, ...entry.aliases])
    .map(phraseOf)
    .filter((candidate) => !own.has(key(candidate)) && terms.some((phrase) => phrase.words.length < candidate.words.length && indexOfPhrase(candidate.words, phrase) !== -1));
  const anchors = phrases.map((phrase) => phrase.words.filter((word) => /^[\p{L}\p{N}]/u.test(word.text)).map((word) => commonPrefix(word.text, word.lemma)));
  return { mentions: { written, phrases, blockers, anchors }, problems };
}

/** Whether `lowerCaseText` may hold a mention: every word of one of its phrases starts a word there (see {@link Mentions.anchors}). */
export function mayMention(mentions: Mentions, lowerCaseText: string): boolean {
  return mentions.anchors.some((words) => words.every((word) => startsWord(lowerCaseText, word)));
}

/**
 * Whether a text may hold a mention in some part of it: every word of one of
 * its phrases occurs in it, anywhere (`occurs`). True wherever
 * {@link mayMention} is true for a part of the text, even a part whose words
 * are joined to others in the whole.
 */
export function mayMentionWithin(mentions: Mentions, occurs: (word: string) => boolean): boolean {
  return mentions.anchors.some((words) => words.every(occurs));
}

/** Whether `prefix` occurs in `text` at the start of a word. */
function startsWord(text: string, prefix: string): boolean {
  for (let index = text.indexOf(prefix); index !== -1; index = text.indexOf(prefix, index + 1)) {
    if (index === 0 || !/[\p{L}\p{N}]/u.test(text[index - 1] ?? '')) return true;
  }
  return false;
}

function commonPrefix(a: string, b: string): string {
  let length = 0;
  while (length < a.length && a[length] === b[length]) length++;
  // A lemma that shares nothing with the text ("be" for "is") gives no usable anchor: keep the text.
  return length === 0 ? a : a.slice(0, length);
}

/**
 * The end indexes (exclusive) of the mentions that start at `start` in
 * `words`, skipping any that lie inside a longer glossary spelling of
 * something else.
 */
export function mentionEnds(words: readonly Word[], mentions: Mentions, start: number): number[] {
  const ends: number[] = [];
  for (const phrase of mentions.phrases) {
    if (!phraseAt(words, phrase, start)) continue;
    const end = start + phrase.words.length;
    if (!ends.includes(end) && !blocked(words, mentions, start, end)) ends.push(end);
  }
  return ends;
}

/** Whether some mention occurs anywhere in `words`, optionally only outside negations. */
export function mentionsAnywhere(words: readonly Word[], mentions: Mentions, outsideNegation = false): boolean {
  for (let start = 0; start < words.length; start++) {
    for (const end of mentionEnds(words, mentions, start)) {
      if (!outsideNegation || !words.slice(start, end).some((word) => word.negated)) return true;
    }
  }
  return false;
}

/**
 * Whether a sentence word is the phrase word: the same text, the same lemma
 * (for words of letters), or a regular inflection of the phrase word's
 * lemma, for words the model tags wrongly ("authenticates" read as a noun
 * keeps "authenticates" as its lemma).
 */
export function sameWord(word: Word, phraseWord: Pick<Word, 'text' | 'lemma'>): boolean {
  if (word.text === phraseWord.text) return true;
  if (!/^\p{L}/u.test(phraseWord.lemma)) return false;
  return word.lemma === phraseWord.lemma || isRegularInflection(word.text, phraseWord.lemma);
}

/** Whether `text` is `lemma` with a regular English ending: -s, -es, -ed, -d, -ing, with a final e dropped or y turned to i. */
function isRegularInflection(text: string, lemma: string): boolean {
  if (!text.startsWith(lemma.slice(0, -1)) || text.length <= lemma.length) return false;
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma.endsWith('y') ? `${lemma.slice(0, -1)}i` : lemma;
  return [`${lemma}s`, `${lemma}es`, `${lemma}ed`, `${lemma}d`, `${lemma}ing`, `${stem}ing`, `${stem}es`, `${stem}ed`].includes(text);
}

/** Spellings read so far: every claim of a KB reads the same glossary spellings. */
const phrases = new Map<string, Phrase>();
const MAX_CACHED_PHRASES = 10_000;

function phraseOf(spelling: string): Phrase {
  let phrase = phrases.get(spelling);
  if (phrase === undefined) {
    phrase = { words: readWords(spelling) };
    if (phrases.size >= MAX_CACHED_PHRASES) phrases.clear();
    phrases.set(spelling, phrase);
  }
  return phrase;
}

function phraseAt(words: readonly Word[], phrase: Phrase, start: number): boolean {
  if (start + phrase.words.length > words.length) return false;
  return phrase.words.every((phraseWord, offset) => {
    const word = words[start + offset];
    return word !== undefined && sameWord(word, phraseWord);
  });
}

function blocked(words: readonly Word[], mentions: Mentions, start: number, end: number): boolean {
  return mentions.blockers.some((blocker) => {
    for (let from = Math.max(0, end - blocker.words.length); from <= start; from++) {
      if (phraseAt(words, blocker, from)) return true;
    }
    return false;
  });
}

function indexOfPhrase(words: readonly Word[], phrase: Phrase): number {
  for (let start = 0; start + phrase.words.length <= words.length; start++) if (phraseAt(words, phrase, start)) return start;
  return -1;
}

function key(phrase: Phrase): string {
  return phrase.words.map((word) => word.text).join(' ');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
