/** One attribute of an HTML tag or a Learn directive, with where its value stands in the source. */
export interface SourceAttribute {
  readonly value: string;
  /** Offset in the source of the value's first character (inside the quotes). */
  readonly offset: number;
}

const NAME_CHARACTER = /[\w:.-]/;
const SPACE = /\s/;

/**
 * The attributes written in `text[start, end)` (`name="value"`,
 * `name='value'` or `name=value`, as HTML allows them), by lower-cased name;
 * the first of a repeated name wins, as in HTML. One pass over the text, so
 * linear in its length whatever it holds. Never throws.
 */
export function readAttributes(text: string, start: number, end: number): Map<string, SourceAttribute> {
  const attributes = new Map<string, SourceAttribute>();
  let index = start;
  const skipSpace = (): void => {
    while (index < end && SPACE.test(text[index] ?? '')) index++;
  };
  while (index < end) {
    skipSpace();
    const nameStart = index;
    while (index < end && NAME_CHARACTER.test(text[index] ?? '')) index++;
    if (index === nameStart) {
      index++;
      continue;
    }
    const name = text.slice(nameStart, index).toLowerCase();
    skipSpace();
    if (text[index] !== '=') continue;
    index++;
    skipSpace();
    const quote = text[index];
    let valueStart: number;
    let valueEnd: number;
    if (quote === '"' || quote === "'") {
      valueStart = index + 1;
      const close = text.indexOf(quote, valueStart);
      if (close === -1 || close >= end) break;
      valueEnd = close;
      index = close + 1;
    } else {
      valueStart = index;
      while (index < end && !SPACE.test(text[index] ?? '') && !'"\'=<>`'.includes(text[index] ?? '')) index++;
      valueEnd = index;
    }
    if (!attributes.has(name)) attributes.set(name, { value: text.slice(valueStart, valueEnd), offset: valueStart });
  }
  return attributes;
}
