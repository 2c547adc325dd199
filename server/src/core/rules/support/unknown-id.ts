import { closest, distance } from 'fastest-levenshtein';
import type { Fix, Range } from '../../types.js';

/**
 * The known id closest to a mistyped `id`, when it is close enough to be a
 * typo (a third of its length, at least two edits); otherwise `undefined`.
 */
export function closestId(id: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const candidate = closest(id, [...known]);
  return distance(candidate, id) <= Math.max(2, Math.floor(id.length / 3)) ? candidate : undefined;
}

/** Up to this many known ids are named in a message; more would bury it. */
const MAX_LISTED = 6;

/** How a message about an unknown id written at `range` ends (with its punctuation), and a fix when a known id is close. */
export function unknownIdHelp(id: string, range: Range, known: readonly string[]): { hint: string; fixes: Fix[] } {
  const suggestion = closestId(id, known);
  if (suggestion === undefined) {
    const listed = known.length === 0 ? 'none exist' : known.length <= MAX_LISTED ? `known: ${[...known].sort().join(', ')}` : `none of the ${known.length} known ids is close`;
    return { hint: ` (${listed}).`, fixes: [] };
  }
  return { hint: `; did you mean "${suggestion}"?`, fixes: [{ title: `Change to "${suggestion}"`, safe: false, edits: [{ range, newText: suggestion }] }] };
}
