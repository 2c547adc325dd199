import { joinPath } from '../paths.js';
import type { Range } from '../types.js';
import { type JsonFile, parseJsonFile, propertyValue, rangeOfNode } from './json-file.js';

/** Whether a file name is one of the redirection files a Learn repository keeps at its root (`.openpublishing.redirection.json`, `.openpublishing.redirection.<part>.json`). */
export function isRedirectionFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('.openpublishing.redirection.') && lower.endsWith('.json') && !lower.includes('/');
}

/** One entry of a redirection file: a page that is gone and where its readers go instead. */
export interface Redirection {
  /** The redirection file. */
  readonly file: string;
  /** Absolute path of the page that was moved or removed. */
  readonly sourcePath: string;
  readonly sourceRange: Range;
  /** Where readers go: a site-root URL (`/exchange/...`), a full URL, or a path relative to the source. */
  readonly redirectUrl: string;
  readonly urlRange: Range;
  readonly redirectDocumentId: boolean;
  /** Whether `source_path` was written with spaces around it (matched without them). */
  readonly sourceHasSpaces: boolean;
}

/** A redirection file, read. */
export interface RedirectionFile {
  readonly file: JsonFile;
  readonly redirections: readonly Redirection[];
}

/**
 * Reads a redirection file of the repository at `root`: the `redirections`
 * array with `source_path` (relative to the repository root) or
 * `source_path_from_root` (starting with `/`), `redirect_url` and
 * `redirect_document_id`. Never throws; entries it cannot read are problems.
 */
export function parseRedirectionFile(root: string, path: string, text: string): RedirectionFile {
  const file = parseJsonFile(path, text);
  const list = propertyValue(file.root, 'redirections');
  const redirections: Redirection[] = [];
  if (file.root !== undefined && list?.type !== 'array') {
    const at = list ?? file.root;
    file.problems.push({ path, range: file.document.rangeAt(at.offset, at.offset + 1), message: 'The redirection file has no "redirections" array.' });
  }
  for (const item of list?.type === 'array' ? list.children ?? [] : []) {
    const source = propertyValue(item, 'source_path') ?? propertyValue(item, 'source_path_from_root');
    const url = propertyValue(item, 'redirect_url');
    if (source?.type !== 'string' || url?.type !== 'string') {
      file.problems.push({ path, range: rangeOfNode(file, item), message: 'A redirection needs a "source_path" and a "redirect_url" string; this one is left out.' });
      continue;
    }
    redirections.push({
      file: path,
      sourcePath: joinPath(root, String(source.value).trim().replace(/\\/g, '/').replace(/^\/+/, '')),
      sourceHasSpaces: String(source.value).trim() !== String(source.value),
      sourceRange: rangeOfNode(file, source),
      redirectUrl: String(url.value),
      urlRange: rangeOfNode(file, url),
      redirectDocumentId: propertyValue(item, 'redirect_document_id')?.value === true,
    });
  }
  return { file, redirections };
}
