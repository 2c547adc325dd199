/** `text` with every character that a regular expression reads as syntax escaped, so that the expression matches `text` as written. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
