/**
 * Markup that Learn writes inside text but that readers never see as words:
 * Learn directives (`:::image ...:::`, `::: zone pivot="..."`, one line at most
 * when unclosed) and bracketed extensions (`[!div class="..."]`, `[!NOTE]`, and
 * the `[!INCLUDE ` or `[!code-lang` in front of their link).
 */
const MARKUP = /:::(?:[^:\n]|:(?!::))*(?::::)?|\[![A-Za-z][\w-]*[^[\]\n]*\]?/g;
const WORD = /\S+/g;
/** A backslash written as such (`\\`), or one that escapes no punctuation, so stands for itself (`C:\Program`). */
const PATH_BACKSLASH = /\\\\|\\(?![!-/:-@[-`{-~])/;
/** A word that starts with a slash, after an opening bracket or quote if any: `/owa`, `~/includes`, `(/Rpc)`. */
const LEADING_SLASH = /^[([{"']?~?\/[\w.-]/;

/**
 * Appends to `spans` (start and end offsets, one after the other) the parts
 * of `source[start, end)`, the source of one text node, that are prose: the
 * whole span but for {@link MARKUP} and for words that are paths, registry
 * keys or virtual directories (a word holding a backslash that is not an
 * escape of punctuation, such as `HKEY_CURRENT_USER\\Software` written with
 * escaped backslashes, or starting with a slash), which a spelling fix must
 * never edit. Linear in the span's length.
 */
export function appendProse(source: string, start: number, end: number, spans: number[]): void {
  const text = source.slice(start, end);
  if (!/:::|\[!|\\|\//.test(text)) {
    spans.push(start, end);
    return;
  }
  const excluded: Array<[number, number]> = [];
  for (const match of text.matchAll(MARKUP)) excluded.push([match.index, match.index + match[0].length]);
  for (const word of text.matchAll(WORD)) {
    if (PATH_BACKSLASH.test(word[0]) || LEADING_SLASH.test(word[0])) excluded.push([word.index, word.index + word[0].length]);
  }
  excluded.sort((a, b) => a[0] - b[0]);
  let cursor = 0;
  for (const [from, to] of excluded) {
    if (from > cursor) spans.push(start + cursor, start + from);
    cursor = Math.max(cursor, to);
  }
  if (cursor < text.length) spans.push(start + cursor, end);
}
