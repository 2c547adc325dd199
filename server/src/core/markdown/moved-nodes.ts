import type { Node, Point, Position } from 'unist';

/**
 * Moving the nodes of a syntax tree by a number of characters and lines, and
 * telling whether a freshly parsed node is an old one moved: what an
 * incremental re-parse (`reparse-markdown.ts`) does to the blocks around the
 * span it parsed.
 */

/** `point` moved by `offset` characters and `line` lines. */
// Built field by field rather than spread: this runs for every node after the edit, and the parser's points have just these fields.
export function shiftPoint(point: Point, offset: number, line: number): Point {
  return { line: point.line + line, column: point.column, offset: point.offset === undefined ? undefined : point.offset + offset };
}

function shiftPosition(position: Position, offset: number, line: number): Position {
  return { start: shiftPoint(position.start, offset, line), end: shiftPoint(position.end, offset, line) };
}

/** Moves a freshly parsed node and its descendants (position objects are replaced, never changed, in case any are shared). */
export function shiftInPlace(node: Node, offset: number, line: number): void {
  if (node.position) node.position = shiftPosition(node.position, offset, line);
  const children = (node as { children?: Node[] }).children;
  if (children !== undefined) for (const child of children) shiftInPlace(child, offset, line);
}

/** A moved copy of a node of the previous tree, which stays untouched. */
export function shiftedCopy<T extends Node>(node: T, offset: number, line: number): T {
  const copy = { ...node };
  if (node.position) copy.position = shiftPosition(node.position, offset, line);
  const children = (node as { children?: Node[] }).children;
  if (children !== undefined) (copy as { children?: Node[] }).children = children.map((child) => shiftedCopy(child, offset, line));
  return copy;
}

/** Whether `parsed` is `old` moved by `offset` characters and `line` lines: same data, same positions after the move. */
export function sameShifted(old: unknown, parsed: unknown, offset: number, line: number): boolean {
  if (old === parsed) return true;
  if (typeof old !== 'object' || typeof parsed !== 'object' || old === null || parsed === null) return false;
  if (Array.isArray(old) !== Array.isArray(parsed)) return false;
  const oldRecord = old as Record<string, unknown>;
  const parsedRecord = parsed as Record<string, unknown>;
  const keys = Object.keys(oldRecord);
  if (keys.length !== Object.keys(parsedRecord).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(parsedRecord, key)) return false;
    const oldValue = oldRecord[key];
    const parsedValue = parsedRecord[key];
    if (key === 'position' && !Array.isArray(old)) {
      if (!samePosition(oldValue as Position | undefined, parsedValue as Position | undefined, offset, line)) return false;
    } else if (!sameShifted(oldValue, parsedValue, offset, line)) {
      return false;
    }
  }
  return true;
}

function samePosition(old: Position | undefined, parsed: Position | undefined, offset: number, line: number): boolean {
  if (old === undefined || parsed === undefined) return old === parsed;
  return sameShifted(shiftPosition(old, offset, line), parsed, 0, 0);
}
