/**
 * Generators of Markdown shapes, each a function from a size in characters
 * to a text of about that size, for the hostile-input tests and for
 * `bench/markdown-shapes.mjs`, which measures the parser on them. `slow`
 * marks the shapes on which the parser's time grows faster than the text.
 */
export interface MarkdownShape {
  readonly slow: boolean;
  readonly make: (size: number) => string;
}

const times = (size: number, unit: number): number => Math.max(1, Math.ceil(size / unit));

export const MARKDOWN_SHAPES: Readonly<Record<string, MarkdownShape>> = {
  // Paragraph lines each followed by a setext underline.
  'setext-headings': { slow: true, make: (size) => 'a\n=\n'.repeat(times(size, 4)) },
  // One long paragraph closed by one setext underline.
  'setext-long-paragraph': { slow: true, make: (size) => `${'a\n'.repeat(times(size, 2))}=\n` },
  // Emphasis runs that open, then close, in nested order.
  'emphasis-nested': { slow: true, make: (size) => `${'*a '.repeat(times(size, 6))}${'b* '.repeat(times(size, 6))}` },
  'emphasis-nested-mixed': { slow: true, make: (size) => `${'*_a'.repeat(times(size, 6))}${'b_*'.repeat(times(size, 6))}` },
  // Emphasis openers that never close.
  'emphasis-openers': { slow: false, make: (size) => '*a _'.repeat(times(size, 4)) },
  // A block quote line followed by lazy continuation lines.
  'blockquote-lazy': { slow: true, make: (size) => `> a\n${'b\n'.repeat(times(size, 2))}` },
  // Links whose destination or title never closes.
  'link-destination-unclosed': { slow: false, make: (size) => '[a](b '.repeat(times(size, 6)) },
  'link-title-unclosed': { slow: false, make: (size) => '[a](b "'.repeat(times(size, 7)) },
  // Brackets nested deep, or many in one paragraph.
  'brackets-nested': { slow: true, make: (size) => `${'['.repeat(times(size, 2))}a${']'.repeat(times(size, 2))}` },
  'reference-brackets': { slow: true, make: (size) => '[a]['.repeat(times(size, 4)) },
  'images-open': { slow: false, make: (size) => '![a'.repeat(times(size, 3)) },
  // Ordinary prose: the linear baseline.
  prose: { slow: false, make: (size) => 'The prompt appears when Outlook starts.\n\n'.repeat(times(size, 41)) },
};
