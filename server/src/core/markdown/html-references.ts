import { readAttributes } from './attributes.js';
import type { StoredLink } from './link-syntax.js';

/** An opening or self-closing tag, its name and where its attributes are. */
const TAG = /<([A-Za-z][A-Za-z0-9-]*)([^<>]*)>/g;
const COMMENT = /<!--[^]*?(?:-->|$)/g;

/**
 * Reads the HTML of one node (`html`, starting at `offset` in the file):
 * every `id` and `name` attribute is an anchor a `#fragment` may name (Learn's
 * build collects both, of any element, in their exact letter case), and
 * `<a href>` and `<img src>` are references checked like Markdown links and
 * images. Comments are skipped. Never throws.
 */
export function collectHtmlReferences(html: string, offset: number, anchors: Set<string>, links: StoredLink[]): void {
  if (!/\b(?:id|name|href|src)\s*=/i.test(html)) return;
  // Blank out comments, keeping offsets: a commented-out tag is no reference.
  const visible = html.replace(COMMENT, (comment) => ' '.repeat(comment.length));
  for (const tag of visible.matchAll(TAG)) {
    // `<ab>` after `<a` is another element: attributes start after white space or `/`.
    if (!/^(?:$|[\s/])/.test(tag[2] ?? '')) continue;
    const name = (tag[1] ?? '').toLowerCase();
    const attributesStart = (tag.index ?? 0) + 1 + name.length;
    const attributes = readAttributes(visible, attributesStart, attributesStart + (tag[2] ?? '').length);
    for (const key of ['id', 'name']) {
      const anchor = attributes.get(key)?.value;
      if (anchor !== undefined && anchor !== '') anchors.add(anchor);
    }
    const target = name === 'a' ? attributes.get('href') : name === 'img' ? attributes.get('src') : undefined;
    if (target === undefined || target.value.trim() === '') continue;
    const start = offset + (tag.index ?? 0);
    const alt = attributes.get('alt');
    links.push({
      kind: name === 'a' ? 'link' : 'image',
      url: target.value,
      start,
      end: start + tag[0].length,
      urlStart: offset + target.offset,
      urlEnd: offset + target.offset + target.value.length,
      text: undefined,
      alt: name === 'img' ? alt?.value ?? '' : undefined,
      // `alt=""` is how HTML marks an image as decorative.
      decorative: name === 'img' ? alt !== undefined && alt.value === '' : undefined,
    });
  }
}

/** Elements whose content is code or literal input, never prose. */
const LITERAL_ELEMENT = /^<(?:code|kbd|samp|pre|var|script|style)(?=[\s>])[^<>]*>$/i;

/**
 * Whether an inline HTML node opens (`'open'`) or closes (`'close'`) an
 * element whose text is literal (`<code>`, `<kbd>`, `<samp>`, `<pre>`...),
 * so that the text between is no prose. `undefined` for any other HTML.
 */
export function literalElementTag(html: string): 'open' | 'close' | undefined {
  if (LITERAL_ELEMENT.test(html.trim())) return 'open';
  if (/^<\/(code|kbd|samp|pre|var|script|style)\s*>$/i.test(html.trim())) return 'close';
  return undefined;
}
