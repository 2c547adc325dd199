import picomatch from 'picomatch';
import type { KbConfig } from './config.js';

/** Whether a KB-relative path is an article, a scenario, or excluded, by the configuration's globs. */
export interface FileMatchers {
  readonly article: (path: string) => boolean;
  readonly scenario: (path: string) => boolean;
  readonly exclude: (path: string) => boolean;
}

/** Compiles the configuration's `articles`, `scenarios` and `exclude` globs (POSIX paths; dot files only when a glob names them). */
export function compileMatchers(config: KbConfig): FileMatchers {
  const options = { dot: false, posix: true } as const;
  return {
    article: picomatch([...config.articles], options),
    scenario: picomatch([...config.scenarios], options),
    exclude: config.exclude.length === 0 ? () => false : picomatch([...config.exclude], options),
  };
}
