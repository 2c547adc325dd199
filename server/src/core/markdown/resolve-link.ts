import { dirname, joinPath } from '../paths.js';

/** Where a link destination points, as far as an offline check can tell. */
export type ResolvedLink =
  /** `https:`, `mailto:`, `xref:`, site-root `/path`, protocol-relative `//host`: not checked offline. */
  | { readonly kind: 'external' }
  /** A `file:` URL or an absolute file-system path (Windows, UNC, or under a Unix system folder): never followed. */
  | { readonly kind: 'file-url' }
  /** A fragment of the same file (`#anchor`). */
  | { readonly kind: 'same-file'; readonly fragment: string }
  /**
   * A file relative to the linking file, with an optional fragment (decoded)
   * and query string (as written, without its `?`; it selects a tab, pivot or
   * version of the page, not another file).
   */
  | { readonly kind: 'relative'; readonly path: string; readonly fragment: string | undefined; readonly query: string | undefined };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/**
 * Site-root links (`/office/troubleshoot/...`) are URLs of the published site,
 * but one that starts with a top-level folder of Unix or macOS is a local path.
 */
const LOCAL_ROOT = /^\/(?:etc|usr|home|root|var|tmp|opt|bin|sbin|lib|lib64|proc|sys|dev|mnt|media|srv|boot|run|Users|Volumes|Library|System|private|Applications)(?:[/?#]|$)/;

/**
 * Resolves a link destination written in the file at `fromPath`. The query
 * string is kept apart from the path, and percent-escapes of the path and
 * fragment are decoded (a malformed escape is kept as written). A
 * destination starting with `~/` is relative to `siteRoot`, the root of the
 * linking file's docset (its `docfx.json` folder), as DocFX resolves it;
 * without one it is relative to the linking file like any other.
 * Never throws.
 */
export function resolveLink(fromPath: string, url: string, siteRoot?: string): ResolvedLink {
  const destination = url.trim();
  if (/^file:/i.test(destination) || /^[A-Za-z]:[\\/]/.test(destination) || destination.startsWith('\\\\') || LOCAL_ROOT.test(destination)) return { kind: 'file-url' };
  if (SCHEME.test(destination) || destination.startsWith('/')) return { kind: 'external' };
  const hashIndex = destination.indexOf('#');
  const beforeFragment = hashIndex === -1 ? destination : destination.slice(0, hashIndex);
  const queryIndex = beforeFragment.indexOf('?');
  const pathPart = queryIndex === -1 ? beforeFragment : beforeFragment.slice(0, queryIndex);
  const query = queryIndex === -1 || queryIndex === beforeFragment.length - 1 ? undefined : beforeFragment.slice(queryIndex + 1);
  const fragment = hashIndex === -1 ? undefined : decode(destination.slice(hashIndex + 1));
  if (pathPart === '') return fragment === undefined ? { kind: 'external' } : { kind: 'same-file', fragment };
  const written = decode(pathPart).replace(/\\/g, '/');
  const fromSiteRoot = siteRoot !== undefined && written.startsWith('~/');
  return { kind: 'relative', path: fromSiteRoot ? joinPath(siteRoot, written.slice(2)) : joinPath(dirname(fromPath), written), fragment, query };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
