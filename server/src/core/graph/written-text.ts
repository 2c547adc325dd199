import { decodeNamedCharacterReference } from 'decode-named-character-reference';

/**
 * The raw text of one file in the forms a reference in it may take once
 * read: as written, with Markdown's escapes decoded (backslash escapes and
 * character references, as CommonMark decodes link destinations) and then
 * percent-escapes (as links are resolved), and with percent-escapes alone
 * (HTML attributes and Learn directives are not Markdown-decoded). All
 * three are compared without letter case. A text mentions a name when one of
 * its forms contains it; the decoded forms are made only when the form as
 * written does not, and only when the text holds an escape at all.
 */
export class WrittenText {
  private asWritten: string | undefined;
  private decoded: string | undefined;
  private percentDecoded: string | undefined;

  constructor(private readonly text: string) {}

  /** Whether one of the text's forms contains one of `names` (each already {@link foldCase}d). */
  mentionsAny(names: Iterable<string>): boolean {
    const list = [...names];
    if (list.length === 0) return false;
    this.asWritten ??= foldCase(this.text);
    if (containsAny(this.asWritten, list)) return true;
    // A decoded form can name what the written one does not only through a character its escapes decode to.
    const characters = new Set(list.join(''));
    const bringsNameCharacter = (decoded: string): boolean => [...foldCase(decoded)].some((character) => characters.has(character));
    // Markdown decoding may also make a percent-escape (`&#37;41`) that percent decoding then reads.
    if (anyEscapeDecodesTo(this.text, MARKDOWN_ESCAPE, decodeMarkdownEscape, (decoded) => bringsNameCharacter(decoded) || /[%0-9a-f]/i.test(decoded))) {
      this.decoded ??= foldCase(decodePercentEscapes(this.text.replace(MARKDOWN_ESCAPE, decodeMarkdownEscape)));
      if (containsAny(this.decoded, list)) return true;
    }
    if (anyEscapeDecodesTo(this.text, PERCENT_ESCAPES, decodePercentRun, bringsNameCharacter)) {
      this.percentDecoded ??= foldCase(decodePercentEscapes(this.text));
      if (containsAny(this.percentDecoded, list)) return true;
    }
    return false;
  }
}

/**
 * Whether YAML may read one of `names` (each already {@link foldCase}d) in
 * `text` where its raw text does not show it: a name with a space or a `'`
 * (line folding, a doubled `'`), an escaped line break (it joins the lines
 * around it), or an escape that decodes to a character of a name (`\x41`).
 * A backslash counts as an escape wherever it stands, though only
 * double-quoted scalars decode it: reading too much costs a parse, never a
 * reference.
 */
export function yamlMayHideAny(text: string, names: Iterable<string>): boolean {
  const list = [...names];
  if (list.some((name) => /[\s']/.test(name))) return true;
  const characters = new Set(list.join(''));
  // An escaped line break decodes to nothing: the text on either side of it joins.
  return anyEscapeDecodesTo(text, YAML_ESCAPE, decodeYamlEscape, (decoded) => decoded === '' || [...foldCase(decoded)].some((character) => characters.has(character)));
}

/**
 * Lower case, with the one context-dependent lower-casing (a Greek capital
 * sigma becomes final `ς` or `σ` depending on its neighbours) made the same
 * either way, so that a name folded alone matches the name folded in a text.
 */
export function foldCase(text: string): string {
  return text.toLowerCase().replace(/ς/g, 'σ');
}

function containsAny(text: string, names: readonly string[]): boolean {
  return names.some((name) => text.includes(name));
}

// Backslash before ASCII punctuation, and `&name;`, `&#123;`, `&#x1F;` character references.
const MARKDOWN_ESCAPE = /\\([!-/:-@[-`{-~])|&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{0,31});/g;
const PERCENT_ESCAPES = /(?:%[0-9a-fA-F][0-9a-fA-F])+/g;

// YAML 1.2's escapes (5.7): `\x41`, `\u0041`, `\U00000041`, the one-character escapes, and an escaped line break.
const YAML_ESCAPE = /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0abtnvfre "/\\N_LP\t])|(\r\n|\r|\n))/g;
const YAML_CHARACTER_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

/** One YAML escape, decoded; an escaped line break decodes to nothing (YAML also drops the next line's indentation). */
function decodeYamlEscape(whole: string, hex2?: string, hex4?: string, hex8?: string, character?: string, lineBreak?: string): string {
  const code = hex2 ?? hex4 ?? hex8;
  if (code !== undefined) {
    const point = Number.parseInt(code, 16);
    return point <= 0x10ffff ? String.fromCodePoint(point) : '\uFFFD';
  }
  if (character !== undefined) return YAML_CHARACTER_ESCAPES[character] ?? whole;
  return lineBreak === undefined ? whole : '';
}

/** Whether one of the escapes `pattern` finds in `text` decodes to a string that `matters`. */
function anyEscapeDecodesTo(text: string, pattern: RegExp, decode: (...match: string[]) => string, matters: (decoded: string) => boolean): boolean {
  for (const match of text.matchAll(pattern)) {
    const decoded = decode(...(match as unknown as string[]));
    if (decoded !== match[0] && matters(decoded)) return true;
  }
  return false;
}

function decodeMarkdownEscape(whole: string, punctuation: string | undefined, reference: string | undefined): string {
  if (punctuation !== undefined) return punctuation;
  if (reference === undefined) return whole;
  if (reference.startsWith('#')) {
    const code = reference[1] === 'x' || reference[1] === 'X' ? Number.parseInt(reference.slice(2), 16) : Number.parseInt(reference.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  }
  const decoded = decodeNamedCharacterReference(reference);
  return decoded === false ? whole : decoded;
}

/** A run of percent-escapes, decoded as UTF-8 the way links are resolved; kept as written when it is not valid UTF-8. */
function decodePercentRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run;
  }
}

function decodePercentEscapes(text: string): string {
  return text.replace(PERCENT_ESCAPES, decodePercentRun);
}
