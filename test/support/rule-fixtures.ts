import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { checkFile, Engine, InMemoryFileSystem, type Knowledge, KnowledgeBase, type AnyRuleLike, type Finding, type TextEdit, TextDocument } from './engine-exports.js';

/** Root of the repository (tests run from out/test/...). */
export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../../..');

/** A fixed "today" for every fixture, so date rules are stable. */
export const FIXTURE_TODAY = new Date(2026, 10, 25);

/** Folder of the rule fixtures: one small KB per rule id, and its snapshot beside it. */
export const RULE_FIXTURES = path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'rules');

/** One expected finding, read from a marker in a fixture. */
export interface FixtureMarker {
  readonly ruleId: string;
  /** Zero-based line the finding starts on. */
  readonly line: number;
  /** Text the finding's message must contain. */
  readonly fragment: string;
}

/**
 * The one marker form of rule fixtures, written inside whatever comment the
 * file allows (`<!-- -->` in Markdown, `#` in YAML and Gherkin, `//` in JSON):
 * `{expect rule-id "fragment"}`: a finding of `rule-id` whose message contains
 * `fragment` starts on this line; `{expect rule-id:+N "fragment"}` N lines
 * below (`-N` above); `{expect rule-id:N "fragment"}` on line N, counted from 1
 * (for lines that cannot hold a comment, like a front matter fence). The
 * fragment ends at the first `"}`. One marker, one finding.
 */
const MARKER = /\{expect ([a-z0-9-]+)(?::([+-]?)(\d+))? "(.*?)"\}/g;

/** Markers of the forms this harness no longer reads; a fixture holding one fails instead of expecting nothing. */
const OLD_MARKER = /(?:<!--|#|\/\/)\s*expect(?:-next-line|-line\s+\d+)?:\s*[a-z0-9-]/;

/** Reads the `{expect ...}` markers of a fixture text. */
export function readMarkers(text: string): FixtureMarker[] {
  const markers: FixtureMarker[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    for (const match of line.matchAll(MARKER)) {
      const [, ruleId = '', sign, number, fragment = ''] = match;
      const target = number === undefined ? index : sign === '' ? Number(number) - 1 : index + (sign === '-' ? -1 : 1) * Number(number);
      markers.push({ ruleId, line: target, fragment });
    }
  });
  return markers;
}

/** The one-based numbers of lines holding a marker of an older form. */
export function oldMarkerLines(text: string): number[] {
  return text.split(/\r?\n/).flatMap((line, index) => (OLD_MARKER.test(line) ? [index + 1] : []));
}

/**
 * Reads the expectation comments that the claim fixtures of
 * `test/fixtures/claims` use: `<!-- expect: id -->` at the end of the line a
 * sentence starts on, or `<!-- expect-next-line: id -->` alone on the line
 * before a sentence that spans lines (a comment inside it would cut it in
 * two). Rule fixtures use {@link readMarkers}.
 */
export function readExpectations(text: string): Array<{ ruleId: string; line: number }> {
  return text.split(/\r?\n/).flatMap((line, index) => {
    const nextLine = /^\s*<!--\s*expect-next-line:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*-->\s*$/.exec(line)?.[1];
    const ids = nextLine ?? /<!--\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*-->/.exec(line)?.[1];
    const at = nextLine === undefined ? index : index + 1;
    return ids === undefined ? [] : ids.split(',').map((id) => ({ ruleId: id.trim(), line: at }));
  });
}

const folderTexts = new Map<string, Readonly<Record<string, string>>>();

/** The files of a folder by path below `prefix` (`/kb/...`), read from disk once per process. */
function folderFiles(folder: string, prefix = '/kb'): Record<string, string> {
  let files = folderTexts.get(folder);
  if (files === undefined) {
    const read: Record<string, string> = {};
    const walk = (current: string): void => {
      for (const name of readdirSync(current)) {
        const full = path.join(current, name);
        if (statSync(full).isDirectory()) walk(full);
        else read[path.relative(folder, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
      }
    };
    walk(folder);
    files = read;
    folderTexts.set(folder, files);
  }
  return Object.fromEntries(Object.entries(files).map(([relative, text]) => [`${prefix}/${relative}`, text]));
}

/** Every rule fixture folder, one per rule id, sorted. */
export function ruleFixtureFolders(): string[] {
  return readdirSync(RULE_FIXTURES).filter((name) => statSync(path.join(RULE_FIXTURES, name)).isDirectory()).sort().map((name) => path.join(RULE_FIXTURES, name));
}

/**
 * Loads a fixture folder into a fresh in-memory file system rooted at `/kb`.
 * Each folder is read from disk once per process; every call gets its own
 * file system, so tests may write to it.
 */
export function loadFixtureKb(folder: string): InMemoryFileSystem {
  return new InMemoryFileSystem(folderFiles(folder));
}

let bundled: Promise<Knowledge> | undefined;

/** The knowledge of the bundled KB (`kb/` of the repository), built once per process. */
export function bundledKnowledge(): Promise<Knowledge> {
  bundled ??= new Engine({ fs: new InMemoryFileSystem(folderFiles(path.join(REPOSITORY_ROOT, 'kb'), '/bundled')), bundledRoot: '/bundled', today: () => FIXTURE_TODAY }).bundledKnowledge();
  return bundled;
}

/**
 * The findings of `rule` in every checked file of the KB on `fs` (rooted at
 * `/kb`), by path, as the engine reports them: with the bundled KB's
 * knowledge unless the fixture's `kb.config.json` sets `useBundledKb: false`.
 */
export async function checkWithRule(fs: InMemoryFileSystem, rule: AnyRuleLike): Promise<Map<string, Finding[]>> {
  const kb = await KnowledgeBase.load(fs, '/kb', await bundledKnowledge());
  return new Map(kb.checkedPaths().map((file) => [file, checkFile(kb, file, { rules: [rule], today: FIXTURE_TODAY })]));
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

/**
 * Applies the first fix of every finding of `rule`, file by file, in rounds
 * (an editor refuses overlapping edits, so what one round skips the next
 * applies) until no finding offers a fix or five rounds have run. Writes the
 * fixed texts to `fs` and returns the paths it changed.
 */
export async function fixAll(fs: InMemoryFileSystem, rule: AnyRuleLike): Promise<Set<string>> {
  const changed = new Set<string>();
  for (let round = 0; round < 5; round++) {
    let applied = false;
    for (const [file, findings] of await checkWithRule(fs, rule)) {
      const edits = findings.flatMap((finding) => finding.fixes?.[0]?.edits ?? []);
      if (edits.length === 0) continue;
      const before = (await fs.readText(file)) ?? '';
      const after = applyEdits(before, edits);
      if (after === before) continue;
      fs.write(file, after);
      changed.add(file);
      applied = true;
    }
    if (!applied) break;
  }
  return changed;
}
