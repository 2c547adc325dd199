import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Engine, InMemoryFileSystem, type AnyRuleLike, type Finding, type TextEdit, TextDocument } from './engine-exports.js';

/** Root of the repository (tests run from out/test/...). */
export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../../..');

/** A fixed "today" for every fixture, so date rules are stable. */
export const FIXTURE_TODAY = new Date(2026, 10, 25);

/** One expected finding: a rule id starting on a zero-based line. */
export interface Expectation {
  readonly ruleId: string;
  readonly line: number;
}

const SAME_LINE = /<!--\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*-->|(?:#|\/\/)\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;
const NEXT_LINE = /^\s*<!--\s*expect-next-line:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*-->\s*$/;
const AT_LINE = /<!--\s*expect-line\s+(\d+):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*-->/;

/**
 * Reads the inline expectation markers of a fixture: `<!-- expect: id -->` or,
 * in front matter or JSON, `# expect: id` or `// expect: id` at the end of a line (a finding of that rule
 * starts on that line); `<!-- expect-next-line: id -->` alone on a line (on
 * the next line); `<!-- expect-line N: id -->` anywhere (on line N, counted
 * from 1: for lines that cannot hold a comment, like a front matter fence).
 * Ids may be comma-separated.
 */
export function readExpectations(text: string): Expectation[] {
  const expectations: Expectation[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const at = AT_LINE.exec(line);
    if (at !== null) {
      for (const ruleId of (at[2] ?? '').split(',').map((id) => id.trim())) expectations.push({ ruleId, line: Number(at[1]) - 1 });
      return;
    }
    const next = NEXT_LINE.exec(line);
    const same = next ? null : SAME_LINE.exec(line);
    const ids = next?.[1] ?? same?.[1] ?? same?.[2];
    if (ids === undefined) return;
    for (const ruleId of ids.split(',').map((id) => id.trim())) expectations.push({ ruleId, line: next ? index + 1 : index });
  });
  return expectations;
}

const folderTexts = new Map<string, Readonly<Record<string, string>>>();

/**
 * Loads a fixture folder into a fresh in-memory file system rooted at `/kb`.
 * Each folder is read from disk once per process; every call gets its own
 * file system, so tests may write to it.
 */
export function loadFixtureKb(folder: string): InMemoryFileSystem {
  let files = folderTexts.get(folder);
  if (files === undefined) {
    const read: Record<string, string> = {};
    const walk = (current: string): void => {
      for (const name of readdirSync(current)) {
        const full = path.join(current, name);
        if (statSync(full).isDirectory()) walk(full);
        else read[`/kb/${path.relative(folder, full).split(path.sep).join('/')}`] = readFileSync(full, 'utf8');
      }
    };
    walk(folder);
    files = read;
    folderTexts.set(folder, files);
  }
  return new InMemoryFileSystem(files);
}

/** The findings of `rule` in every checked file of the KB on `fs`, by path. */
export async function checkWithRule(fs: InMemoryFileSystem, rule: AnyRuleLike, bundledRoot?: string): Promise<Map<string, Finding[]>> {
  const engine = new Engine({ fs, today: () => FIXTURE_TODAY, ...(bundledRoot ? { bundledRoot } : {}) });
  const kb = await engine.openKb('/kb');
  return new Map(kb.checkedPaths().map((file) => [file, engine.check(kb, file, { rules: [rule] })]));
}

/**
 * Applies the edits of fixes to a text. Edits that overlap an earlier one are
 * skipped, as an editor applying several quick fixes at once would refuse them.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const document = new TextDocument('/fixture', text);
  const spans = edits
    .map((edit) => ({ start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end), text: edit.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    result += text.slice(cursor, span.start) + span.text;
    cursor = span.end;
  }
  return result + text.slice(cursor);
}

/** Folders of `test/fixtures/rules/`, one per rule id. */
export function ruleFixtureFolders(): string[] {
  const root = path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'rules');
  return readdirSync(root).filter((name) => statSync(path.join(root, name)).isDirectory()).sort().map((name) => path.join(root, name));
}
