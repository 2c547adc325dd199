/** One attribute of an HTML tag or a Learn directive, with where its value stands in the source. */
export interface SourceAttribute {
  readonly value: string;
  /** Offset in the source of the value's first character (inside the quotes). */
  readonly offset: number;
}

/** `name="value"`, `name='value'` or `name=value`, as HTML allows them. */
const ATTRIBUTE = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

/**
 * The attributes written in `text[start, end)`, by lower-cased name (the first
 * of a repeated name wins, as in HTML). Never throws.
 */
export function readAttributes(text: string, start: number, end: number): Map<string, SourceAttribute> {
  const attributes = new Map<string, SourceAttribute>();
  const source = text.slice(start, end);
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase();
    if (attributes.has(name)) continue;
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    const quoted = match[4] === undefined ? 1 : 0;
    attributes.set(name, { value, offset: start + (match.index ?? 0) + match[0].length - value.length - quoted });
  }
  return attributes;
}
