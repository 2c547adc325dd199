import type { TextDocument } from '../text-document.js';
import type { Range } from '../types.js';

/** How a link-like reference is written, which decides how it is checked. */
export type LinkKind =
  /** `[text](url)`, an autolink, or an HTML `<a href>`. */
  | 'link'
  /** `![alt](src)` or an HTML `<img src>`. */
  | 'image'
  /** A link reference definition, `[label]: url`. */
  | 'definition'
  /** Learn's `:::image source="..." :::`. */
  | 'learn-image'
  /** The larger image a Learn `:::image:::` opens, its `lightbox="..."`. */
  | 'learn-lightbox'
  /** A Learn include, `[!INCLUDE [label](path)]`: the file's content is rendered in place. */
  | 'include'
  /** A code snippet Learn renders from a file: `:::code source="..." :::` or `[!code-lang[](path)]`. */
  | 'code';

/** A reference from this file to another resource. */
export interface MarkdownLink {
  readonly kind: LinkKind;
  /** The destination as written, without angle brackets. */
  readonly url: string;
  /** Range of the destination text (what a rename or fix edits). */
  readonly urlRange: Range;
  /** Range of the whole construct, e.g. `[text](url)`. */
  readonly range: Range;
  /** Alt text for images; `undefined` for links. */
  readonly alt?: string;
  /** A Learn `:::image type="icon":::`, which is decorative and needs no alt text. */
  readonly decorative?: boolean;
  /** Visible text of a link (for remediation and glossary lookups). */
  readonly text?: string;
}

/** A link as a parsed file keeps it: offsets instead of {@link MarkdownLink}'s ranges. */
export interface StoredLink {
  readonly kind: LinkKind;
  readonly url: string;
  readonly start: number;
  readonly end: number;
  readonly urlStart: number;
  readonly urlEnd: number;
  readonly text: string | undefined;
  readonly alt: string | undefined;
  readonly decorative: boolean | undefined;
}


/** The {@link MarkdownLink} of a stored link: its offsets turned into ranges of `document`. */
export function linkView(link: StoredLink, document: TextDocument): MarkdownLink {
  const range = document.rangeAt(link.start, link.end);
  // Reference-style links and autolinks have their destination elsewhere (or are it): the whole construct is their URL's range.
  const urlRange = link.urlStart === link.start && link.urlEnd === link.end ? range : document.rangeAt(link.urlStart, link.urlEnd);
  const view: { -readonly [K in keyof MarkdownLink]: MarkdownLink[K] } = { kind: link.kind, url: link.url, urlRange, range };
  if (link.text !== undefined) view.text = link.text;
  if (link.alt !== undefined) view.alt = link.alt;
  if (link.decorative !== undefined) view.decorative = link.decorative;
  return view;
}

/** Finds the destination of `[text](dest "title")` or `![alt](dest)` in the source. */
export function inlineLink(
  kind: LinkKind,
  url: string,
  text: string,
  start: number,
  end: number,
  textEnd: number | undefined,
  linkText: string | undefined,
  alt: string | undefined,
): StoredLink {
  const open = textEnd === undefined ? imageDestinationOpen(text, start, end, url) : text.indexOf('](', textEnd);
  if (open === -1 || open >= end) {
    // Reference-style or autolink: the destination lives elsewhere (or is the text itself).
    return { kind, url, start, end, urlStart: start, urlEnd: end, text: linkText, alt, decorative: undefined };
  }
  const [destinationStart, destinationEnd] = destinationSpan(text, open + 2, end);
  return { kind, url, start, end, urlStart: destinationStart, urlEnd: destinationEnd, text: linkText, alt, decorative: undefined };
}

/**
 * The `](` that opens an image's destination. The alt text may hold `](` too
 * (in a code span), so the first one whose destination is the image's URL
 * wins; the first one otherwise.
 */
function imageDestinationOpen(text: string, start: number, end: number, url: string): number {
  const first = text.indexOf('](', start);
  for (let open = first; open !== -1 && open < end; open = text.indexOf('](', open + 2)) {
    const [destinationStart, destinationEnd] = destinationSpan(text, open + 2, end);
    if (text.slice(destinationStart, destinationEnd) === url) return open;
  }
  return first;
}

/** A link reference definition `[label]: url`, with the offsets of its destination. */
export function definitionLink(url: string, text: string, start: number, end: number): StoredLink {
  const colon = text.indexOf(']:', start);
  const [destinationStart, destinationEnd] = colon === -1 || colon >= end ? [start, end] : destinationSpan(text, colon + 2, end);
  return { kind: 'definition', url, start, end, urlStart: destinationStart, urlEnd: destinationEnd, text: undefined, alt: undefined, decorative: undefined };
}

/** Offsets of a link destination starting at or after `from`: `<...>` or a run without spaces and unbalanced `)`. */
function destinationSpan(text: string, from: number, limit: number): [number, number] {
  let index = from;
  while (index < limit && /\s/.test(text[index] ?? '')) index++;
  if (text[index] === '<') {
    const close = text.indexOf('>', index);
    return close === -1 || close > limit ? [index, index] : [index + 1, close];
  }
  const destinationStart = index;
  let depth = 0;
  for (; index < limit; index++) {
    const character = text[index] ?? '';
    if (character === '\\') { index++; continue; }
    if (/\s/.test(character)) break;
    if (character === '(') depth++;
    if (character === ')') { if (depth === 0) break; depth--; }
  }
  return [destinationStart, index];
}

/** How a message names the target of a reference of `kind`: "Link target", "Image", "Include" or "Code snippet". */
export function targetNoun(kind: LinkKind): string {
  switch (kind) {
    case 'link':
    case 'definition':
      return 'Link target';
    case 'include':
      return 'Include';
    case 'code':
      return 'Code snippet';
    case 'image':
    case 'learn-image':
    case 'learn-lightbox':
      return 'Image';
  }
}
