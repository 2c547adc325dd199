import type { GlossaryLookup } from '../domain/claim-pattern.js';
import type { GlossaryEntry } from '../domain/domain-types.js';
import { compileMentions, mayMention, mayMentionWithin, mentionEnds, type Mentions, mentionsAnywhere, sameWord } from './mentions.js';
import type { Word } from './read-sentence.js';
import type { Form, FormElement, Relation } from './relations.js';

/** Whether the wrong statement asserts its relation (`affirmed`) or denies it (`denied`). */
export type Polarity = 'affirmed' | 'denied';

/**
 * A claim as a proposition: what the wrong sentence says, over entities the
 * glossary names and a relation of the lexicon.
 */
export interface Statement {
  readonly subject: Mentions;
  readonly relation: Relation;
  /** Absent for relations that need none ("the client asks again"). */
  readonly object: Mentions | undefined;
  readonly polarity: Polarity;
  /** One of these must also occur in the sentence, outside a negation ("after sign-in"). */
  readonly conditions: Mentions | undefined;
  /** Any of these in the sentence makes it right or beside the point ("hash", "forced"). */
  readonly exceptions: Mentions | undefined;
}

/** A problem of a statement, with the text it is about (to find its place in the claim file). */
export interface StatementProblem {
  readonly written: string;
  readonly message: string;
}

/** How many words may stand between two elements of a form ("comes *directly* from", "the client, *started after the service,* asks"). */
const MAX_GAP = 6;
/** Between two slots ("a proxy *credential* prompt", "with Kerberos *the* ticket") only nouns, adjectives and articles may stand, and at most this many. */
const MAX_COMPOUND_GAP = 2;
const COMPOUND_PARTS = new Set(['NOUN', 'PROPN', 'ADJ', 'DET']);

/** Words that open a condition: what follows them, up to the end of their clause, is not asserted ("If the proxy caused the prompt, ..."). */
const CONDITIONS = new Set(['if', 'whether', 'suppose', 'supposing', 'assuming', 'unless']);
/** Lemmas of belief and reported speech: the rest of the sentence is what someone says or thinks, not what the article asserts. */
const REPORTED_AFTER = new Set(['say', 'report', 'complain', 'claim', 'think', 'believe', 'suspect', 'hear', 'wonder', 'guess', 'assume', 'imagine', 'rumor', 'rumour']);

const STATEMENT_KEYS = ['subject', 'relation', 'object', 'polarity', 'conditions', 'exceptions'];

/**
 * Reads the `statement` map of a claim against the glossary and the relation
 * lexicon. Returns `undefined` with the problems when it cannot be used.
 */
