import type { Finding, Fix } from './types.js';

/**
 * The fix policy every host follows, so the editor and `kb-lint --fix` never
 * disagree (ARCHITECTURE.md, "Fix policy"):
 *
 * - `safe`: cannot change what the text means (a letter-case correction of a
 *   link to an existing file, the glossary's spelling of the same term). Only
 *   these are preferred, and only these are applied unattended.
 * - `suggestion`: a likely repair that a reader must judge (the closest
 *   anchor, step or id; a section skeleton with placeholders).
 * - `suppression`: silences the rule; listed after every real fix.
 */
export type FixCategory = 'safe' | 'suggestion' | 'suppression';

/** The category of a fix; a fix marked both safe and a suppression counts as a suppression. */
export function fixCategory(fix: Fix): FixCategory {
  if (fix.suppression === true) return 'suppression';
  return fix.safe ? 'safe' : 'suggestion';
}

const CATEGORY_ORDER: Readonly<Record<FixCategory, number>> = { safe: 0, suggestion: 1, suppression: 2 };

/** The fixes in the order an editor lists them: safe fixes, then suggestions, then suppressions; a rule's own order within each. */
export function orderedFixes(fixes: readonly Fix[]): Fix[] {
  return fixes
    .map((fix, index) => ({ fix, index }))
    .sort((a, b) => CATEGORY_ORDER[fixCategory(a.fix)] - CATEGORY_ORDER[fixCategory(b.fix)] || a.index - b.index)
    .map(({ fix }) => fix);
}

/**
 * The one fix that may be applied without review: the finding's first safe
 * fix, or `undefined`. It is also the only fix an editor marks as preferred,
 * and the one fix-all, fix-on-save and `kb-lint --fix` apply.
 */
export function automaticFix(finding: Finding): Fix | undefined {
  return finding.fixes?.find((fix) => fixCategory(fix) === 'safe');
}
