/**
 * The robustness properties, shared by the test suite (a few hundred runs)
 * and the longer fuzz run: each builds its input with the generators and
 * throws when the engine throws, a rule fails, or a range is unusable.
 */
import fc from 'fast-check';
import { automaticFix, Engine, type FileKind, type Finding, type Fix, InMemoryFileSystem, parseMarkdown, RULES, TextDocument } from '../../server/src/core/index.js';
import { parseScenarioFile } from '../../server/src/core/scenario/gherkin/scenario-file.js';
import type { AnyRule } from '../../server/src/core/rules/rule.js';
import { configFile, gherkinFile, type LineEndings, markdownFile, mutateBytes, mutateLines, stepCatalogFile, type Vocabulary, vocabularyOf } from './arbitraries.js';
import { assertSound, corpusSamples, FIXTURE_TODAY, KB_ROOT, KbUnderTest, rangeProblem } from './support.js';

/** A property with a name. */
export interface NamedProperty {
  readonly name: string;
  /** Runs the property (`numRuns` times, from `seed` when given); rejects with fast-check's report, which names the seed and the shrunk input. */
  check(parameters: fc.Parameters<unknown>): Promise<void>;
}

function named<T extends unknown[]>(name: string, property: fc.IProperty<T> | fc.IAsyncProperty<T>): NamedProperty {
  return { name, check: async (parameters) => fc.assert(property, parameters as fc.Parameters<T>) };
}

/** The KB the properties check generated files in, and the words they are made of. */
export interface PropertyContext {
  readonly kb: KbUnderTest;
  readonly vocabulary: Vocabulary;
  /** Articles of the KB checked again when a domain file (glossary, cause...) is generated: their rules read it. */
  readonly readers: readonly string[];
}

/** Loads the repository's KB and its vocabulary. */
export async function propertyContext(): Promise<PropertyContext> {
  const kb = await KbUnderTest.load();
  const vocabulary = vocabularyOf(kb.kb, RULES.map((rule) => rule.id));
  const readers = kb.kb.checkedPaths().filter((path) => kb.kb.kindOf(path) === 'article');
  return { kb, vocabulary, readers };
}

const ARTICLE = `${KB_ROOT}/articles/generated.md`;
const DOMAIN_PATHS = ['glossary/generated.md', 'remediations/generated.md', 'causes/generated.md', 'claims/generated.md'].map((path) => `${KB_ROOT}/${path}`);
const SCENARIO = `${KB_ROOT}/scenarios/generated.scenario`;
const CATALOG = `${KB_ROOT}/steps/generated.yaml`;

/** Checks `files` together with the readers of domain knowledge; throws on an unsound result. */
function checkSound(context: PropertyContext, files: Record<string, string>, withReaders: boolean): void {
  const results = context.kb.check(files);
  assertSound(results, files);
  if (!withReaders) return;
  // The generated domain files are still in place only during `check`, so the readers are checked in the same call.
  const readerFiles: Record<string, string> = { ...files };
  for (const reader of context.readers) readerFiles[reader] = context.kb.kb.textOf(reader) ?? '';
  assertSound(context.kb.check(readerFiles), readerFiles);
}

/** One of the engine's robustness properties, built on demand for a context. */
export interface EngineProperty {
  readonly name: string;
  /** Whether a run costs much more than others (it rebuilds the KB's knowledge), so fewer runs are made. */
  readonly costly: boolean;
  build(context: PropertyContext): NamedProperty;
}

function engineProperty<T extends unknown[]>(name: string, property: (context: PropertyContext) => fc.IProperty<T> | fc.IAsyncProperty<T>, costly = false): EngineProperty {
  return { name, costly, build: (context) => named(name, property(context)) };
}

const encoder = new TextEncoder();
const lenient = new TextDecoder('utf-8', { fatal: false });