export function readStatement(value: unknown, glossary: GlossaryLookup, allEntries: readonly GlossaryEntry[], relations: ReadonlyMap<string, Relation>): { statement: Statement | undefined; problems: StatementProblem[] } {
  const problems: StatementProblem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { statement: undefined, problems: [{ written: '', message: '"statement" must be a map with subject, relation and, usually, object.' }] };
  }
  const map = value as Record<string, unknown>;
  for (const key of Object.keys(map)) if (!STATEMENT_KEYS.includes(key)) problems.push({ written: key, message: `Unknown key "${key}" in "statement"; use ${STATEMENT_KEYS.join(', ')}.` });
  const mentionsOf = (key: string, required: boolean): Mentions | undefined => {
    const raw = map[key];
    if (raw === undefined || raw === null) {
      if (required) problems.push({ written: '', message: `"statement" needs "${key}".` });
      return undefined;
    }
    const written = typeof raw === 'string' || typeof raw === 'number' ? [String(raw)] : Array.isArray(raw) && raw.length > 0 && raw.every((item) => typeof item === 'string' || typeof item === 'number') ? raw.map(String) : undefined;
    if (written === undefined) {
      problems.push({ written: key, message: `"${key}" must be a phrase, \`term:<glossary-id>\`, or a list of them.` });
      return undefined;
    }
    const compiled = compileMentions(written, glossary, allEntries);
    for (const problem of compiled.problems) problems.push({ written: problem.alternative, message: problem.message });
    return compiled.mentions;
  };
  const subject = mentionsOf('subject', true);
  const object = mentionsOf('object', false);
  const conditions = mentionsOf('conditions', false);
  const exceptions = mentionsOf('exceptions', false);
  const relationId = typeof map.relation === 'string' ? map.relation.trim() : undefined;
  const relation = relationId === undefined ? undefined : relations.get(relationId);
  if (relationId === undefined) problems.push({ written: '', message: '"statement" needs "relation": the id of a file in the claims folder\'s "relations" folder.' });
  else if (relation === undefined) problems.push({ written: relationId, message: `No relation "${relationId}": add "relations/${relationId}.md" to the claims folder, or use one of ${[...relations.keys()].sort().join(', ') || 'none so far'}.` });
  const polarity = map.polarity ?? 'affirmed';
  if (polarity !== 'affirmed' && polarity !== 'denied') problems.push({ written: String(polarity), message: '"polarity" must be "affirmed" (the wrong statement says it) or "denied" (the wrong statement denies it).' });
  if (relation !== undefined && object === undefined && relation.forms.every((form) => usesSlot(form, 'O'))) {
    problems.push({ written: relation.id, message: `Every form of "${relation.id}" names an object (O), so the statement needs "object".` });
  }
  if (problems.length > 0 || subject === undefined || relation === undefined) return { statement: undefined, problems };
  return { statement: { subject, relation, object, polarity: polarity as Polarity, conditions, exceptions }, problems };
}

/**
 * Whether some sentence of a text may hold the statement, tested once on the
 * whole of it (whether a word `occurs` in it, see {@link mayMentionWithin}): true wherever
 * {@link mayHold} is true for one of its sentences.
 */
export function mayHoldWithin(statement: Statement, occurs: (word: string) => boolean): boolean {
  return mayMentionWithin(statement.subject, occurs)
    && (statement.object === undefined || mayMentionWithin(statement.object, occurs))
    && (statement.conditions === undefined || mayMentionWithin(statement.conditions, occurs));
}

/**
 * Whether a sentence's text may hold the statement: it names the subject
 * and the object (a substring test, before the sentence is read).
 */
export function mayHold(statement: Statement, lowerCaseText: string): boolean {
  return mayMention(statement.subject, lowerCaseText)
    && (statement.object === undefined || mayMention(statement.object, lowerCaseText))
    && (statement.conditions === undefined || mayMention(statement.conditions, lowerCaseText));
}

/**
 * Whether the words of a sentence state the proposition: some form of the
 * relation joins a mention of the subject and one of the object within one
 * clause, with the statement's polarity (a negation covering a word of the
 * match denies it), outside quotation marks, and not after a word that makes
 * the rest a condition or reported speech. An exception anywhere silences
 * the sentence; conditions must occur outside a negation.
 */
export function statementHolds(statement: Statement, words: readonly Word[]): boolean {
  if (statement.exceptions !== undefined && mentionsAnywhere(words, statement.exceptions)) return false;
  if (statement.conditions !== undefined && !mentionsAnywhere(words, statement.conditions, true)) return false;
  const asserted = assertedWords(words);
  const wanted = statement.polarity === 'affirmed' ? PLAIN : NEGATED;
  return statement.relation.forms.some((form) => (formPaths(form, statement, words, asserted) & wanted) !== 0);
}

/** Which words the sentence asserts: not those inside a condition's clause, nor any after a verb of belief or reported speech. */
function assertedWords(words: readonly Word[]): boolean[] {
  const asserted = words.map(() => true);
  let inCondition = false;
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    if (word === undefined) continue;
    if (REPORTED_AFTER.has(word.lemma) || REPORTED_AFTER.has(word.text)) {
      for (let rest = index; rest < words.length; rest++) asserted[rest] = false;
      break;
    }
    if (CONDITIONS.has(word.text)) inCondition = true;
    else if (inCondition && (word.text === ',' || word.text === 'then' || word.boundary)) inCondition = false;
    if (inCondition) asserted[index] = false;
  }
  return asserted;
}

