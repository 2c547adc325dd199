/**
 * Converts the reference Gherkin parser's AST to plain data with LSP ranges.
 */
import { dialects } from '@cucumber/gherkin';
import type {
  Background as GherkinBackground,
  GherkinDocument,
  Location,
  Scenario as GherkinScenario,
  Step as GherkinStep,
  TableRow as GherkinTableRow,
  Tag as GherkinTag,
} from '@cucumber/messages';
import type { TextDocument } from '../../text-document.js';
import type { Range } from '../../types.js';
import type { ParsedBackground, ParsedCell, ParsedExamples, ParsedScenario, ParsedScenarioFile, ParsedStep, ParsedTableRow, ParsedTag, StepKeywordType } from './scenario-types.js';

/** Converts the Gherkin AST to {@link ParsedScenarioFile} data. */
export class DocumentConverter {
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

/** The UTF-16 index of the code point at `codePoints` in `text` (the parser counts code points). */
export function utf16Index(text: string, codePoints: number): number {
  let index = 0;
  for (let count = 0; count < codePoints && index < text.length; count++) {
    const code = text.codePointAt(index) ?? 0;
    index += code > 0xffff ? 2 : 1;
  }
  return Math.min(index, text.length);
}