/** Every property of the engine's robustness: no throw, no rule failure, no unusable range. */
export const ENGINE_PROPERTIES: readonly EngineProperty[] = [
  engineProperty('random Markdown articles', (context) => fc.property(markdownFile(context.vocabulary), (text) => checkSound(context, { [ARTICLE]: text }, false))),
  engineProperty('random Markdown as glossary, remediation, cause and claim files, and the articles that read them', (context) => fc.property(markdownFile(context.vocabulary), fc.constantFrom(...DOMAIN_PATHS), (text, path) => checkSound(context, { [path]: text }, true)), true),
  engineProperty('corpus articles with byte-level mutations', (context) => fc.property(fc.constantFrom(...corpusSamples().values()).chain((sample) => mutateBytes(encoder.encode(sample))), (bytes) => checkSound(context, { [ARTICLE]: lenient.decode(bytes) }, false))),
  engineProperty('corpus articles with line- and character-level mutations', (context) => fc.property(fc.constantFrom(...corpusSamples().values()).chain(mutateLines), (text) => checkSound(context, { [ARTICLE]: text }, false))),
  engineProperty('random Gherkin scenario files', (context) => fc.property(gherkinFile(context.vocabulary), (text) => checkSound(context, { [SCENARIO]: text }, false))),
  engineProperty('random step catalogs, and the scenarios matched against them', (context) => fc.property(stepCatalogFile, gherkinFile(context.vocabulary), (catalog, scenario) => checkSound(context, { [CATALOG]: catalog, [SCENARIO]: scenario }, false))),
  engineProperty('random kb.config.json', (context) => fc.asyncProperty(configFile, markdownFile(context.vocabulary), async (config, article) => {
    const files = { [`${KB_ROOT}/kb.config.json`]: config, [ARTICLE]: article, [`${KB_ROOT}/glossary/term.md`]: '---\nterm: Term\navoid: [term]\n---\n\nA term.\n' };
    const engine = new Engine({ fs: new InMemoryFileSystem(files), today: () => FIXTURE_TODAY });
    const kb = await engine.openKb(KB_ROOT);
    assertSound(engine.checkAll(kb), files);
  })),
];

/**
 * Edits applied one by one to an open article (as the language server does)
 * leave the same findings as a KB loaded fresh with the final text.
 */
export function incrementalProperty(context: PropertyContext): NamedProperty {
  const edit = fc.tuple(fc.nat(), fc.nat(40), markdownFile(context.vocabulary).map((text) => text.slice(0, 200)));
  const property = fc.asyncProperty(markdownFile(context.vocabulary), fc.array(edit, { minLength: 1, maxLength: 6 }), async (initial, edits) => {
    const kb = context.kb.kb;
    let text = initial;
    let incremental: Finding[] = [];
    const original = kb.textOf(ARTICLE);
    try {
      kb.setText(ARTICLE, text);
      context.kb.checkInPlace(ARTICLE);
      for (const [at, length, inserted] of edits) {
        const start = at % (text.length + 1);
        text = text.slice(0, start) + inserted + text.slice(Math.min(text.length, start + length));
        kb.setText(ARTICLE, text);
      }
      incremental = context.kb.checkInPlace(ARTICLE);
    } finally {
      kb.setText(ARTICLE, original);
    }
    const expected = (await KbUnderTest.load({ [ARTICLE]: text })).checkInPlace(ARTICLE);
    if (JSON.stringify(incremental) !== JSON.stringify(expected)) {
      throw new Error(`incremental findings differ from a fresh check:\n${JSON.stringify(incremental)}\n${JSON.stringify(expected)}`);
    }
  });
  return named('edits applied one by one give the findings of a fresh check', property);
}

/**
 * How badly the file at `path` parses: syntax errors of a scenario file;
 * for Markdown, the front matter's problems, or one when it has none. A fix
 * must never raise it. (Counted on the parse, not on findings, which
 * suppression comments hide by line.)
 */
export function parseProblems(path: string, text: string): number {
  if (path.endsWith('.scenario')) return parseScenarioFile(path, text).errors.length;
  const frontMatter = parseMarkdown(path, text).frontMatter;
  return frontMatter === undefined ? 1 : frontMatter.problems.length;
}

/** Applies the edits of `fixes`, all or nothing per fix: a fix whose edits overlap an earlier fix's is left for the next round. */
export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const document = new TextDocument('/fixed', text);
  const taken: Array<{ start: number; end: number; newText: string }> = [];
  for (const fix of fixes) {
    const spans = fix.edits.map((edit) => ({ start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end), newText: edit.newText }));
    // Two insertions at one offset overlap too: their order would decide the result.
    if (spans.some((span) => taken.some((other) => (span.start < other.end && other.start < span.end) || span.start === other.start))) continue;
    taken.push(...spans);
  }
  let result = text;
  for (const span of taken.sort((a, b) => b.start - a.start)) result = result.slice(0, span.start) + span.newText + result.slice(span.end);
  return result;
}

/**
 * Why the edits of `fix` cannot be applied to `text` exactly as written, or
 * `undefined` when they can: every position exists (no clamping, nothing
 * inside a CRLF), the edits do not overlap, so any editor changes the same
 * characters and nothing outside the edit ranges; and inserted line breaks
 * are the file's own.
 */
