import type { FrontMatterFile } from '../markdown/front-matter-file.js';
import { resolveLink } from '../markdown/resolve-link.js';
import type { Finding, Range, Severity } from '../types.js';
import { SentenceText } from '../claims/read-sentence.js';
import type { Relation } from '../claims/relations.js';
import { mayHold, mayHoldWithin, readStatement, type Statement, statementHolds } from '../claims/statement.js';
import { type ClaimPattern, compilePattern, type GlossaryLookup } from './claim-pattern.js';
import type { EntryProblem, GlossaryEntry, KnowledgeSource } from './domain-types.js';
import { bodyOf, FrontMatterFields, idFromPath } from './front-matter-fields.js';
import type { Knowledge } from './knowledge.js';

/** A known wrong statement about the domain (`claims/<id>.md`) and how to recognize it in a sentence. */
export interface Claim {
  /** The file name without `.md`. */
  readonly id: string;
  readonly path: string;
  readonly source: KnowledgeSource;
  /** Severity of its findings when the KB's configuration does not set one for `domain-claim`. */
  readonly severity: Severity;
  /**
   * The wrong statement as propositions, read with the English model (one
   * of them holding is enough); empty for a claim written as patterns.
   */
  readonly statements: readonly Statement[];
  /** Patterns that must all match the same sentence (claims written as patterns; empty for a statement). */
  readonly when: readonly ClaimPattern[];
  /** Patterns any of which, matching the same sentence, cancels the finding (negations, hedges). */
  readonly unless: readonly ClaimPattern[];
  /** One sentence: what is wrong and what is right. */
  readonly message: string;
  /** The KB link, as written, to the section that explains the right fact. */
  readonly see: string;
  /** The body: the longer explanation in Markdown. */
  readonly explanation: string;
  /** Where the explanation starts in the claim file (the first line after the front matter). */
  readonly explanationRange: Range;
}

