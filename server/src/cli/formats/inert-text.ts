/**
 * Output a KB cannot take over. Messages and paths carry text from the KB
 * (file names, link targets, glossary terms), and a stranger's KB could
 * otherwise set the terminal's title, clear the screen, reorder what a line
 * shows, or print a GitHub Actions workflow command: a line starting with
 * `::` (after spaces) anywhere, or `##[` anywhere in a line (the runner's
 * older command syntax, which it still reads).
 */

/**
 * The characters that act instead of showing: C0 controls, DEL, C1
 * controls, the line and paragraph separators, and the bidirectional
 * embeddings, overrides and isolates (which reorder how a line reads).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ACTIVE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** As {@link ACTIVE_CHARACTERS}, minus the C0 controls that `JSON.stringify` escapes itself. */
const ACTIVE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The runner's older command syntax, which it looks for anywhere in a line. */
const LEGACY_COMMAND = /##\[/g;

function unicodeEscape(character: string): string {
  return `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/**
 * Text for a human reader on a terminal or in a CI log, on one line: every
 * active character (line breaks and tabs too, unless `keepLineBreaks` keeps
 * CR and LF for an escaping of their own) is shown as `\uXXXX`, and the `[`
 * of `##[` likewise.
 */
export function visibleText(text: string, keepLineBreaks = false): string {
  const shown = text.replace(ACTIVE_CHARACTERS, (character) => (keepLineBreaks && (character === '\r' || character === '\n') ? character : unicodeEscape(character)));
  return shown.replace(LEGACY_COMMAND, '##\\u005b');
}

/**
 * A path shown at the start of a line: as {@link visibleText}, and prefixed
 * with `./` (the same file) when it would start the line with `::`.
 */
export function visiblePathAtLineStart(path: string): string {
  const shown = visibleText(path);
  return /^\s*::/.test(shown) ? `./${shown}` : shown;
}

/**
 * `JSON.stringify` of `value`, with the active characters that it leaves
 * raw, and the `[` of `##[`, written as JSON `\uXXXX` escapes: the document
 * parses to the same value, and no line of it can act on a terminal or a CI
 * runner. (`#` occurs only inside JSON strings, so every `##[` is in one.)
 */
export function inertJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(ACTIVE_IN_JSON, unicodeEscape).replace(LEGACY_COMMAND, '##\\u005b');
}
