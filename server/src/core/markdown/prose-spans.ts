/**
 * Markup that Learn writes inside text but that readers never see as words:
 * Learn directives (`:::image ...:::`, `::: zone pivot="..."`, one line at most
 * when unclosed), bracketed extensions (`[!div class="..."]`, `[!NOTE]`, and the
 * `[!INCLUDE ` or `[!code-lang` in front of their link), and words holding a
 * backslash that is not an escape of punctuation (`C:\Program`, or a registry
 * path written with escaped backslashes, `HKEY_CURRENT_USER\\Software`), and
 * words that start with a slash (`/owa`, `~/includes`): paths and keys, which a
 * spelling fix must never edit.
 */
const NOT_PROSE = /:::(?:[^:\n]|:(?!::))*(?::::)?|\[![A-Za-z][\w-]*(?:[^[\]\n]*\])?|[^\s\\]*(?:\\\\|\\(?![!-/:-@[-`{-~]))\S*|(?<![^\s(["'])~?\/[\w.-]\S*/g;

/**
 * Appends to `spans` (start and end offsets, one after the other) the parts
 * of `source[start, end)`, the source of one text node, that are prose: the
 * whole span but for {@link NOT_PROSE} markup, paths and keys.
 */
export function appendProse(source: string, start: number, end: number, spans: number[]): void {
  const text = source.slice(start, end);
  if (!/:::|\[!|\\|\//.test(text)) {
    spans.push(start, end);
    return;
  }
  let cursor = start;
  for (const match of text.matchAll(NOT_PROSE)) {
    if (match[0] === '') continue;
    const from = start + (match.index ?? 0);
    if (from > cursor) spans.push(cursor, from);
    cursor = from + match[0].length;
  }
  if (cursor < end) spans.push(cursor, end);
}
