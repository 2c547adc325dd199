import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { EntryKind, FileContent } from '../../server/src/core/index.js';
import {
  checkFile,
  Engine,
  type Finding,
  InMemoryFileSystem,
  type KbFileSystem,
  type KnowledgeBase,
  type Range,
  TextDocument,
} from '../../server/src/core/index.js';
import { FIXTURE_TODAY, REPOSITORY_ROOT } from '../support/rule-fixtures.js';

export { FIXTURE_TODAY, REPOSITORY_ROOT };

/** Root of the in-memory KBs the robustness tests build. */
export const KB_ROOT = '/kb';

/** The repository's own KB: real glossary, remediations, causes, claims, steps and scenarios to check against. */
export const BUNDLED_KB_FOLDER = path.join(REPOSITORY_ROOT, 'kb');

/** Fixtures of the robustness tests. */
export const ROBUSTNESS_FIXTURES = path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'robustness');

/** The text files below `folder`, keyed by their path below `prefix` (forward slashes). */
export function readFolder(folder: string, prefix: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[`${prefix}/${path.relative(folder, full).split(path.sep).join('/')}`] = readFileSync(full, 'utf8');
    }
  };
  walk(folder);
  return files;
}

/** The corpus articles copied into the fixtures (CC BY 4.0, front matter kept), by file name. */
export function corpusSamples(): Map<string, string> {
  const folder = path.join(ROBUSTNESS_FIXTURES, 'corpus');
  return new Map(readdirSync(folder).filter((name) => name.endsWith('.md') && name !== 'README.md').sort().map((name) => [name, readFileSync(path.join(folder, name), 'utf8')]));
}

/** The message prefix `checkFile` gives a rule that threw. */
export const RULE_FAILED = /^Rule "([^"]+)" failed/;

/** A description of what is wrong with the findings of one file, or `undefined` when nothing is. */
export function findingProblems(findings: readonly Finding[], text: string): string | undefined {
  const document = new TextDocument('/check', text);
  for (const finding of findings) {
    if (RULE_FAILED.test(finding.message)) return finding.message;
    const problem = rangeProblem(finding.range, document);
    if (problem !== undefined) return `${finding.ruleId}: ${problem} (${finding.message})`;
    for (const fix of finding.fixes ?? []) {
      for (const edit of fix.edits) {
        const editProblem = rangeProblem(edit.range, document);
        if (editProblem !== undefined) return `${finding.ruleId}: fix "${fix.title}" edits ${editProblem}`;
      }
    }
  }
  return undefined;
}

/**
 * Why `range` is not a range an editor can use on `document`: a line past
 * the end, a character past the end of its line, or an end before the start.
 */
export function rangeProblem(range: Range, document: TextDocument): string | undefined {
  for (const position of [range.start, range.end]) {
    if (!Number.isInteger(position.line) || !Number.isInteger(position.character) || position.line < 0 || position.character < 0) return `a position that is not a pair of natural numbers (${JSON.stringify(position)})`;
    if (position.line >= document.lineCount) return `line ${position.line + 1} of a ${document.lineCount}-line file`;
    const length = document.lineText(position.line).length;
    if (position.character > length) return `character ${position.character} of line ${position.line + 1}, which has ${length}`;
  }
  const { start, end } = range;
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) return `a range that ends before it starts (${JSON.stringify(range)})`;
  return undefined;
}

/**
 * The repository's KB loaded once in memory, into which tests put generated
 * files: each check sets the files' texts (as an editor does), runs every
 * rule on them, and puts the previous texts back.
 */
export class KbUnderTest {
  private constructor(
    readonly fs: InMemoryFileSystem,
    readonly kb: KnowledgeBase,
  ) {}

  /** Loads the repository's KB (plus `extra` files) at {@link KB_ROOT}. */
  static async load(extra: Readonly<Record<string, string>> = {}): Promise<KbUnderTest> {
    const fs = new InMemoryFileSystem({ ...readFolder(BUNDLED_KB_FOLDER, KB_ROOT), ...extra });
    const kb = await new Engine({ fs, today: () => FIXTURE_TODAY }).openKb(KB_ROOT);
    return new KbUnderTest(fs, kb);
  }

  /** Every rule's findings for a file the KB holds. */
  checkInPlace(file: string): Finding[] {
    return checkFile(this.kb, file, { today: FIXTURE_TODAY });
  }

  /** Every rule's findings for each of `files` (path to text), checked together. Throws what the engine throws. */
  check(files: Readonly<Record<string, string>>): Map<string, Finding[]> {
    const paths = Object.keys(files);
    const previous = paths.map((file) => this.kb.textOf(file));
    try {
      for (const file of paths) this.kb.setText(file, files[file]);
      return new Map(paths.map((file) => [file, checkFile(this.kb, file, { today: FIXTURE_TODAY })]));
    } finally {
      paths.forEach((file, index) => this.kb.setText(file, previous[index]));
    }
  }
}

/** Throws when any of `files` got a finding of a rule that failed, or a range an editor cannot use. */
export function assertSound(results: ReadonlyMap<string, readonly Finding[]>, files: Readonly<Record<string, string>>): void {
  for (const [file, findings] of results) {
    const problem = findingProblems(findings, files[file] ?? '');
    if (problem !== undefined) throw new Error(`${file}: ${problem}`);
  }
}

/** A file system that records every path read, to prove what the engine never reads. */
export class RecordingFileSystem implements KbFileSystem {
  readonly read: string[] = [];

  constructor(private readonly inner: KbFileSystem) {}

  listFiles(root: string, skipFolders: readonly string[], onLinkOut?: (path: string) => void): Promise<readonly string[]> {
    return this.inner.listFiles(root, skipFolders, onLinkOut);
  }

  /** Records the files whose content was returned: a read the inner file system refused (`within`) returns nothing. */
  async readText(file: string, within?: string): Promise<FileContent> {
    const content = await this.inner.readText(file, within);
    if (content !== undefined) this.read.push(file);
    return content;
  }

  entryKind(file: string): Promise<EntryKind | undefined> {
    return this.inner.entryKind(file);
  }
}