/**
 * The kinds of partial matches that reach a position, as bits: some has no
 * negated word (`PLAIN`), some has one (`NEGATED`). A negated word makes
 * every path through it negated.
 */
const PLAIN = 1;
const NEGATED = 2;

/**
 * Matches a form left to right, keeping for each position where a partial
 * match can end the kinds of paths that reach it: time linear in the
 * sentence's length for a form of bounded length.
 */
function formPaths(form: Form, statement: Statement, words: readonly Word[], asserted: readonly boolean[]): number {
  let states = new Map<number, number>();
  const [first, ...rest] = form.elements;
  if (first === undefined) return 0;
  for (let start = 0; start < words.length; start++) {
    if (asserted[start] !== true) continue;
    for (const end of elementEnds(first, statement, words, start)) add(states, end, flagsOf(words, start, end));
  }
  let previous = first;
  for (const element of rest) {
    const next = new Map<number, number>();
    if (element.kind === 'word' && element.optional) for (const [end, flags] of states) add(next, end, flags);
    const compound = previous.kind === 'slot' && element.kind === 'slot';
    for (const [from, flags] of states) {
      const maxGap = compound ? MAX_COMPOUND_GAP : MAX_GAP;
      for (let start = from; start <= from + maxGap && start < words.length; start++) {
        if (start > from) {
          const gapWord = words[start - 1];
          if (gapWord === undefined || gapWord.boundary || (compound && !COMPOUND_PARTS.has(gapWord.pos))) break;
          // An article opens a noun phrase: it can follow the first slot ("with Kerberos the ticket"), never stand inside a compound.
          if (compound && gapWord.pos === 'DET' && start - 1 > from) break;
        }
        for (const end of elementEnds(element, statement, words, start)) add(next, end, flagsOf(words, start, end) === NEGATED ? NEGATED : flags);
      }
    }
    states = next;
    previous = element;
    if (states.size === 0) return 0;
  }
  let result = 0;
  for (const [end, flags] of states) result |= negatedRightAfter(words, end) ? NEGATED : flags;
  return result;
}

/** Words that, right after a verb, deny it ("sends *no* traffic", "comes *from nowhere*"). */
const TRAILING_NEGATIONS = new Set(['no', 'not', "n't", 'never', 'nothing', 'none', 'nowhere', 'neither']);
/** How far after a match a negation still belongs to it. */
const TRAILING_REACH = 3;

/** Whether a negation follows the match within the same stretch of words (before any punctuation). */
function negatedRightAfter(words: readonly Word[], end: number): boolean {
  for (let index = end; index < words.length && index < end + TRAILING_REACH; index++) {
    const word = words[index];
    if (word === undefined || word.pos === 'PUNCT' || word.boundary) return false;
    if (TRAILING_NEGATIONS.has(word.text)) return true;
  }
  return false;
}

function elementEnds(element: FormElement, statement: Statement, words: readonly Word[], start: number): number[] {
  const word = words[start];
  if (word === undefined || word.quoted) return [];
  if (element.kind === 'word') return element.alternatives.some((alternative) => sameWord(word, { text: alternative, lemma: alternative })) ? [start + 1] : [];
  const mentions = element.slot === 'S' ? statement.subject : statement.object;
  return mentions === undefined ? [] : mentionEnds(words, mentions, start).filter((end) => !words.slice(start, end).some((covered) => covered.quoted));
}

function flagsOf(words: readonly Word[], start: number, end: number): number {
  return words.slice(start, end).some((word) => word.negated) ? NEGATED : PLAIN;
}

function add(states: Map<number, number>, end: number, flags: number): void {
  states.set(end, (states.get(end) ?? 0) | flags);
}

function usesSlot(form: Form, slot: 'S' | 'O'): boolean {
  return form.elements.some((element) => element.kind === 'slot' && element.slot === slot);
}
