import type { MarkdownFile } from '../../markdown/parse-markdown.js';
import type { TextEdit } from '../../types.js';

/**
 * An edit that adds `key: value` as the last line of the front matter, or
 * fills in the value of a key that is present but empty. `value` is YAML
 * text, which may span lines (e.g. a list).
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
    return { range: document.rangeAt(keyEnd, lineEnd), newText: `:${separator}${value}` };
  }
  const insertAt = document.positionAt(frontMatter.closingLineStart);
  return { range: { start: insertAt, end: insertAt }, newText: `${key}:${separator}${value}${eol}` };
}

/** Today's date as Learn writes `ms.date`: `MM/DD/YYYY`. */
export function formatLearnDate(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(date.getMonth() + 1)}/${pad(date.getDate())}/${date.getFullYear()}`;
}
