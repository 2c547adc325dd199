import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One word or punctuation mark of a sentence, as the English model reads it. */
export interface Word {
  /** The text in lower case (`n't` as written, `DNS` as `dns`). */
  readonly text: string;
  /** The dictionary form (`comes` → `come`, `n't` → `not`, `generated` → `generate`). */
  readonly lemma: string;
  /** Universal part-of-speech tag (`NOUN`, `VERB`, `ADP`, `PUNCT`...). */
  readonly pos: string;
  /** Whether a negation (`not`, `never`, `no`, `without`...) before it in its clause covers it. */
  readonly negated: boolean;
  /** Whether it stands between quotation marks. */
  readonly quoted: boolean;
  /**
   * Whether it ends a clause, so that no relation reaches across it: `;`,
   * `:`, brackets, dashes, "but", "whereas", "because"..., and a comma that
   * a conjunction follows (", and"); a comma alone does not ("the client,
   * started after the service, asks again").
   */
  readonly boundary: boolean;
}

/**
 * Words that negate what follows them in their clause and that the model's
 * own negation scope does not know. The model covers `not`, `n't`, `never`,
 * `no`, `nothing` and the like.
 */
const EXTRA_NEGATIONS: readonly (readonly string[])[] = [
  ['without'], ['instead', 'of'], ['rather', 'than'], ['unlike'], ['except'], ['no', 'longer'], ['neither'], ['nor'],
  ['fail', 'to'], ['unable', 'to'], ['far', 'from'],
];

/** Punctuation and conjunctions that end a clause: neither a negation nor a relation reaches past them. */
const CLAUSE_ENDS = new Set([',', ';', ':', '(', ')', '[', ']', '—', '–', '.', '!', '?', 'but', 'whereas', 'although', 'though', 'while', 'because', 'since', 'so', 'yet']);
/** Of {@link CLAUSE_ENDS}, words that also have other uses ("a while", "since 2010"): they end a clause only as conjunctions. */
const CONJUNCTION_ONLY = new Set(['while', 'since', 'so', 'yet']);

const QUOTES = new Set(['"', '\u201c', '\u201d']);

/**
 * Lemmas whose negation scope counts. The model also opens a scope after
 * verbs such as "prevent" or "stop", whose meaning a relation of the lexicon
 * may hold itself ("X prevents the prompt" says that X fixes it), so those
 * scopes are dropped.
 */
const GRAMMATICAL_NEGATORS = new Set([
  'not', "n't", 'never', 'no', 'none', 'nothing', 'nobody', 'nowhere', 'neither', 'nor', 'cannot', 'hardly', 'barely', 'scarcely',
  'fail', 'lack', 'without', 'nope', 'neglect', 'refuse',
]);

let pipeline: { nlp: WinkMethods; its: WinkMethods['its'] } | undefined;

/**
 * Readings of the bundled KB's phrases (glossary spellings, claim phrases)
 * made by this same code with this same model when the tool was built
 * (`tools/bundle-cli.ts` puts them in the `kb-lint` bundle), so that reading
 * the bundled claims does not set up the model: a check then sets it up only
 * when a sentence may hold a claim or a KB has phrases of its own. Absent
 * outside the bundle.
 */
declare const KB_READINGS_MADE_AT_BUILD: readonly (readonly [string, readonly Word[]])[] | undefined;
const readingsMadeAtBuild: ReadonlyMap<string, readonly Word[]> = new Map(typeof KB_READINGS_MADE_AT_BUILD === 'object' ? KB_READINGS_MADE_AT_BUILD : []);

/**
 * The English model, set up on first use: it takes a few hundred
 * milliseconds, which a check pays only when a sentence names a claim's
 * entities.
 */
function english(): { nlp: WinkMethods; its: WinkMethods['its'] } {
  if (pipeline === undefined) {
    const nlp = winkNLP(model, ['pos', 'negation']);
    pipeline = { nlp, its: nlp.its };
  }
  return pipeline;
}

