/**
 * Where scenario findings go and how their fixes edit the file, shared by
 * the scenario rules: a finding about one Examples row points at the row,
 * and a fix that changes a step's meaning in one row edits the row's cell.
 */
import type { ReportedFinding } from '../rules/rule.js';
import type { TextDocument } from '../text-document.js';
import type { Range, TextEdit } from '../types.js';
import type { ResolvedStep, ScenarioRun } from './evaluate.js';

/** Where a finding about `step` in `run` points, and how its message starts. */
export interface FindingTarget {
  readonly range: Range;
  /** `In Examples row 12 ("remote | Basic"), ` for a row, else empty. */
  readonly prefix: string;
}

/**
 * The target of a finding about a step of a run: the Examples row when the
 * run is a row and `perRow` (verdicts) or the step depends on the row
 * (parameters), else the step's text.
 */
export function findingTarget(run: ScenarioRun, step: ResolvedStep, perRow: boolean): FindingTarget {
  if (run.row !== undefined && (perRow || step.substituted)) {
    const values = run.row.cells.map((cell) => cell.value).join(' | ');
    return { range: run.row.range, prefix: `In Examples row ${run.row.range.start.line + 1} ("${values}"), ` };
  }
  return { range: step.step.textRange, prefix: '' };
}

/**
 * The edit that makes `step` read `newText` in this run: the step's text
 * outside outlines; in an Examples row, the cell of the step's only
 * `<parameter>` when that gives `newText`. `undefined` when no edit can do it
 * without changing other rows.
 */
export function stepTextEdit(run: ScenarioRun, step: ResolvedStep, newText: string): TextEdit | undefined {
  if (run.row === undefined || !step.substituted) {
    return run.row === undefined ? { range: step.step.textRange, newText } : undefined;
  }
  const parameters = [...step.step.text.matchAll(/<([^<>]+)>/g)].map((match) => match[1] ?? '');
  const column = run.examples?.header?.cells.findIndex((cell) => cell.value === parameters[0]) ?? -1;
  const cell = run.row.cells[column];
  if (parameters.length !== 1 || cell === undefined) return undefined;
  const [before, after] = step.step.text.split(`<${parameters[0] ?? ''}>`);
  const lower = newText.toLowerCase();
  if (before === undefined || after === undefined || !lower.startsWith(before.toLowerCase()) || !lower.endsWith(after.toLowerCase())) return undefined;
  const value = newText.slice(before.length, newText.length - after.length);
  return value === '' || value.includes('|') ? undefined : { range: cell.range, newText: value };
}

/**
 * A `report` that drops repeats: a Background step, or a step without
 * parameters in an outline, is seen once per run but reported once.
 */
export function reportOnce(report: (finding: ReportedFinding) => void): (finding: ReportedFinding) => void {
  const seen = new Set<string>();
  return (finding) => {
    const key = `${finding.range.start.line}:${finding.range.start.character}:${finding.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(finding);
  };
}

/** A finding's message at `target`: the row prefix, then the message (lower-cased after a prefix). */
export function targetMessage(target: FindingTarget, message: string): string {
  return target.prefix === '' ? message : `${target.prefix}${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

/** Inserts `text` as a whole line before line `line` (after the last line when `line` is past the end). */
export function insertLineEdit(document: TextDocument, line: number, text: string): TextEdit {
  if (line < document.lineCount) {
    const position = { line, character: 0 };
    return { range: { start: position, end: position }, newText: `${text}${document.eol}` };
  }
  const end = document.positionAt(document.text.length);
  return { range: { start: end, end }, newText: `${document.text.endsWith('\n') || document.text === '' ? '' : document.eol}${text}${document.eol}` };
}
