/**
 * Parses a `.scenario` file with the reference Gherkin parser and turns its
 * AST into plain data with LSP ranges (zero-based lines, UTF-16 characters),
 * which is all the rules, hovers and completion need.
 *
 * The parser is tolerant: its errors come back as data, and whatever
 * document it could build is kept. When it gives up (more than ten errors, or
 * an error that leaves no document), the file is parsed again with the
 * offending lines blanked out; a file without a `Feature:` line is parsed as
 * if it had one, so its scenarios are still checked.
 */
import { AstBuilder, GherkinClassicTokenMatcher, Parser, dialects } from '@cucumber/gherkin';
import type {
  Background as GherkinBackground,
  GherkinDocument,
  Location,
  Scenario as GherkinScenario,
  Step as GherkinStep,
  TableRow as GherkinTableRow,
  Tag as GherkinTag,
} from '@cucumber/messages';
import { TextDocument } from '../text-document.js';
import type { Range } from '../types.js';

/** A syntax error at the parser's position. */
export interface ScenarioSyntaxError {
  readonly message: string;
  readonly range: Range;
}

/** A tag such as `@article:outlook-anywhere`, with the range of its name. */
export interface ParsedTag {
  readonly name: string;
  readonly range: Range;
}

/** How a step's keyword positions it; `conjunction` is And/But, `unknown` is `*`. */
export type StepKeywordType = 'context' | 'action' | 'outcome' | 'conjunction' | 'unknown';

/** One step. */
export interface ParsedStep {
  /** The keyword as written, without trailing space (`Given`, `And`, `*`). */
  readonly keyword: string;
  readonly keywordType: StepKeywordType;
  /** The keyword type with And/But/`*` resolved from the previous step; `unknown` when nothing precedes. */
  readonly effectiveKeywordType: Exclude<StepKeywordType, 'conjunction'>;
  readonly text: string;
  /** From the keyword to the end of the text. */
  readonly range: Range;
  readonly keywordRange: Range;
  readonly textRange: Range;
  /** The whitespace before the keyword, for inserting sibling steps. */
  readonly indent: string;
  /** The last line of the step, after its data table or doc string. */
  readonly endLine: number;
}

/** One table cell, with the range of its text. */
export interface ParsedCell {
  readonly value: string;
  readonly range: Range;
}

/** One table row, from its first to its last `|`. */
export interface ParsedTableRow {
  readonly cells: readonly ParsedCell[];
  readonly range: Range;
}

/** An `Examples:` block of a Scenario Outline. */
export interface ParsedExamples {
  readonly keyword: string;
  readonly name: string;
  readonly tags: readonly ParsedTag[];
  /** The `Examples:` line. */
  readonly range: Range;
  readonly header: ParsedTableRow | undefined;
  readonly rows: readonly ParsedTableRow[];
}

/** A Scenario or Scenario Outline. */
export interface ParsedScenario {
  readonly keyword: string;
  readonly name: string;
  /** Whether the scenario has Examples or is written with an outline keyword. */
  readonly isOutline: boolean;
  readonly tags: readonly ParsedTag[];
  /** The title line, from the keyword to the end of the name. */
  readonly range: Range;
  readonly keywordRange: Range;
  readonly nameRange: Range;
  readonly description: string;
  /** The Background steps that run before this scenario (the feature's, then its rule's). */
  readonly backgroundSteps: readonly ParsedStep[];
  readonly steps: readonly ParsedStep[];
  readonly examples: readonly ParsedExamples[];
  /** The last line of the scenario's content (its description, a step, or a row of its last Examples). */
  readonly endLine: number;
  /** The name of the `Rule:` the scenario belongs to, if any. */
  readonly rule: string | undefined;
}

/** A `Background:` block. */
export interface ParsedBackground {
  readonly keyword: string;
  readonly name: string;
  readonly range: Range;
  readonly steps: readonly ParsedStep[];
}

/** The `Feature:` header. */
export interface ParsedFeature {
  readonly keyword: string;
  readonly name: string;
  readonly tags: readonly ParsedTag[];
  readonly description: string;
  readonly range: Range;
  readonly nameRange: Range;
  readonly language: string;
}

/** A comment line. */
export interface ParsedComment {
  readonly text: string;
  readonly range: Range;
}

