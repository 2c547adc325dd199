import { cpus } from 'node:os';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { type MarkdownFile, markdownFileFromTree, parseMarkdown } from '../core/markdown/parse-markdown.js';
import { coveringEdit, reparseMarkdownWithOutcome, type TextChange } from '../core/markdown/reparse-markdown.js';

/**
 * Keystroke cost of the Markdown layer: a full parse of a long article
 * against an incremental re-parse after a one-character edit in its middle.
 * Articles are built by concatenating real corpus articles. A script, not a
 * test: it reports times and asserts nothing.
 *
 * Run: `node out/server/src/tools/bench-reparse.js [corpus folder]`
 * (default: `KB_BENCH_CORPUS`, else `../shared/corpus/officedocs-support`).
 */

/** Timings of one measurement, in milliseconds. */
export interface ReparseBenchRow {
  readonly name: string;
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
  readonly note?: string;
}

const SAMPLES = 50;
const WARM_UP = 10;
const PATH = '/kb/articles/long-article.md';
// Definitions make every re-parse a full one (references resolve file-wide); a long article of real prose rarely has them.
const DEFINITION = /^ {0,3}\[[^\]]+\]:|\[\^/m;
const FRONT_MATTER = /^---\r?\n[^]*?\r?\n---\r?\n/;

function summary(name: string, samples: readonly number[], note?: string): ReparseBenchRow {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number): number => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
  return { name, median: at(0.5), p95: at(0.95), min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0, ...(note === undefined ? {} : { note }) };
}

async function markdownFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) files.push(...(await markdownFiles(full)));
    else if (entry.isFile() && entry.name.endsWith('.md')) files.push(full);
  }
  return files.sort();
}

/** About `lines` lines of real articles: the first keeps its front matter, the others lose theirs. */
export async function longArticle(corpus: string, lines: number): Promise<string> {
  const parts: string[] = [];
  let count = 0;
  for (const file of await markdownFiles(corpus)) {
    if (count >= lines) break;
    const text = (await fs.readFile(file, 'utf8')).replace(/\r\n/g, '\n');
    if (!FRONT_MATTER.test(text) || DEFINITION.test(text)) continue;
    const part = parts.length === 0 ? text.trimEnd() : text.replace(FRONT_MATTER, '').trim();
    parts.push(part);
    count += part.split('\n').length + 1;
  }
  return `${parts.join('\n\n')}\n`;
}

/** The offset of a character of prose in the middle line (or the first prose line after it). */
export function middleOfProse(text: string): number {
  const lines = text.split('\n');
  let offset = lines.slice(0, lines.length >> 1).reduce((sum, line) => sum + line.length + 1, 0);
  for (let line = lines.length >> 1; line < lines.length; line++) {
    const content = lines[line] ?? '';
    if (/^[A-Za-z]\w* \w+/.test(content)) return offset + content.indexOf(' ');
    offset += content.length + 1;
  }
  return text.length >> 1;
}

/** Full parse against re-parse, alternately inserting and deleting one character in the middle of `text`. */
function measure(label: string, text: string): ReparseBenchRow[] {
  const at = middleOfProse(text);
  const withCharacter = `${text.slice(0, at)}x${text.slice(at)}`;
  const insert: TextChange = { start: at, end: at, newLength: 1 };
  const remove: TextChange = { start: at, end: at + 1, newLength: 0 };
  const lineCount = text.split('\n').length;
  const size = `${lineCount} lines, ${(text.length / 1000).toFixed(0)} KB`;

  const full: number[] = [];
  const reparse: number[] = [];
  const reparseWithoutChange: number[] = [];
  const derive: number[] = [];
  const spans: number[] = [];
  let file: MarkdownFile = parseMarkdown(PATH, text);
  for (let run = 0; run < WARM_UP + SAMPLES; run++) {
    const next = run % 2 === 0 ? withCharacter : text;
    const change = run % 2 === 0 ? insert : remove;

    let start = performance.now();
    parseMarkdown(PATH, next);
    const fullTime = performance.now() - start;

    start = performance.now();
    const outcome = reparseMarkdownWithOutcome(file, next, change);
    const reparseTime = performance.now() - start;

    start = performance.now();
    reparseMarkdownWithOutcome(file, next);
    const withoutChangeTime = performance.now() - start;

    start = performance.now();
    markdownFileFromTree(PATH, next, outcome.file.tree);
    const deriveTime = performance.now() - start;

    file = outcome.file;
    if (run < WARM_UP) continue;
    full.push(fullTime);
    reparse.push(reparseTime);
    reparseWithoutChange.push(withoutChangeTime);
    derive.push(deriveTime);
    spans.push(outcome.mode === 'incremental' ? outcome.span.end - outcome.span.start : next.length);
  }
  const span = summary('', spans).median;
  return [
    summary(`${label}: full parse`, full, size),
    summary(`${label}: reparse, one-character edit`, reparse, `span ${span} chars`),
    summary(`${label}: reparse, change found by comparing texts`, reparseWithoutChange),
    summary(`${label}: of which derived data (headings, links, prose...)`, derive),
  ];
}

/** Measures a 2,000-line and a 10,000-line article built from the corpus in `corpus`. */
export async function benchReparse(corpus: string): Promise<ReparseBenchRow[]> {
  const rows = measure('2,000 lines', await longArticle(corpus, 2_000));
  const text = await longArticle(corpus, 10_000);
  rows.push(...measure('10,000 lines', text));
  const changed = `${text.slice(0, text.length >> 1)}x${text.slice(text.length >> 1)}`;
  const covering: number[] = [];
  for (let run = 0; run < SAMPLES; run++) {
    const start = performance.now();
    coveringEdit(text, changed);
    covering.push(performance.now() - start);
  }
  rows.push(summary('10,000 lines: coveringEdit alone', covering));
  return rows;
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

async function main(): Promise<void> {
  const corpus = path.resolve(process.argv[2] ?? process.env.KB_BENCH_CORPUS ?? '../shared/corpus/officedocs-support');
  const rows = await benchReparse(corpus);
  const lines = [
    `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown'}, Node ${process.version}; ${SAMPLES} samples after ${WARM_UP} warm-up runs`,
    '',
    '| measurement | median ms | p95 ms | min ms | max ms | note |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((row) => `| ${row.name} | ${format(row.median)} | ${format(row.p95)} | ${format(row.min)} | ${format(row.max)} | ${row.note ?? ''} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
