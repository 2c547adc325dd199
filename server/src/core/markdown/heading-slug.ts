import type { Heading, Nodes } from 'mdast';

/**
 * The anchor ids Microsoft Learn gives headings. Learn renders Markdown with
 * Markdig's auto-identifiers in GitHub mode: the heading's text as rendered
 * without markup (inline HTML tags dropped, code spans and link texts kept),
 * then every letter and digit lower-cased, each space turned into `-`, `-` and
 * `_` kept and every other character dropped. An empty result is `section`; a
 * repeated id gets `-1`, `-2`... in document order.
 */
export class HeadingSlugger {
  private readonly taken = new Set<string>();

  /** The id of the next heading whose plain text is `text`, made unique in the document. */
  slug(text: string): string {
    const base = learnSlug(text);
    let slug = base;
    for (let index = 1; this.taken.has(slug); index++) slug = `${base}-${index}`;
    this.taken.add(slug);
    return slug;
  }
}

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

/** The id Learn derives from a heading's plain text, before duplicates are numbered (see {@link HeadingSlugger}). */
export function learnSlug(text: string): string {
  let slug = '';
  // UTF-16 code units, as .NET's char tests see them: a letter outside the Basic Multilingual Plane is dropped.
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    if (character === ' ') slug += '-';
    else if (character === '-' || character === '_' || LETTER_OR_DIGIT.test(character)) slug += character.toLowerCase();
  }
  return slug === '' ? 'section' : slug;
}

/**
 * The text of a heading as a reader sees it: text, code spans, link texts and
 * image alternative texts, without HTML tags (which a rendered heading does
 * not show and which never reach its id).
 */
export function plainHeadingText(node: Nodes): string {
  if (node.type === 'html') return '';
  if ('value' in node) return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return node.children.map((child) => plainHeadingText(child as Nodes)).join('');
  return '';
}

/**
 * The explicit id of a heading written `## <a name="id"></a>Text` (or with
 * `id=`): Learn makes that name the heading's id instead of one derived from
 * its text. `undefined` for any other heading.
 */
export function explicitHeadingId(node: Heading): string | undefined {
  const [open, close, next] = node.children;
  if (open?.type !== 'html' || close?.type !== 'html' || next === undefined) return undefined;
  if (!/^<\/a>$/.test(close.value)) return undefined;
  return /^<a +(?:name|id)="([\w .-]+)" *>$/.exec(open.value)?.[1];
}

/**
 * Whether a heading is a tab of Learn's tabbed content, `# [Label](#tab/id)`:
 * the page shows it as a tab, not as a heading, so it is neither a title nor
 * an anchor.
 */
export function isTabHeading(node: Heading): boolean {
  const children = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const only = children[0];
  return children.length === 1 && only?.type === 'link' && /^#tab\//i.test(only.url);
}
