import type { Nodes } from 'mdast';
import { readAttributes, type SourceAttribute } from './attributes.js';
import type { LinkKind, StoredLink } from './link-syntax.js';

/** Learn's triple-colon extensions that name a file: `:::image ...:::` and `:::code ...:::`. */
const FILE_DIRECTIVE = /:::(image|code)\b([^]*?):::/g;

/**
 * Collects the files that Learn directives in `text[start, end)` (one
 * paragraph) render: the `source` of `:::image:::` (and its `lightbox`, the
 * larger image it opens) and of `:::code:::`. They are checked like links.
 */
export function collectDirectiveLinks(text: string, start: number, end: number, links: StoredLink[]): void {
  const source = text.slice(start, end);
  if (!source.includes(':::')) return;
  for (const match of source.matchAll(FILE_DIRECTIVE)) {
    const name = match[1] ?? '';
    const constructStart = start + (match.index ?? 0);
    const constructEnd = constructStart + match[0].length;
    const bodyStart = constructStart + 3 + name.length;
    const attributes = readAttributes(text, bodyStart, bodyStart + (match[2] ?? '').length);
    const reference = (kind: LinkKind, attribute: SourceAttribute, alt: string | undefined, decorative: boolean | undefined): StoredLink => ({
      kind,
      url: attribute.value,
      start: constructStart,
      end: constructEnd,
      urlStart: attribute.offset,
      urlEnd: attribute.offset + attribute.value.length,
      text: undefined,
      alt,
      decorative,
    });
    const file = attributes.get('source');
    if (name === 'code') {
      if (file !== undefined) links.push(reference('code', file, undefined, undefined));
      continue;
    }
    if (file !== undefined) links.push(reference('learn-image', file, attributes.get('alt-text')?.value ?? '', attributes.get('type')?.value === 'icon'));
    const lightbox = attributes.get('lightbox');
    if (lightbox !== undefined) links.push(reference('learn-lightbox', lightbox, undefined, undefined));
  }
}

/**
 * The Learn directive a link stands in, from the text just before it:
 * `[!INCLUDE [label](path)]` makes the link an include, `[!code-lang[](path)]`
 * a code snippet. `undefined` for an ordinary link.
 */
export function directiveOfLink(previous: Nodes | undefined): 'include' | 'code' | undefined {
  if (previous?.type !== 'text') return undefined;
  if (/\[!include\s*$/i.test(previous.value)) return 'include';
  if (/\[!code-?[^\s[\]]*$/i.test(previous.value)) return 'code';
  return undefined;
}