/**
 * Reads one sentence (or phrase) into words with lemmas, parts of speech and
 * negation scope, using wink-nlp's English light model. A negation covers
 * the rest of its clause only, so in "X, not Y" it covers Y and not X.
 * Never throws: text the model cannot read gives no words.
 */
export function readWords(text: string): Word[] {
  const made = readingsMadeAtBuild.get(text);
  if (made !== undefined) return [...made];
  try {
    const { nlp, its } = english();
    const tokens = nlp.readDoc(text).tokens();
    // The written form, not the model's normal form, which respells words ("through" as "thru").
    const texts = (tokens.out(its.value) as string[]).map((value) => value.toLowerCase());
    // The typings declare the lemma helper with the model's add-ons, which the pipeline supplies itself.
    const lemmas = tokens.out(its.lemma as unknown as typeof its.normal) as string[];
    const tags = tokens.out(its.pos) as string[];
    const negations = grammaticalScopes(tokens.out(its.negationFlag) as unknown as boolean[], lemmas);
    const extra = extraNegations(texts, lemmas);
    const spaces = tokens.out(its.precedingSpaces) as string[];
    let quoted = false;
    const words = texts.map((word, index) => {
      if (QUOTES.has(word)) quoted = word === '\u201d' ? false : word === '\u201c' ? true : !quoted;
      const pos = tags[index] ?? 'X';
      const spaceAfter = index + 1 >= texts.length || (spaces[index + 1] ?? '') !== '';
      return { text: word, lemma: lemmas[index] ?? word, pos, negated: (negations[index] ?? false) || (extra[index] ?? false), quoted, boundary: word !== ',' && endsClause(word, pos, spaceAfter) };
    });
    return words.map((word, index) => {
      const next = words[index + 1];
      const joined = word.text === ',' && next !== undefined && (next.pos === 'CCONJ' || next.pos === 'SCONJ' || next.boundary);
      return joined ? { ...word, boundary: true } : word;
    });
  } catch {
    return [];
  }
}

/** A sentence's text with its lower-case form and its words, each computed once, on first use. */
export class SentenceText {
  private lower: string | undefined;
  private read: Word[] | undefined;

  constructor(readonly text: string) {}

  get lowerCase(): string {
    this.lower ??= this.text.toLowerCase();
    return this.lower;
  }

  get words(): readonly Word[] {
    this.read ??= readWords(this.text);
    return this.read;
  }
}

function endsClause(text: string, pos: string, spaceAfter: boolean): boolean {
  if (!CLAUSE_ENDS.has(text)) return false;
  // A period inside a file name ("setup.exe") or a version ("5.5") has no space after it.
  if (text === '.' || text === ',') return spaceAfter;
  return !CONJUNCTION_ONLY.has(text) || pos === 'CCONJ' || pos === 'SCONJ';
}

/** The model's negation flags, without the scopes that a word outside {@link GRAMMATICAL_NEGATORS} opened (the word just before a scope opened it). */
function grammaticalScopes(flags: readonly boolean[], lemmas: readonly string[]): boolean[] {
  const kept = flags.map((flag) => flag);
  let keep = true;
  for (let index = 0; index < kept.length; index++) {
    if (kept[index] === true && (index === 0 || flags[index - 1] !== true)) keep = GRAMMATICAL_NEGATORS.has(lemmas[index - 1] ?? '');
    if (kept[index] === true && !keep) kept[index] = false;
  }
  return kept;
}

/** Marks the words that follow one of {@link EXTRA_NEGATIONS} up to the end of its clause. */
function extraNegations(texts: readonly string[], lemmas: readonly string[]): boolean[] {
  const negated = texts.map(() => false);
  for (let index = 0; index < texts.length; index++) {
    const trigger = EXTRA_NEGATIONS.find((words) => words.every((word, offset) => texts[index + offset] === word || lemmas[index + offset] === word));
    if (trigger === undefined) continue;
    for (let covered = index + trigger.length; covered < texts.length && !isPunctuationEnd(texts[covered] ?? ''); covered++) negated[covered] = true;
  }
  return negated;
}

function isPunctuationEnd(text: string): boolean {
  return CLAUSE_ENDS.has(text) && !/^\p{L}/u.test(text);
}
