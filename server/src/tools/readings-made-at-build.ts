import type { Knowledge } from '../core/index.js';
import type { Mentions } from '../core/claims/mentions.js';
import { readWords, type Word } from '../core/claims/read-sentence.js';
import { TERM_PREFIX } from '../core/domain/claim-pattern.js';

/**
 * The phrases that reading `knowledge`'s claims reads with the English
 * model, with their readings: every glossary spelling (a claim's `term:`
 * alternatives, and the longer spellings that can block a phrase) and every
 * plain alternative of a statement. `tools/bundle-cli.ts` builds them into
 * the `kb-lint` bundle for the bundled KB (see `readWords`); a phrase left
 * out here is only read with the model at run time.
 */
export function readingsMadeAtBuild(knowledge: Knowledge): Array<[string, Word[]]> {
  const phrases = new Set<string>();
  for (const entry of knowledge.glossary) for (const spelling of [entry.term, ...entry.aliases]) phrases.add(spelling);
  const slots = knowledge.claims.flatMap((claim) => claim.statements.flatMap((statement) => [statement.subject, statement.object, statement.conditions, statement.exceptions]));
  for (const mentions of slots.filter((slot): slot is Mentions => slot !== undefined)) {
    for (const alternative of mentions.written) {
      const trimmed = alternative.trim();
      if (!trimmed.startsWith(TERM_PREFIX)) phrases.add(trimmed);
    }
  }
  return [...phrases].sort().map((phrase) => [phrase, readWords(phrase)]);
}
