import { type LoadedConfig, parseConfig, DEFAULT_CONFIG, unreadableConfig } from './config/config.js';
import { AWAITING_TIMING, BINARY_FILE, type FileContent, TOO_LARGE_FILE } from './kb-file-system.js';
import { parseLimitExceeded } from './limits.js';
import type { SlowShapeExcess } from './markdown/parse-limits.js';
import { type MarkdownFile, parseMarkdown } from './markdown/parse-markdown.js';
import { reparseMarkdown } from './markdown/reparse-markdown.js';
import type { ConfigFile, ParsedFile, ProblemModelFile, StepsFile } from './parsed-file.js';
import { parseScenarioFile } from './scenario/gherkin/scenario-file.js';
import { readModelFile } from './scenario/model/read-model.js';
import { isYamlTocName, parseYamlToc } from './repository/yaml-toc.js';
import { parseStepCatalog } from './scenario/steps/parse-catalog.js';
import { TextDocument } from './text-document.js';
import type { FileKind } from './types.js';

/** A file whose content could not be read as text. */
export interface UnreadableFile {
  readonly kind: 'unreadable';
  readonly path: string;
  /**
   * `too-large`, `too-deep` and `too-complex`: beyond the engine's parse
   * limits; `unparsable`: the parser failed; `over-time-budget`: a host
   * stopped parsing it at its time budget ({@link OverTimeBudget});
   * `awaiting-timing`: a host is still timing its text ({@link AWAITING_TIMING}),
   * so nothing is known of it yet.
   */
  readonly reason: 'binary' | 'missing' | 'too-large' | 'too-deep' | 'too-complex' | 'unparsable' | 'over-time-budget' | 'awaiting-timing';
  /** For `too-complex`: which count went over its limit, and where. */
  readonly excess?: SlowShapeExcess;
  /** For `over-time-budget`: the budget, in milliseconds. */
  readonly budgetMs?: number;
}

/** The configuration in `text`; an override that cannot be read says so, a missing `kb.config.json` means the defaults. */
export function loadConfig(path: string, text: FileContent, override: boolean): LoadedConfig {
  if (typeof text === 'string') return parseConfig(path, text);
  return override ? unreadableConfig(path, unreadableReason(text)) : { config: DEFAULT_CONFIG, problems: [] };
}

/** `text` parsed as a file of `kind`, or an {@link UnreadableFile} when it is beyond the parse limits or the parser fails. Never throws. */
export function parseWithinLimits(path: string, text: string, kind: FileKind | undefined, loadedConfig: LoadedConfig, base: MarkdownFile | undefined): ParsedFile | UnreadableFile {
  if (kind === 'config') return { kind: 'config', path, document: new TextDocument(path, text), loaded: loadedConfig } satisfies ConfigFile;
  const exceeded = parseLimitExceeded(text, kind !== 'scenario' && kind !== 'steps' && kind !== 'model', base?.document.text);
  if (exceeded !== undefined) return { kind: 'unreadable', path, ...exceeded };
  try {
    if (kind === 'steps') return { kind: 'steps', path, document: new TextDocument(path, text), catalog: parseStepCatalog(text, path) } satisfies StepsFile;
    if (kind === 'model') return { kind: 'model', path, document: new TextDocument(path, text), model: readModelFile(text, path) } satisfies ProblemModelFile;
    if (kind === 'scenario') return parseScenarioFile(path, text);
    if (kind === 'toc' && isYamlTocName(path)) return parseYamlToc(path, text);
    return base === undefined ? parseMarkdown(path, text) : reparseMarkdown(base, text);
  } catch {
    // The parsers turn bad input into data; what still escapes them (an exhausted stack) leaves this file unchecked, not the KB.
    return { kind: 'unreadable', path, reason: 'unparsable' };
  }
}

/** The {@link UnreadableFile} of a file at `path` that has no text to parse. */
export function unreadableFile(path: string, content: Exclude<FileContent, string>): UnreadableFile {
  if (typeof content === 'object') return { kind: 'unreadable', path, reason: 'over-time-budget', budgetMs: content.overTimeBudgetMs };
  return { kind: 'unreadable', path, reason: unreadableReason(content) };
}

/** Why a file without text was not read. */
export function unreadableReason(content: FileContent): 'binary' | 'too-large' | 'missing' | 'over-time-budget' | 'awaiting-timing' {
  if (typeof content === 'object') return 'over-time-budget';
  if (content === AWAITING_TIMING) return 'awaiting-timing';
  return content === BINARY_FILE ? 'binary' : content === TOO_LARGE_FILE ? 'too-large' : 'missing';
}
