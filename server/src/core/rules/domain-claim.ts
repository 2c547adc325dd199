import { SentenceText } from '../claims/read-sentence.js';
import { type Claim, claimMatches, claimWords, mayStateAnyClaim } from '../domain/claims.js';
import type { Knowledge } from '../domain/knowledge.js';
import type { KbView } from '../kb-view.js';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import { resolveLink } from '../markdown/resolve-link.js';
import { blockSentencesOf, type Sentence, wordsInBlockMaterial } from '../markdown/sentences.js';
import type { Fix, RelatedLocation } from '../types.js';
import { defineRule } from './rule.js';
import { MemoPerOwner } from './support/bounded-memo.js';

const RULE_ID = 'domain-claim';
/**
 * Sentences kept with the claims they state, per knowledge: whether a claim
 * matches depends on the claim and the sentence's text alone, and an edit
 * leaves most sentences of an article as they were. The bound holds the
 * sentences of a few long articles.
 */
const MATCHES = new MemoPerOwner<Knowledge, string, readonly Claim[]>(20_000);
const NO_CLAIMS: readonly Claim[] = [];

/** Characters that open inline markup; a comment inserted before a sentence goes before them. */
const OPENING_MARKUP = /[*_~[]/;

/** `domain-claim`: a sentence states a known wrong fact from the claims catalog without negating it. */
export const domainClaim = defineRule({
  id: RULE_ID,
  description: 'A sentence must not state a known wrong fact from the claims catalog unless it negates it.',
  defaultSeverity: 'warning',
  appliesTo: 'article',
  fix: 'suggestion',
  check({ file, kb, report }) {
    const claims = kb.knowledge.claims;
    if (claims.length === 0) return;
    const words = claimWords(claims);
    const blocks = file.tree.children;
    const wordsOfBlocks = blocks.map((block) => wordsInBlockMaterial(block, words));
    const wordsOfArticle = new Set<string>();
    for (const found of wordsOfBlocks) for (const word of found) wordsOfArticle.add(word);
    // Most articles name the entities of no claim, and most blocks of the others: a test of their words spares reading their sentences.
    if (!mayStateAnyClaim(claims, wordsOfArticle)) return;
    const matches = MATCHES.of(kb.knowledge);
    for (const [index, block] of blocks.entries()) {
      if (!mayStateAnyClaim(claims, wordsOfBlocks[index] ?? new Set())) continue;
      for (const sentence of blockSentencesOf(file, block)) {
        for (const claim of matches.get(sentence.text, () => claimsStated(claims, sentence.text))) {
          report({
            range: file.document.rangeAt(sentence.start, sentence.end),
            message: claim.message,
            severity: claim.severity,
            related: relatedLocations(claim, kb),
            fixes: [disableFix(file, sentence)],
          });
        }
      }
    }
  },
});

/** The claims `sentence` states, in catalog order. */
function claimsStated(claims: readonly Claim[], sentence: string): readonly Claim[] {
  // Read once for every claim; the English model reads it only when a claim's entities are named.
  const text = new SentenceText(sentence);
  const stated = claims.filter((claim) => claimMatches(claim, text));
  return stated.length === 0 ? NO_CLAIMS : stated;
}

/** The claim file first (editors find the explanation through it), then the section `see` names when the KB has it. */
function relatedLocations(claim: Claim, kb: KbView): RelatedLocation[] {
  const related: RelatedLocation[] = [{ path: claim.path, range: claim.explanationRange, message: `Claim "${claim.id}": why this is wrong` }];
  const resolved = resolveLink(claim.path, claim.see);
  const target = resolved.kind === 'relative' ? kb.markdown(resolved.path) : undefined;
  if (target !== undefined && resolved.kind === 'relative') {
    const fragment = resolved.fragment?.toLowerCase();
    const heading = fragment === undefined ? undefined : target.headings.find((candidate) => candidate.slug === fragment);
    related.push({ path: target.path, range: heading?.range ?? target.document.rangeAt(0, 0), message: `What is right: ${heading?.text ?? target.headings[0]?.text ?? claim.see}` });
  }
  return related;
}

/**
 * Silences the rule on the sentence's first line with a
 * `kb-disable-next-line` comment on the line before it. The sentence is
 * first moved to a line of its own when it starts mid-line, and the comment
 * joins the previous line when the sentence starts a continuation line, so
 * paragraphs and list items keep their structure. A table row cannot take a
 * line break, so a table cell gets a `kb-disable-line` comment instead.
 */
function disableFix(file: MarkdownFile, sentence: Sentence): Fix {
  const document = file.document;
  const text = document.text;
  const eol = document.eol;
  const title = `Disable ${RULE_ID} for this sentence`;
  const insert = (offset: number, newText: string): Fix => ({ title, safe: false, suppression: true, edits: [{ range: document.rangeAt(offset, offset), newText }] });
  const nextLineComment = `<!-- kb-disable-next-line ${RULE_ID} -->`;
  const sameLineComment = `<!-- kb-disable-line ${RULE_ID} -->`;

  if (sentence.container === 'table-cell') return insert(sentence.end, ` ${sameLineComment}`);
  const prefix = continuationPrefix(file, sentence.containerStart);
  // Only markup (emphasis, a link bracket, code) precedes the container's first sentence: the comment goes before the container.
  const line = document.positionAt(sentence.start).line;
  const startsContainer = !/[\p{L}\p{N}]/u.test(text.slice(sentence.containerStart, sentence.start)) && document.positionAt(sentence.containerStart).line === line;
  if (startsContainer) return insert(sentence.containerStart, `${nextLineComment}${eol}${prefix}`);
  const lineStart = document.lineStart(line);
  let start = sentence.start;
  while (start > lineStart && OPENING_MARKUP.test(text[start - 1] ?? '')) start--;
  if (/^[\s>]*$/.test(text.slice(lineStart, start))) {
    const previousLine = line - 1;
    const previousText = document.lineText(previousLine);
    // Before a hard line break (trailing spaces or a backslash), so that the break survives.
    const keep = /(\\|[ \t]{2,})$/.exec(previousText)?.[0].length ?? 0;
    const separator = /[ \t]$/.test(previousText.slice(0, previousText.length - keep)) ? '' : ' ';
    return insert(document.lineStart(previousLine) + previousText.length - keep, `${separator}${nextLineComment}`);
  }
  // At the start of a line, text such as "- " or "# " would open a new block; such a sentence keeps its line.
  if (/^([-+*#>=|]|\d{1,9}[.)])(\s|$)/.test(sentence.text)) return insert(start, `${sameLineComment} `);
  return insert(start, `${nextLineComment}${eol}${prefix}`);
}

/** What a continuation line of the container needs in front of its text: block quote markers kept, list markers turned into spaces. */
function continuationPrefix(file: MarkdownFile, containerStart: number): string {
  const document = file.document;
  const line = document.positionAt(containerStart).line;
  return document.text.slice(document.lineStart(line), containerStart).replace(/[^\s>]/g, ' ');
}
