import type { MarkdownFile } from '../../markdown/parse-markdown.js';
import type { TextEdit } from '../../types.js';

/**
 * An edit that adds `key: value` as the last line of the front matter, or
 * replaces the value of a key that is present (all its lines). `value` is
 * YAML text, which may span lines (e.g. a list).
 */
export function setFrontMatterValue(file: MarkdownFile, key: string, value: string): TextEdit | undefined {
  const frontMatter = file.frontMatter;
  if (frontMatter === undefined) return undefined;
  const document = file.document;
  const eol = document.eol;
  const entry = frontMatter.entries.find((candidate) => candidate.key === key);
  const separator = value.startsWith(eol) ? '' : ' ';
  if (entry !== undefined) {
    const keyEnd = document.offsetAt(entry.keyRange.end);
    const lineEnd = document.offsetAt({ line: entry.keyRange.end.line, character: Number.MAX_SAFE_INTEGER });
    // A value on the lines below (a list, a block scalar) is replaced too, or its lines would stay and change the new value.
    const valueEnd = entry.valueRange.end;
    const lastLine = valueEnd.character === 0 && valueEnd.line > entry.keyRange.end.line ? valueEnd.line - 1 : valueEnd.line;
    const end = Math.max(lineEnd, document.offsetAt({ line: lastLine, character: Number.MAX_SAFE_INTEGER }));
    return { range: document.rangeAt(keyEnd, end), newText: `:${separator}${value}` };
  }
  // Before a YAML document end marker (`...`), after which a key would start a second document.
  const content = document.text.slice(frontMatter.contentStart, frontMatter.closingLineStart);
  const documentEnd = /^\.\.\.[ \t]*$/m.exec(content);
  const insertAt = document.positionAt(documentEnd === null ? frontMatter.closingLineStart : frontMatter.contentStart + documentEnd.index);
  return { range: { start: insertAt, end: insertAt }, newText: `${key}:${separator}${value}${eol}` };
}

/** Today's date as Learn writes `ms.date`: `MM/DD/YYYY`. */
export function formatLearnDate(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(date.getMonth() + 1)}/${pad(date.getDate())}/${date.getFullYear()}`;
}
