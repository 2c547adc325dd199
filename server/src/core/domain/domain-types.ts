import type { Range } from '../types.js';

/** Where a piece of domain knowledge comes from: the KB itself or the tool's bundled KB. */
export type KnowledgeSource = 'kb' | 'bundled';

/** A glossary term (`glossary/<id>.md`). */
export interface GlossaryEntry {
  /** The file name without `.md`. */
  readonly id: string;
  readonly path: string;
  readonly source: KnowledgeSource;
  /** Canonical spelling. */
  readonly term: string;
  /** Other accepted spellings (recognized, never flagged). */
  readonly aliases: readonly string[];
  /** Spellings to flag; each is fixed to {@link term}. */
  readonly avoid: readonly string[];
  /** Ids of related terms. */
  readonly see: readonly string[];
  readonly summary: string | undefined;
  /** The body: a definition in Markdown. */
  readonly definition: string;
}

/** A remediation page (`remediations/<id>.md`). */
export interface Remediation {
  readonly id: string;
  readonly path: string;
  readonly source: KnowledgeSource;
  readonly title: string;
  /** Ids of the causes it resolves. */
  readonly resolves: readonly string[];
  /** 1 is recommended first. */
  readonly rank: number;
  /** Model conditions it changes, e.g. `{ credentialsCached: true }`. */
  readonly changes: Readonly<Record<string, string | boolean>>;
  /** One line: what it costs. */
  readonly tradeoffs: string;
  /** The body in Markdown. */
  readonly body: string;
}

/** A cause page (`causes/<id>.md`). */
export interface Cause {
  readonly id: string;
  readonly path: string;
  readonly source: KnowledgeSource;
  readonly title: string;
  /** Lower-case phrases whose presence in an article suggests it discusses this cause. */
  readonly signals: readonly string[];
  readonly body: string;
}

/** A problem in a domain file's front matter, reported by that kind's entry rule. */
export interface EntryProblem {
  readonly message: string;
  readonly range: Range;
}
