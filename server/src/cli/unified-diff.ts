/** Lines of context around each change, as `diff -u` and `git diff` print. */
const CONTEXT = 3;

interface DiffLine {
  readonly kind: ' ' | '-' | '+';
  /** The line with its line break (`\n` or `\r\n`); the last line of a file may have none. */
  readonly text: string;
}

/**
 * A unified diff from `oldText` to `newText` of the file `name` (a path
 * relative to the working folder, printed as `a/name` and `b/name` so
 * `git apply` and `patch -p1` take it). Empty when the texts are equal.
 */
export function unifiedDiff(name: string, oldText: string, newText: string): string {
  if (oldText === newText) return '';
  const lines = diffLines(splitLines(oldText), splitLines(newText));
  const changed = lines.flatMap((line, index) => (line.kind === ' ' ? [] : [index]));
  const output = [`--- a/${name}\n`, `+++ b/${name}\n`];
  let groupStart = 0;
  for (let index = 1; index <= changed.length; index++) {
    const previous = changed[index - 1] ?? 0;
    const next = changed[index];
    if (next !== undefined && next - previous <= 2 * CONTEXT + 1) continue;
    const first = changed[groupStart] ?? 0;
    output.push(hunk(lines, Math.max(0, first - CONTEXT), Math.min(lines.length, previous + CONTEXT + 1)));
    groupStart = index;
  }
  return output.join('');
}

function hunk(lines: readonly DiffLine[], start: number, end: number): string {
  const before = lines.slice(0, start);
  const oldBefore = before.filter((line) => line.kind !== '+').length;
  const newBefore = before.filter((line) => line.kind !== '-').length;
  const body = lines.slice(start, end);
  const oldCount = body.filter((line) => line.kind !== '+').length;
  const newCount = body.filter((line) => line.kind !== '-').length;
  // An empty side is numbered by the line before it, as diff -u does.
  const header = `@@ -${oldCount === 0 ? oldBefore : oldBefore + 1},${oldCount} +${newCount === 0 ? newBefore : newBefore + 1},${newCount} @@\n`;
  return header + body.map((line) => (line.text.endsWith('\n')
    ? `${line.kind}${line.text}`
    : `${line.kind}${line.text}\n\\ No newline at end of file\n`)).join('');
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * The shortest edit script between two line lists (Myers' O(ND) algorithm):
 * fixes change few lines, so D stays small and so do time and memory.
 */
function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  const offset = a.length + b.length + 1;
  const trace: Int32Array[] = [];
  let v = new Int32Array(2 * offset + 1);
  let done = a.length === 0 && b.length === 0;
  for (let d = 0; !done && d <= a.length + b.length; d++) {
    trace.push(v);
    v = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && at(v, k - 1 + offset) < at(v, k + 1 + offset)) ? at(v, k + 1 + offset) : at(v, k - 1 + offset) + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + offset] = x;
      if (x >= a.length && y >= b.length) {
        done = true;
        break;
      }
    }
  }
  const script: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const previousV = trace[d] ?? v;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(previousV, k - 1 + offset) < at(previousV, k + 1 + offset)) ? k + 1 : k - 1;
    const previousX = at(previousV, previousK + offset);
    const previousY = previousX - previousK;
    for (; x > previousX && y > previousY; x--, y--) script.push({ kind: ' ', text: a[x - 1] ?? '' });
    if (x === previousX) script.push({ kind: '+', text: b[--y] ?? '' });
    else script.push({ kind: '-', text: a[--x] ?? '' });
  }
  for (; x > 0 && y > 0; x--, y--) script.push({ kind: ' ', text: a[x - 1] ?? '' });
  return script.reverse();
}

function at(values: Int32Array, index: number): number {
  return values[index] ?? 0;
}