/** A parsed scenario file: what could be built, and the syntax errors. */
export interface ParsedScenarioFile {
  /** `undefined` when the file has no feature (e.g. it is empty). */
  readonly feature: ParsedFeature | undefined;
  readonly backgrounds: readonly ParsedBackground[];
  /** Every scenario, including those inside `Rule:` blocks, in file order. */
  readonly scenarios: readonly ParsedScenario[];
  readonly comments: readonly ParsedComment[];
  readonly errors: readonly ScenarioSyntaxError[];
}

/**
 * Parses the text of a `.scenario` file. Never throws: syntax errors are
 * returned in `errors`, and the structure holds everything the parser could
 * recover.
 */
export function parseScenario(original: string): ParsedScenarioFile {
  const document = new TextDocument('', original);
  // Gherkin ends lines at LF only; a lone CR ends one for editors and for the document's positions. Same length, same offsets.
  const text = original.replace(/\r(?!\n)/g, '\n');
  const errors = new ErrorList(document);
  let attempt = parseOnce(text);
  attempt.errors.forEach((error) => errors.add(error, 0));
  let source = text;
  for (let round = 0; attempt.fatal && round < 5; round++) {
    const lines = new Set(errors.lines());
    source = source.split('\n').map((line, index) => (lines.has(index) ? '' : line)).join('\n');
    attempt = parseOnce(source);
    attempt.errors.forEach((error) => errors.add(error, 0));
  }
  let lineShift = 0;
  if (attempt.document?.feature === undefined && firstContentLine(document) !== undefined && lacksFeatureLine(text)) {
    const withFeature = parseOnce(`Feature:\n${text}`);
    if (withFeature.document?.feature !== undefined) {
      errors.clear();
      errors.addAt(firstContentLine(document) ?? 0, 'Missing "Feature:" line: a scenario file starts with "Feature: <name>" before its scenarios.');
      withFeature.errors.forEach((error) => errors.add(error, -1));
      attempt = withFeature;
      lineShift = -1;
    }
  }
  const builder = new DocumentConverter(document, lineShift);
  return { ...builder.convert(attempt.document), errors: errors.list() };
}

interface RawError {
  readonly message: string;
  readonly location: Partial<Location> | undefined;
}

interface Attempt {
  readonly document: GherkinDocument | undefined;
  readonly errors: readonly RawError[];
  /** Whether the parser gave up before the end, so blanking lines may recover more. */
  readonly fatal: boolean;
}

function parseOnce(source: string): Attempt {
  let counter = 0;
  const builder = new AstBuilder(() => String(counter++));
  const parser = new Parser(builder, new GherkinClassicTokenMatcher());
  try {
    return { document: parser.parse(source), errors: [], fatal: false };
  } catch (error) {
    const errors = rawErrors(error);
    let document: GherkinDocument | undefined;
    try {
      document = builder.getResult() as GherkinDocument | undefined;
    } catch {
      document = undefined;
    }
    const fatal = errors.length > 10 || document === undefined || errors.some((raw) => raw.location === undefined);
    return { document, errors, fatal };
  }
}

function rawErrors(error: unknown): RawError[] {
  const nested = (error as { errors?: unknown }).errors;
  const list = Array.isArray(nested) && nested.length > 0 ? nested : [error];
  return list.map((item: unknown) => {
    const location = (item as { location?: Partial<Location> }).location;
    const message = item instanceof Error ? item.message : String(item);
    return { message, location: location?.line === undefined ? undefined : location };
  });
}

/** Collects errors once per line and message, as ranges of the original text. */
class ErrorList {
  private readonly errors: ScenarioSyntaxError[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly document: TextDocument) {}

  add(raw: RawError, lineShift: number): void {
    // An error at the end of the file is placed on the line after the last one: keep it on the last.
    const line = raw.location?.line === undefined ? undefined : Math.min(raw.location.line - 1 + lineShift, this.document.lineCount - 1);
    if (line !== undefined && line < 0) return;
    const message = friendlyMessage(raw.message);
    if (line === undefined) {
      const end = this.document.positionAt(this.document.text.length);
      this.push({ message, range: { start: { line: 0, character: 0 }, end } });
      return;
    }
    const lineText = this.document.lineText(line);
    const column = raw.location?.column;
    const start = column === undefined || column < 1 ? 0 : utf16Index(lineText, column - 1);
    const end = Math.max(start, lineText.trimEnd().length);
    this.push({ message, range: { start: { line, character: start }, end: { line, character: end } } });
  }

