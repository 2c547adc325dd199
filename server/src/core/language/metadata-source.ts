import type { KnowledgeBase } from '../knowledge-base.js';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import { relativePath } from '../paths.js';
import { describeSource, type EffectiveValue } from '../repository/effective-metadata.js';
import type { Position, Range } from '../types.js';
import { type Location, rangeContains } from './locate.js';

/** Where the cursor is in the front matter, for metadata hovers and navigation. */
type MetadataPlace =
  /** On a key the front matter sets: what `docfx.json` would supply for it too. */
  | { readonly kind: 'key'; readonly key: string; readonly value: EffectiveValue; readonly range: Range }
  /** On the opening `---`, where the metadata rules report missing keys: every key `docfx.json` supplies. */
  | { readonly kind: 'opening'; readonly supplied: ReadonlyArray<readonly [string, EffectiveValue]>; readonly range: Range };

/**
 * What a hover on the front matter says about where the article's effective
 * metadata comes from: on a key that its docset's `docfx.json` also sets,
 * that the front matter wins and where the other value is; on the opening
 * `---` line, every key `docfx.json` supplies and from which line.
 * `undefined` when `docfx.json` supplies nothing there.
 */
export function metadataSourceHover(kb: KnowledgeBase, file: MarkdownFile, position: Position): { markdown: string; range: Range } | undefined {
  const place = metadataPlace(kb, file, position);
  const where = (value: EffectiveValue): string => (value.supplied === undefined ? '' : describeSource(value.supplied.source, (path) => relativePath(kb.root, path)));
  if (place?.kind === 'key' && place.value.supplied !== undefined) {
    return { markdown: `This value overrides \`${format(place.value.supplied.value)}\` from ${where(place.value)}: the front matter wins.`, range: place.range };
  }
  if (place?.kind === 'opening' && place.supplied.length > 0) {
    const lines = place.supplied.map(([key, value]) => `- \`${key}\`: \`${format(value.value)}\` from ${where(value)}`);
    return { markdown: ['Metadata the docset\'s docfx.json supplies (the front matter overrides it):', '', ...lines].join('\n'), range: place.range };
  }
  return undefined;
}

/** Where a front matter key's value comes from in `docfx.json` (on a key), or every supplied key's line (on the opening `---`). */
export function metadataSourceDefinition(kb: KnowledgeBase, file: MarkdownFile, position: Position): Location[] {
  const place = metadataPlace(kb, file, position);
  const values = place?.kind === 'key' ? [place.value] : place?.kind === 'opening' ? place.supplied.map(([, value]) => value) : [];
  return values.flatMap((value) => (value.supplied === undefined ? [] : [{ path: value.supplied.source.path, range: value.supplied.source.range }]));
}

function metadataPlace(kb: KnowledgeBase, file: MarkdownFile, position: Position): MetadataPlace | undefined {
  const frontMatter = file.frontMatter;
  if (frontMatter === undefined || kb.kindOf(file.path) !== 'article') return undefined;
  const metadata = kb.effectiveMetadata(file);
  const entry = frontMatter.entries.find((candidate) => rangeContains(candidate.keyRange, position));
  const value = entry === undefined ? undefined : metadata.get(entry.key);
  if (entry !== undefined && value !== undefined) return { kind: 'key', key: entry.key, value, range: entry.keyRange };
  const opening = frontMatter.range.start.line;
  if (position.line !== opening) return undefined;
  const supplied = [...metadata].filter(([, candidate]) => candidate.entry === undefined && candidate.supplied !== undefined);
  return { kind: 'opening', supplied, range: { start: { line: opening, character: 0 }, end: { line: opening, character: 3 } } };
}

function format(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
