import type { FrontMatterEntry } from '../markdown/front-matter.js';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import type { MetadataSource } from './docfx-config.js';
import type { RepositoryModel } from './repository-model.js';

/** One key of an article's effective metadata: its value and where it comes from. */
export interface EffectiveValue {
  readonly value: unknown;
  /** The article's own front matter entry, when it sets the key (it wins over `docfx.json`). */
  readonly entry?: FrontMatterEntry;
  /** The `docfx.json` line that supplies the value, or would if the front matter did not set it. */
  readonly supplied?: { readonly value: unknown; readonly source: MetadataSource };
}

/**
 * The metadata the Learn build gives `file`: its docset's `docfx.json`
 * `build.globalMetadata`, overridden by the `build.fileMetadata` globs that
 * match it, overridden by the file's own front matter. Keys in front matter
 * order, then the supplied ones. Empty when the front matter cannot be read.
 */
export function effectiveMetadata(model: RepositoryModel, file: MarkdownFile): ReadonlyMap<string, EffectiveValue> {
  const result = new Map<string, EffectiveValue>();
  const frontMatter = file.frontMatter;
  if (frontMatter?.data === undefined) return result;
  const supplied = model.suppliedMetadata(file.path);
  for (const entry of frontMatter.entries) {
    const fromDocfx = supplied.get(entry.key);
    result.set(entry.key, { value: frontMatter.data[entry.key], entry, ...(fromDocfx === undefined ? {} : { supplied: fromDocfx }) });
  }
  for (const [key, value] of supplied) {
    if (!result.has(key)) result.set(key, { value: value.value, supplied: value });
  }
  return result;
}

/** "docfx.json line 12 (fileMetadata, glob "articles/**")": where a supplied value stands, for messages and hovers. */
export function describeSource(source: MetadataSource, relativeTo: (path: string) => string): string {
  const where = `${relativeTo(source.path)} line ${source.range.start.line + 1}`;
  return source.section === 'fileMetadata' ? `${where} (fileMetadata, glob "${source.glob ?? ''}")` : `${where} (globalMetadata)`;
}
