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
import type { GherkinDocument, Location } from '@cucumber/messages';
import { TextDocument } from '../../text-document.js';
import { DocumentConverter, utf16Index } from './document-converter.js';
import type { ParsedScenarioFile, ScenarioSyntaxError } from './scenario-types.js';

export type * from './scenario-types.js';
export { stepKeyword } from './document-converter.js';

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
