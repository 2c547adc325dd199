import type { Formatter } from './format-context.js';

/**
 * `checkstyle`: the XML that Jenkins and other CI dashboards read. Rule ids
 * appear as `source="kb-lint.<rule-id>"`.
 */
export const formatCheckstyle: Formatter = (findings) => {
  const files = new Map<string, string[]>();
  for (const finding of findings) {
    const entries = files.get(finding.file) ?? [];
    entries.push(`    <error line="${finding.line}" column="${finding.column}" severity="${finding.severity}" message="${escapeXml(finding.message)}" source="kb-lint.${escapeXml(finding.rule)}"/>`);
    files.set(finding.file, entries);
  }
  const body = [...files].map(([file, entries]) => [`  <file name="${escapeXml(file)}">`, ...entries, '  </file>'].join('\n'));
  return `${['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">', ...body, '</checkstyle>'].join('\n')}\n`;
};

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&apos;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };

/**
 * Escapes an attribute value. The characters that act on a terminal and
 * that XML can hold become character references, so the value parses the
 * same and the document stays inert on a terminal or in a CI log (the `[`
 * of `##[` too, which GitHub Actions reads as a command anywhere in a line).
 */
function escapeXml(text: string): string {
  let escaped = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    // XML 1.0 allows no control character but tab and line breaks, not even as a character reference.
    const forbidden = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff;
    const active = (code >= 0x7f && code <= 0x9f) || (code >= 0x2028 && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || (character === '[' && escaped.endsWith('##'));
    escaped += forbidden ? '\ufffd' : active ? `&#x${code.toString(16).toUpperCase()};` : XML_ESCAPES[character] ?? character;
  }
  return escaped;
}
