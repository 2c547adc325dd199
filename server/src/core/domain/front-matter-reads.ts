import { parseLimitExceeded } from '../limits.js';
import { type FrontMatterFile, readFrontMatterFile } from '../markdown/front-matter-file.js';

/**
 * The Markdown domain files of a KB (glossary, remediations, causes, claims)
 * read as far as their front matter, which is all their entries are made of:
 * their bodies are never parsed to build knowledge (checking such a file as
 * a file still parses it in full). Each file is read once, until its text
 * changes ({@link forget}) or the configuration does ({@link clear}).
 */
export class FrontMatterReads {
  private readonly reads = new Map<string, FrontMatterFile | undefined>();

  /** `textOf`: the KB's text of a file; anything but a string means it has none to read. */
  constructor(private readonly textOf: (path: string) => unknown) {}

  /**
   * The file at `path` read as far as its front matter; `undefined` when it
   * has no text or one longer than any the KB parses. Never throws.
   */
  read(path: string): FrontMatterFile | undefined {
    if (!this.reads.has(path)) this.reads.set(path, readWithinLimits(path, this.textOf(path)));
    return this.reads.get(path);
  }

  /** Drops the read of `path`, whose text changed. */
  forget(path: string): void {
    this.reads.delete(path);
  }

  /** Drops every read. */
  clear(): void {
    this.reads.clear();
  }
}

/**
 * Only the length limit applies: the limits on Markdown shapes guard the
 * Markdown parser, which this read does not run. A domain file whose body is
 * beyond them still gives its entry, and is reported as not checked.
 */
function readWithinLimits(path: string, text: unknown): FrontMatterFile | undefined {
  if (typeof text !== 'string' || parseLimitExceeded(text, false) !== undefined) return undefined;
  try {
    return readFrontMatterFile(path, text);
  } catch {
    // As for a parse: what escapes the readers (an exhausted stack) leaves this file out, not the KB.
    return undefined;
  }
}
