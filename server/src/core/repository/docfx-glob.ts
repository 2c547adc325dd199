import picomatch from 'picomatch';

/**
 * A matcher for DocFX glob patterns, applied to paths relative to the folder
 * the pattern is relative to. DocFX lets `**` stand inside a segment for any
 * depth (`**.md`, `articles/**.yml` match files in every subfolder), which
 * picomatch reads as one segment, so such segments are rewritten to `**\/*`.
 * File names are matched ignoring letter case, as the Learn build resolves
 * them, and names starting with a dot are left out unless the pattern names
 * them, as DocFX does.
 */
export function docfxGlobMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const usable = patterns.map(toPicomatchPattern).filter((pattern) => pattern !== '');
  if (usable.length === 0) return () => false;
  return picomatch(usable, { dot: false, nocase: true, posix: true });
}

/** The picomatch form of one DocFX pattern (`./a/**.md` becomes `a/**\/*.md`). */
export function toPicomatchPattern(pattern: string): string {
  const trimmed = pattern.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  return trimmed
    .split('/')
    .flatMap((segment) => {
      if (segment === '**' || !segment.startsWith('**')) return [segment];
      return ['**', `*${segment.slice(2).replace(/^\*+/, '')}`];
    })
    .join('/');
}