  addAt(line: number, message: string): void {
    const lineText = this.document.lineText(line);
    const start = lineText.length - lineText.trimStart().length;
    this.push({ message, range: { start: { line, character: start }, end: { line, character: lineText.trimEnd().length } } });
  }

  clear(): void {
    this.errors.length = 0;
    this.keys.clear();
  }

  lines(): number[] {
    return this.errors.map((error) => error.range.start.line);
  }

  list(): ScenarioSyntaxError[] {
    return [...this.errors].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }

  private push(error: ScenarioSyntaxError): void {
    const key = `${error.range.start.line}:${error.message}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.errors.push(error);
  }
}

const TOKEN_NAMES: Readonly<Record<string, string | undefined>> = {
  '#StepLine': 'a step (Given, When, Then, And, But)',
  '#TableRow': 'a table row',
  '#DocStringSeparator': 'a doc string (""")',
  '#TagLine': 'a tag',
  '#ExamplesLine': '"Examples:"',
  '#ScenarioLine': '"Scenario:"',
  '#RuleLine': '"Rule:"',
  '#BackgroundLine': '"Background:"',
  '#FeatureLine': '"Feature:"',
  '#Language': 'a "# language:" line',
  '#Other': 'description text',
};

const GOT = ", got '";

/** Rewrites the parser's token jargon into words a writer knows; the position stays the parser's. */
function friendlyMessage(message: string): string {
  const text = message.replace(/^\(\d+:\d+\):\s*/, '');
  const unexpected = /^(unexpected end of file, )?expected: /.exec(text);
  if (unexpected !== null) {
    // Split with indexOf, not a lazy regex: the "got" part quotes a line of the file, which may be huge.
    const rest = text.slice(unexpected[0].length);
    const gotAt = rest.indexOf(GOT);
    const hasGot = gotAt !== -1 && rest.length > gotAt + GOT.length && rest.endsWith("'");
    const expected = (hasGot ? rest.slice(0, gotAt) : rest)
      .split(', ')
      .map((token) => TOKEN_NAMES[token])
      .filter((name): name is string => name !== undefined);
    const got = hasGot ? rest.slice(gotAt + GOT.length, -1) : '';
    const found = unexpected[1] !== undefined ? 'Unexpected end of file' : got.includes('"') ? `Unexpected '${got}'` : `Unexpected "${got}"`;
    return expected.length === 0 ? `${found}.` : `${found}: expected ${joinOr(expected)}.`;
  }
  if (/^inconsistent cell count/.test(text)) return 'Inconsistent cell count within the table: every row needs as many cells as the first.';
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

/** Whether no line starts with a Feature keyword of the file's language. */
function lacksFeatureLine(text: string): boolean {
  const language = /^\s*#\s*language\s*:\s*([\w-]+)/m.exec(text)?.[1] ?? 'en';
  const keywords = dialects[language]?.feature ?? dialects.en?.feature ?? ['Feature'];
  return !text.split('\n').some((line) => keywords.some((keyword) => line.trimStart().startsWith(`${keyword}:`)));
}

/** The first line that is not blank, a comment or tags; `undefined` when there is none. */
function firstContentLine(document: TextDocument): number | undefined {
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineText(line).trim();
    if (text !== '' && !text.startsWith('#') && !text.startsWith('@')) return line;
  }
  return undefined;
}

/** The UTF-16 index of the code point at `codePoints` in `text` (the parser counts code points). */
function utf16Index(text: string, codePoints: number): number {
  let index = 0;
  for (let count = 0; count < codePoints && index < text.length; count++) {
    const code = text.codePointAt(index) ?? 0;
    index += code > 0xffff ? 2 : 1;
  }
  return Math.min(index, text.length);
}

/** Converts the Gherkin AST to {@link ParsedScenarioFile} data. */
class DocumentConverter {
  constructor(
    private readonly document: TextDocument,
    private readonly lineShift: number,
  ) {}

  convert(gherkin: GherkinDocument | undefined): Omit<ParsedScenarioFile, 'errors'> {
    const comments = (gherkin?.comments ?? [])
      .map((comment) => ({ text: comment.text.trim(), line: this.line(comment.location) }))
      .filter((comment) => comment.line >= 0)
      .map((comment) => ({ text: comment.text, range: this.lineRange(comment.line) }));
    const feature = gherkin?.feature;
    if (feature === undefined) return { feature: undefined, backgrounds: [], scenarios: [], comments };
    const backgrounds: ParsedBackground[] = [];
    const scenarios: ParsedScenario[] = [];
    const outlineKeywords = dialects[feature.language]?.scenarioOutline ?? [];
    const visit = (
      children: readonly { background?: GherkinBackground; scenario?: GherkinScenario; rule?: { name: string; children: readonly { background?: GherkinBackground; scenario?: GherkinScenario }[] } }[],
      inherited: readonly ParsedStep[],
      rule: string | undefined,
    ): void => {
      let backgroundSteps = inherited;
      for (const child of children) {
        if (child.background !== undefined) {
          const background = this.background(child.background);
          backgrounds.push(background);
          backgroundSteps = [...inherited, ...background.steps];
        } else if (child.scenario !== undefined) {
          scenarios.push(this.scenario(child.scenario, backgroundSteps, rule, outlineKeywords));
        } else if (child.rule !== undefined) {
          visit(child.rule.children, backgroundSteps, child.rule.name);
        }
      }
    };
    visit(feature.children, [], undefined);
    const featureLine = this.line(feature.location);
    return {
      feature: {
        keyword: feature.keyword,
        name: feature.name,
        tags: this.tags(feature.tags),
        description: feature.description,
        range: this.titleRange(featureLine, feature.location, feature.name),
        nameRange: this.nameRange(featureLine, feature.name),
        language: feature.language,
      },
      backgrounds,
      scenarios,
      comments,
    };
  }

  private background(background: GherkinBackground): ParsedBackground {
    const line = this.line(background.location);
    return {
      keyword: background.keyword,
      name: background.name,
      range: this.titleRange(line, background.location, background.name),
      steps: this.steps(background.steps),
    };
  }

  private scenario(
    scenario: GherkinScenario,
    backgroundSteps: readonly ParsedStep[],
    rule: string | undefined,
    outlineKeywords: readonly string[],
  ): ParsedScenario {
    const line = this.line(scenario.location);
    const steps = this.steps(scenario.steps);
    const examples = scenario.examples.map((block): ParsedExamples => {
      const examplesLine = this.line(block.location);
      return {
        keyword: block.keyword,
        name: block.name,
        tags: this.tags(block.tags),
        range: this.titleRange(examplesLine, block.location, block.name),
        header: block.tableHeader === undefined ? undefined : this.row(block.tableHeader),
        rows: block.tableBody.map((row) => this.row(row)),
      };
    });
    const lastLines = [
      line,
      this.descriptionEnd(line, scenario.description),
      ...steps.map((step) => step.endLine),
      ...examples.flatMap((block) => [block.range.start.line, ...(block.header === undefined ? [] : [block.header.range.start.line]), ...block.rows.map((row) => row.range.start.line)]),
    ];
    const keywordStart = this.character(line, scenario.location);
    return {
      keyword: scenario.keyword,
      name: scenario.name,
      isOutline: examples.length > 0 || outlineKeywords.includes(scenario.keyword),
      tags: this.tags(scenario.tags),
      range: this.titleRange(line, scenario.location, scenario.name),
      keywordRange: this.span(line, keywordStart, keywordStart + scenario.keyword.length),
      nameRange: this.nameRange(line, scenario.name),
      description: scenario.description,
      backgroundSteps,
      steps,
      examples,
      endLine: Math.max(...lastLines),
      rule,
    };
  }

  private steps(steps: readonly GherkinStep[]): ParsedStep[] {
    let previous: ParsedStep['effectiveKeywordType'] = 'unknown';
    return steps.map((step) => {
      const line = this.line(step.location);
      const lineText = this.document.lineText(line);
      const keywordStart = this.character(line, step.location);
      const keyword = step.keyword.trimEnd();
      let textStart = keywordStart + step.keyword.length;
      while (textStart < lineText.length && /\s/.test(lineText[textStart] ?? '')) textStart++;
      const textEnd = Math.min(lineText.length, textStart + step.text.length);
      const keywordType = keywordTypeOf(step.keywordType);
      if (keywordType === 'context' || keywordType === 'action' || keywordType === 'outcome') previous = keywordType;
      return {
        keyword,
        keywordType,
        effectiveKeywordType: previous,
        text: step.text,
        range: this.span(line, keywordStart, textEnd),
        keywordRange: this.span(line, keywordStart, keywordStart + keyword.length),
        textRange: this.span(line, textStart, textEnd),
        indent: lineText.slice(0, keywordStart),
        endLine: this.stepEndLine(step, line),
      };
    });
  }

  private stepEndLine(step: GherkinStep, line: number): number {
    const rows = step.dataTable?.rows ?? [];
    const lastRow = rows[rows.length - 1];
    if (lastRow !== undefined) return this.line(lastRow.location);
    if (step.docString !== undefined) {
      const open = this.line(step.docString.location);
      const contentLines = step.docString.content === '' ? 0 : step.docString.content.split('\n').length;
      return Math.min(open + contentLines + 1, this.document.lineCount - 1);
    }
    return line;
  }

  private row(row: GherkinTableRow): ParsedTableRow {
    const line = this.line(row.location);
    const lineText = this.document.lineText(line);
    // The parser's cell columns mix code points (indent) with UTF-16 units (the rest), so cells are located from the text.
    const spans = cellSpans(lineText);
    const cells = row.cells.map((cell, index): ParsedCell => {
      const span = spans[index] ?? [lineText.length, lineText.length];
      return { value: cell.value, range: this.span(line, span[0], span[1]) };
    });
    const start = this.character(line, row.location);
    return { cells, range: this.span(line, start, lineText.trimEnd().length) };
  }

  private tags(tags: readonly GherkinTag[]): ParsedTag[] {
    return tags.map((tag) => {
      const line = this.line(tag.location);
      const start = this.character(line, tag.location);
      return { name: tag.name, range: this.span(line, start, start + tag.name.length) };
    });
  }

  /** The last line of the description below the title on `line` (the parser keeps its lines as written), or `line` without one. */
  private descriptionEnd(line: number, description: string): number {
    if (description.trim() === '') return line;
    const lines = description.split('\n');
    for (let candidate = line + 1; candidate < this.document.lineCount; candidate++) {
      if (this.document.lineText(candidate) === lines[0]) return candidate + lines.length - 1;
    }
    return line;
  }

  private titleRange(line: number, location: Location, name: string): Range {
    const start = this.character(line, location);
    const nameEnd = this.nameRange(line, name).end.character;
    return this.span(line, start, Math.max(nameEnd, start));
  }

  private nameRange(line: number, name: string): Range {
    const lineText = this.document.lineText(line);
    const colon = lineText.indexOf(':');
    const from = colon === -1 ? 0 : colon + 1;
    const start = name === '' ? lineText.trimEnd().length : lineText.indexOf(name, from);
    const safeStart = start === -1 ? lineText.trimEnd().length : start;
    return this.span(line, safeStart, safeStart + name.length);
  }

  private lineRange(line: number): Range {
    const text = this.document.lineText(line);
    return this.span(line, text.length - text.trimStart().length, text.trimEnd().length);
  }

  private line(location: Location): number {
    return location.line - 1 + this.lineShift;
  }

  private character(line: number, location: Location): number {
    return location.column === undefined ? 0 : utf16Index(this.document.lineText(line), location.column - 1);
  }

  private span(line: number, start: number, end: number): Range {
    return { start: { line, character: start }, end: { line, character: end } };
  }
}

function keywordTypeOf(type: string | undefined): StepKeywordType {
  switch (type) {
    case 'Context':
      return 'context';
    case 'Action':
      return 'action';
    case 'Outcome':
      return 'outcome';
    case 'Conjunction':
      return 'conjunction';
    default:
      return 'unknown';
  }
}

/** The `[start, end)` of each cell's trimmed raw text, between unescaped `|`s. */
function cellSpans(lineText: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let cellStart: number | undefined;
  for (let index = 0; index < lineText.length; index++) {
    const char = lineText[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (char !== '|') continue;
    if (cellStart !== undefined) {
      let start = cellStart;
      let end = index;
      while (start < end && CELL_SPACE.test(lineText[start] ?? '')) start++;
      while (end > start && CELL_SPACE.test(lineText[end - 1] ?? '')) end--;
      spans.push([start, end]);
    }
    cellStart = index + 1;
  }
  return spans;
}

/** The whitespace the parser trims around cell values. */
const CELL_SPACE = /[ \t\v\f\r\u0085\u00A0]/;

/**
 * The keyword to write before an inserted step in a file's language, with the
 * space the language wants after it (`Given `, `And `); never `* `. Falls
 * back to English for an unknown language.
 */
export function stepKeyword(language: string, kind: 'given' | 'and'): string {
  const keywords = (dialects[language] ?? dialects.en)?.[kind] ?? [];
  return keywords.find((keyword) => keyword.trim() !== '*') ?? (kind === 'given' ? 'Given ' : 'And ');
}