export function fixProblem(fix: Fix, text: string): string | undefined {
  const document = new TextDocument('/fixed', text);
  for (const edit of fix.edits) {
    const problem = rangeProblem(edit.range, document);
    if (problem !== undefined) return `an edit of "${fix.title}" has ${problem}`;
  }
  const spans = fix.edits.map((edit) => [document.offsetAt(edit.range.start), document.offsetAt(edit.range.end)] as const).sort((a, b) => a[0] - b[0]);
  if (spans.some((span, index) => index > 0 && span[0] < (spans[index - 1]?.[1] ?? 0))) return `the edits of "${fix.title}" overlap`;
  const breaks = text.match(/\r\n|\r|\n/g) ?? [];
  const inserted = fix.edits.flatMap((edit) => edit.newText.match(/\r\n|\r|\n/g) ?? []);
  if (breaks.length > 0 && breaks.every((value) => value === '\r\n') && inserted.some((value) => value !== '\r\n')) return `"${fix.title}" inserts LF line breaks into a CRLF file`;
  if (breaks.length > 0 && breaks.every((value) => value === '\n') && inserted.some((value) => value !== '\n')) return `"${fix.title}" inserts CR line breaks into an LF file`;
  return undefined;
}

/**
 * Checks the fixes `ruleId` offers for `text` (checked by `check`): each is
 * well formed, changes the text, removes the finding it belongs to and adds no
 * parse problem on its own; applied round after round they converge to a
 * text where the rule offers no fix (so applying again changes nothing) and
 * that parses as well as the original. Throws on a violation; returns the
 * fixed text.
 */
export function checkFixes(path: string, check: (text: string) => readonly Finding[], text: string, ruleId: string): string {
  const before = check(text);
  const parsedBefore = parseProblems(path, text);
  const ofRule = (findings: readonly Finding[]): Finding[] => findings.filter((finding) => finding.ruleId === ruleId);
  const fixable = (findings: readonly Finding[]): Finding[] => ofRule(findings).filter((finding) => (finding.fixes?.length ?? 0) > 0);
  const describe = (what: string, subject: string): Error => new Error(`${ruleId}: ${what}\n--- text ---\n${JSON.stringify(subject)}`);

  for (const finding of fixable(before)) {
    for (const fix of finding.fixes ?? []) {
      const problem = fixProblem(fix, text);
      if (problem !== undefined) throw describe(problem, text);
      const fixed = applyFixes(text, [fix]);
      if (fixed === text) throw describe(`"${fix.title}" changes nothing`, text);
      const after = check(fixed);
      // Findings move when text is inserted, and a fix may reveal another finding of the rule: the fixed one is known by its message.
      const same = (findings: readonly Finding[]): number => ofRule(findings).filter((other) => other.message === finding.message).length;
      if (same(after) >= same(before)) throw describe(`"${fix.title}" does not remove the finding "${finding.message}"`, fixed);
      if (parseProblems(path, fixed) > parsedBefore) throw describe(`"${fix.title}" breaks the file`, fixed);
    }
  }

  let current = text;
  for (let round = 0; round < 6; round++) {
    const findings = check(current);
    const remaining = fixable(findings);
    if (remaining.length === 0) {
      if (parseProblems(path, current) > parsedBefore) throw describe('the fixed text no longer parses', current);
      return current;
    }
    current = applyFixes(current, remaining.map((finding) => automaticFix(finding) ?? finding.fixes?.[0]).filter((fix): fix is Fix => fix !== undefined));
  }
  throw describe('fixes do not converge: the rule still offers fixes after six rounds', current);
}

/** Where generated files of each kind go, so that rules of that kind check them. */
const PATH_OF_KIND: Readonly<Partial<Record<FileKind, string>>> = {
  article: ARTICLE,
  glossary: `${KB_ROOT}/glossary/generated.md`,
  remediation: `${KB_ROOT}/remediations/generated.md`,
  cause: `${KB_ROOT}/causes/generated.md`,
  claim: `${KB_ROOT}/claims/generated.md`,
  scenario: SCENARIO,
};

const FIXABLE_LINE_ENDINGS = fc.constantFrom<LineEndings>('lf', 'crlf');

/** For a fixable rule: generated files of its kind satisfy {@link checkFixes}. */
export function fixProperty(context: PropertyContext, rule: AnyRule): NamedProperty {
  // A rule of several kinds is exercised on the first.
  const kind = [rule.appliesTo].flat()[0];
  const path = kind === undefined ? undefined : PATH_OF_KIND[kind];
  if (path === undefined) throw new Error(`no generated files of kind ${String(rule.appliesTo)}`);
  // Fixes insert LF or CRLF line breaks, the file's own; a file ending its lines with lone CRs is checked right but fixed with LFs.
  const files = kind === 'scenario' ? gherkinFile(context.vocabulary, FIXABLE_LINE_ENDINGS) : markdownFile(context.vocabulary, FIXABLE_LINE_ENDINGS);
  const check = (text: string): Finding[] => context.kb.check({ [path]: text }).get(path) ?? [];
  return named(`fixes of ${rule.id} on generated files`, fc.property(files, (text) => {
    checkFixes(path, check, text, rule.id);
  }));
}