/** What an editor shows for a claim: its explanation and where to read more. */
export interface ClaimExplanation {
  readonly id: string;
  readonly message: string;
  /** The claim's body, in Markdown. */
  readonly markdown: string;
  /** The `see` link as written in the claim file. */
  readonly see: string;
  /**
   * The file `see` points at, resolved against the claim file; `undefined`
   * unless it is a Markdown file in the file list of the KB the claim comes
   * from, so that a claim can never make an editor read or show a file
   * outside its KB.
   */
  readonly seePath: string | undefined;
  /** The `#fragment` of `see`, if any. */
  readonly seeFragment: string | undefined;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * Phrases that present a statement as wrong, doubtful or reported rather
 * than asserted ("a common misconception is that ..."). A sentence holding
 * one never matches any claim, whatever the claim's own `unless` says.
 */
export const FRAMING: readonly string[] = [
  'myth', 'myths', 'misconception', 'misconceptions', 'misunderstanding', 'misbelief',
  'mistaken', 'mistakenly', 'wrongly', 'incorrectly', 'erroneously', 'falsely',
  'is wrong', "it's wrong", 'are wrong', 'not true', 'untrue', 'false', 'contrary to',
  'believe', 'believes', 'believed', 'belief', 'assume', 'assumes', 'assumed', 'assumption',
  'suspect', 'suspects', 'suspected', 'think', 'thinks', 'thought', 'whether', 'blame', 'blames', 'blamed',
  'it is said', 'people say', 'claim that', 'claims that', 'claimed that', 'rumor', 'rumour',
];

const framing = compilePattern(FRAMING, () => undefined).pattern;

/** What a statement is read against: every glossary entry (for spellings that block shorter ones) and the relation lexicon. */
export interface ClaimLexicon {
  readonly glossary: readonly GlossaryEntry[];
  readonly relations: ReadonlyMap<string, Relation>;
}

const NO_LEXICON: ClaimLexicon = { glossary: [], relations: new Map() };

/**
 * Reads a claim file against the glossary its `term:` alternatives name and
 * the relation lexicon. A claim is written either as a `statement`
 * (subject, relation, object...) or, as before, as `when`/`unless`
 * patterns. Returns the claim, or `undefined` when a required key is missing
 * or any part is rejected (a broken claim is never run), and the problems.
 * Never throws.
 */
export function readClaim(file: FrontMatterFile, source: KnowledgeSource, glossary: GlossaryLookup, lexicon: ClaimLexicon = NO_LEXICON): { entry: Claim | undefined; problems: EntryProblem[] } {
  const fields = new FrontMatterFields(file);
  const fileId = idFromPath(file.path);
  const id = fields.requiredString('id');
  if (id !== undefined && id !== fileId) fields.problems.push({ message: `"id" is "${id}" but the file is named "${fileId}.md"; they must match.`, range: fields.rangeOf('id') });
  const severity = readSeverity(fields);
  const message = fields.requiredString('message');
  const see = fields.requiredString('see');
  if (see !== undefined && resolveLink(file.path, see).kind !== 'relative') {
    fields.problems.push({ message: `"see" must be a relative link to a KB file, such as "../articles/<article>.md#<section>"; "${see}" is not.`, range: fields.rangeOf('see') });
  }
  const data = file.frontMatter?.data ?? {};
  const hasStatement = data.statement !== undefined && data.statement !== null;
  if (hasStatement && (data.when !== undefined || data.unless !== undefined)) {
    fields.problems.push({ message: 'A claim is written either as a "statement" or as "when"/"unless" patterns, not both; "when" and "unless" are ignored.', range: fields.rangeOf(data.when !== undefined ? 'when' : 'unless') });
  }
  const statements: Statement[] = [];
  let statementUsable = true;
  // One proposition, or a list of them ("the client asks again after the service", "the service asks again after the client").
  for (const value of hasStatement ? (Array.isArray(data.statement) && data.statement.length > 0 ? data.statement as unknown[] : [data.statement]) : []) {
    const read = readStatement(value, glossary, lexicon.glossary, lexicon.relations);
    for (const problem of read.problems) fields.problems.push({ message: `${problem.message} The claim is not checked until "statement" is fixed.`, range: alternativeRange(file, fields, 'statement', problem.written) });
    if (read.statement === undefined) statementUsable = false;
    else statements.push(read.statement);
  }
  const when = hasStatement ? [] : readPatterns(file, fields, 'when', glossary, true);
  const unless = hasStatement ? [] : readPatterns(file, fields, 'unless', glossary, false);
  const explanation = bodyOf(file);
  if (explanation === '') fields.problems.push({ message: 'The claim has no explanation: write below the front matter why the statement is wrong and what is right.', range: fields.rangeOf('message') });

  const complete = id !== undefined && message !== undefined && see !== undefined && when !== undefined && unless !== undefined && statementUsable;
  const entry = complete
    ? { id: fileId, path: file.path, source, severity: severity ?? 'warning', statements, when, unless, message, see, explanation, explanationRange: explanationRangeOf(file) }
    : undefined;
  return { entry, problems: fields.problems };
}

/**
 * Whether a sentence states the claim. The sentence is neither a question
 * nor framed as a myth (see {@link FRAMING}), and either the claim's
 * statement holds in its words, or every `when` pattern matches and no
 * `unless` pattern does. Pass a {@link SentenceText} to share the reading
 * of a sentence between claims.
 */
export function claimMatches(claim: Claim, sentence: string | SentenceText): boolean {
  const text = typeof sentence === 'string' ? new SentenceText(sentence) : sentence;
  if (claim.statements.length > 0) {
    const candidates = claim.statements.filter((statement) => mayHold(statement, text.lowerCase));
    return candidates.length > 0 && !isQuestionOrFramed(text.text) && candidates.some((statement) => statementHolds(statement, text.words));
  }
  return claim.when.every((pattern) => pattern.test(text.text))
    && !claim.unless.some((pattern) => pattern.test(text.text))
    && !isQuestionOrFramed(text.text);
}

/**
 * Lower-casing turns `Σ` into `σ` or, at the end of a word, `ς`, so a word
 * with either may be spelled otherwise in a text lower-cased as a whole:
 * such a word is never looked for, and counts as found.
 */
const SIGMA = /[σς]/u;

/**
 * Words this short are never looked for either, and count as found: as
 * substrings, one or two characters occur in nearly every paragraph ("a",
 * "of", "in"; "ad" in "read"), so a search for them would rule out almost
 * nothing while matching every few characters.
 */
const MIN_SEARCHED_LENGTH = 3;

/** Whether a text is searched for `word` (see {@link claimWords}); the other words count as found. */
function isSearched(word: string): boolean {
  return word.length >= MIN_SEARCHED_LENGTH && !SIGMA.test(word);
}

/** Per catalog: the words a text is searched for before its sentences are read, and those that count as found without a search. */
const wordsOfCatalog = new WeakMap<readonly Claim[], { readonly searched: readonly string[]; readonly unsearched: ReadonlySet<string> }>();

function catalogWords(claims: readonly Claim[]): { readonly searched: readonly string[]; readonly unsearched: ReadonlySet<string> } {
  let words = wordsOfCatalog.get(claims);
  if (words === undefined) {
    const mentions = claims.flatMap((claim) => claim.statements.flatMap((statement) => [statement.subject, statement.object, statement.conditions]));
    const all = [...new Set(mentions.flatMap((mention) => mention?.anchors.flat() ?? []))];
    words = { searched: all.filter(isSearched), unsearched: new Set(all.filter((word) => !isSearched(word))) };
    wordsOfCatalog.set(claims, words);
  }
  return words;
}

/**
 * Every word the statements of `claims` name their entities with (the
 * beginnings {@link mayMention} looks for), once each and the same list for
 * the same catalog, but those with a sigma ({@link SIGMA}) and those of
 * fewer than three characters ({@link MIN_SEARCHED_LENGTH}).
 */
export function claimWords(claims: readonly Claim[]): readonly string[] {
  return catalogWords(claims).searched;
}

/**
 * Whether any sentence of a text may state one of `claims`, given which of
 * their {@link claimWords} the text holds (its sentences' words being
 * substrings of it; see `wordsInBlockMaterial`): a claim written as
 * patterns always may; a statement only where each of its entities is named
 * (see {@link mayHoldWithin}). When this is false, {@link claimMatches} is
 * false for every sentence.
 */
export function mayStateAnyClaim(claims: readonly Claim[], found: ReadonlySet<string>): boolean {
  const { unsearched } = catalogWords(claims);
  const occurs = (word: string): boolean => found.has(word) || unsearched.has(word);
  return claims.some((claim) => claim.statements.length === 0 || claim.statements.some((statement) => mayHoldWithin(statement, occurs)));
}

/** Whether a sentence asks (ends with `?`) or presents what it says as wrong or doubtful; such sentences assert nothing. */
export function isQuestionOrFramed(sentence: string): boolean {
  return /\?[\s"'\u201d\u2019)\]]*$/.test(sentence) || (framing?.test(sentence) ?? false);
}

/**
 * The explanation of the claim `id` for a hover, with its `see` target
 * resolved; `undefined` when the knowledge has no such claim.
 */
export function claimExplanation(knowledge: Knowledge, id: string): ClaimExplanation | undefined {
  const claim = knowledge.claim(id);
  if (claim === undefined) return undefined;
  const resolved = resolveLink(claim.path, claim.see);
  const inKb = resolved.kind === 'relative' && resolved.path.toLowerCase().endsWith('.md') && knowledge.hasFileOf(claim.source, resolved.path);
  return {
    id: claim.id,
    message: claim.message,
    markdown: claim.explanation,
    see: claim.see,
    seePath: inKb ? resolved.path : undefined,
    seeFragment: resolved.kind === 'relative' || resolved.kind === 'same-file' ? resolved.fragment : undefined,
  };
}

/**
 * The id of the claim a `domain-claim` finding reports (named by the
 * finding's first related location, the claim file); `undefined` for other
 * findings.
 */
export function claimIdOfFinding(knowledge: Knowledge, finding: Finding): string | undefined {
  if (finding.ruleId !== 'domain-claim') return undefined;
  const claimPath = finding.related?.[0]?.path;
  return knowledge.claims.find((claim) => claim.path === claimPath)?.id;
}

function readSeverity(fields: FrontMatterFields): Severity | undefined {
  const written = fields.optionalString('severity');
  if (written === undefined) return undefined;
  if ((SEVERITIES as readonly string[]).includes(written)) return written as Severity;
  fields.problems.push({ message: `"severity" must be one of ${SEVERITIES.join(', ')}; "${written}" is not.`, range: fields.rangeOf('severity') });
  return undefined;
}

/**
 * Reads `when` or `unless`: a list whose items are an alternative or a list
 * of alternatives. Returns `undefined` when the value or any pattern is
 * unusable, so the claim is not built.
 */
function readPatterns(file: FrontMatterFile, fields: FrontMatterFields, key: 'when' | 'unless', glossary: GlossaryLookup, required: boolean): ClaimPattern[] | undefined {
  const value = file.frontMatter?.data?.[key];
  if (value === undefined || value === null) {
    if (!required) return [];
    fields.problems.push({ message: 'Missing required key "statement": the wrong statement as subject, relation and object (or, in the older format, "when" patterns).', range: fields.rangeOf(key) });
    return undefined;
  }
  const lists = Array.isArray(value) ? value.map(alternativesOf) : undefined;
  if (lists === undefined || (lists.length === 0 && required) || lists.some((list) => list === undefined)) {
    fields.problems.push({ message: `"${key}" must be a list whose items are a phrase or a list of alternative phrases.`, range: fields.rangeOf(key) });
    return undefined;
  }
  const patterns: ClaimPattern[] = [];
  let usable = true;
  for (const alternatives of lists as string[][]) {
    const { pattern, problems } = compilePattern(alternatives, glossary);
    for (const problem of problems) fields.problems.push({ message: `${problem.message} The claim is not checked until "${key}" is fixed.`, range: alternativeRange(file, fields, key, problem.alternative) });
    if (pattern === undefined) usable = false;
    else patterns.push(pattern);
  }
  return usable ? patterns : undefined;
}

/** One item of `when` or `unless` as its alternatives: a phrase, or a non-empty list of phrases; `undefined` for anything else. */
function alternativesOf(item: unknown): string[] | undefined {
  const isPhrase = (candidate: unknown): candidate is string | number => typeof candidate === 'string' || typeof candidate === 'number';
  if (isPhrase(item)) return [String(item)];
  return Array.isArray(item) && item.length > 0 && item.every(isPhrase) ? item.map(String) : undefined;
}

/**
 * Where an alternative is written inside the key's value (plain, or with the
 * escapes of a double-quoted YAML string), or the key's value when it cannot
 * be found as written.
 */
function alternativeRange(file: FrontMatterFile, fields: FrontMatterFields, key: string, alternative: string): Range {
  const valueRange = fields.rangeOf(key);
  if (alternative === '') return valueRange;
  const from = file.document.offsetAt(valueRange.start);
  const to = file.document.offsetAt(valueRange.end);
  for (const written of [alternative, JSON.stringify(alternative).slice(1, -1)]) {
    const found = file.document.text.indexOf(written, from);
    if (found !== -1 && found + written.length <= to) return file.document.rangeAt(found, found + written.length);
  }
  return valueRange;
}

function explanationRangeOf(file: FrontMatterFile): Range {
  const document = file.document;
  const bodyStart = file.frontMatter === undefined ? 0 : document.offsetAt(file.frontMatter.range.end);
  const firstText = document.text.slice(bodyStart).search(/\S/);
  const line = document.positionAt(firstText === -1 ? bodyStart : bodyStart + firstText).line;
  return document.rangeAt(document.lineStart(line), document.lineStart(line) + document.lineText(line).length);
}
