/**
 * The "slow input" mode of `npm run fuzz` (`--slow`): for each parser the
 * engine runs on KB files (Markdown with front matter, YAML front matter
 * alone, Gherkin scenarios, the YAML step catalog), mutates inputs toward
 * the highest parse time per byte, through the same limits the engine
 * applies before parsing. Growing a slice by copying it is the mutation that
 * exposes super-linear shapes; inserting and deleting tokens finds new ones.
 * Reports the slowest input found per parser, as time per byte against
 * ordinary text of the same parser, and fails when it is more than
 * {@link MAX_SLOWDOWN} times slower per byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseMarkdown } from '../../server/src/core/index.js';
import { parseLimitExceeded } from '../../server/src/core/limits.js';
import { parseScenarioFile } from '../../server/src/core/scenario/gherkin/scenario-file.js';
import { parseStepCatalog } from '../../server/src/core/scenario/steps/parse-catalog.js';
import { MARKDOWN_SHAPES } from './slow-shapes.js';
import { BUNDLED_KB_FOLDER } from './support.js';

/** Time per byte, relative to ordinary text, beyond which an input is reported as a failure. */
const MAX_SLOWDOWN = 30;
/** Largest input tried: big enough for a quadratic shape to stand out, small enough that one parse stays short. */
const MAX_LENGTH = 32 * 1024;
const POOL_SIZE = 8;
/**
 * Inputs shorter than this are charged as if they were this long: a fixed
 * cost per file (a few milliseconds) is no hazard, and time per byte of tiny
 * inputs is mostly that cost.
 */
const MIN_CHARGED_LENGTH = 4096;

interface Target {
  readonly name: string;
  /** Parses as the engine does, limits first. */
  readonly parse: (text: string) => void;
  /** Ordinary text of this kind: the baseline, and the first seed. */
  readonly ordinary: string;
  readonly seeds: readonly string[];
  readonly tokens: readonly string[];
}

const bundled = (relative: string): string => readFileSync(path.join(BUNDLED_KB_FOLDER, relative), 'utf8');
const guarded = (markdown: boolean, parse: (text: string) => void) => (text: string): void => {
  if (parseLimitExceeded(text, markdown) === undefined) parse(text);
};

const ARTICLE = bundled('articles/lync-mapi-com-server-prompt-outlook-closed.md');
const FRONT_MATTER = ARTICLE.slice(4, ARTICLE.indexOf('\n---', 4) + 1);
const parseGuardedMarkdown = guarded(true, (text) => parseMarkdown('/kb/a.md', text));

const TARGETS: readonly Target[] = [
  {
    name: 'markdown',
    parse: parseGuardedMarkdown,
    ordinary: ARTICLE,
    seeds: Object.values(MARKDOWN_SHAPES).map((shape) => shape.make(512)),
    tokens: ['*', '_', '**', '[', ']', '(', ')', '![', '](', '<', '>', '> ', '\n', '\n\n', '=', '-', '---\n', '`', '```\n', '"', ' ', '# ', '|', ':', '\\', '&amp;', '<!--', '-->', '1. ', '- ', '    ', '[^1]', 'http://x', '~~'],
  },
  {
    name: 'yaml front matter',
    // The YAML between the front matter fences, parsed as the engine parses an article's.
    parse: (text) => parseGuardedMarkdown(`---\n${text}---\n`),
    ordinary: FRONT_MATTER,
    seeds: ['a: b\n', 'list:\n  - a\n  - b\n'],
    tokens: ['&a ', '*a', '<<: ', '- ', ': ', '\n', '  ', '[', ']', '{', '}', ',', '"', "'", '? ', '|', '>', '#', '!!str ', '---', '...'],
  },
  {
    name: 'gherkin scenarios',
    parse: guarded(false, (text) => parseScenarioFile('/kb/a.scenario', text)),
    ordinary: bundled('scenarios/prompt-outlook-closed.scenario'),
    seeds: ['Feature: F\n  Scenario: S\n    Given a\n'],
    tokens: ['Feature: ', 'Scenario: ', 'Scenario Outline: ', 'Examples:\n', 'Given ', 'When ', 'Then ', 'And ', '| a |', '|', '<a>', '"""', '@tag ', '#', '\n', '  ', 'Rule: ', 'Background:\n'],
  },
  {
    name: 'step catalog',
    parse: guarded(false, (text) => parseStepCatalog(text, '/kb/steps/catalog.yaml')),
    ordinary: bundled('steps/catalog.yaml'),
    seeds: ['steps:\n  - phrase: a {x}\n'],
    tokens: ['{', '}', '{x}', '{y}', '- ', ': ', '\n', '  ', 'phrase: ', 'values: [a, b]', '|', '&a ', '*a', '"'],
  },
];

interface Scored {
  readonly text: string;
  readonly nsPerByte: number;
}

function nsPerByte(parse: (text: string) => void, text: string): number {
  const started = process.hrtime.bigint();
  try {
    parse(text);
  } catch {
    // A parser that throws is the other properties' business; here only time counts.
  }
  return Number(process.hrtime.bigint() - started) / Math.max(MIN_CHARGED_LENGTH, text.length);
}

/** Ordinary text repeated to `length`: the time per byte every input is compared with. */
function baseline(target: Target, length: number): number {
  const text = target.ordinary.repeat(Math.ceil(length / target.ordinary.length)).slice(0, length);
  return Math.min(...[0, 1, 2].map(() => nsPerByte(target.parse, text)));
}

function mutate(text: string, tokens: readonly string[], random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const choice = random();
  if (choice < 0.4 && text.length > 0) {
    // Copying a slice next to itself doubles a shape: what makes super-linear growth show.
    const start = Math.floor(random() * text.length);
    const end = Math.min(text.length, start + 1 + Math.floor(random() * Math.min(4096, text.length)));
    return (text.slice(0, end) + text.slice(start, end) + text.slice(end)).slice(0, MAX_LENGTH);
  }
  if (choice < 0.8) return (text.slice(0, at) + tokens[Math.floor(random() * tokens.length)] + text.slice(at)).slice(0, MAX_LENGTH);
  return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 16)));
}

/** Runs the slow-input search for `seconds` per parser; resolves to the number of parsers with an input beyond {@link MAX_SLOWDOWN}. */
export function fuzzSlowInputs(seconds: number, seed: number, only: string | undefined): number {
  const random = seededRandom(seed);
  let failed = 0;
  for (const target of TARGETS.filter((candidate) => only === undefined || candidate.name.includes(only))) {
    let pool: Scored[] = [target.ordinary, ...target.seeds].map((text) => ({ text, nsPerByte: nsPerByte(target.parse, text) }));
    const deadline = Date.now() + seconds * 1000;
    let tries = 0;
    while (Date.now() < deadline) {
      const parent = pool[Math.floor(random() * pool.length)]!;
      const text = mutate(parent.text, target.tokens, random);
      tries++;
      // Tiny inputs have noisy times per byte: they compete only once they are a few hundred bytes long.
      pool.push({ text, nsPerByte: text.length < 256 ? 0 : nsPerByte(target.parse, text) });
      pool = pool.sort((a, b) => b.nsPerByte - a.nsPerByte).slice(0, POOL_SIZE);
    }
    const worst = pool[0]!;
    // Measured again, against ordinary text of the same length, so one slow moment of the machine does not count.
    const again = Math.min(nsPerByte(target.parse, worst.text), nsPerByte(target.parse, worst.text));
    const slowdown = again / baseline(target, worst.text.length);
    const file = path.join(os.tmpdir(), `kb-fuzz-slow-${target.name.replace(/\W+/g, '-')}.txt`);
    writeFileSync(file, worst.text);
    const verdict = slowdown > MAX_SLOWDOWN ? 'FAIL ' : 'ok   ';
    if (slowdown > MAX_SLOWDOWN) failed++;
    process.stdout.write(`${verdict} slow inputs, ${target.name}: ${tries} tries; slowest ${worst.text.length} bytes at ${Math.round(again)} ns/byte, ${slowdown.toFixed(1)}× ordinary text (limit ${MAX_SLOWDOWN}×); saved in ${file}\n`);
  }
  return failed;
}

/** A small deterministic generator (mulberry32), so a run can be replayed with its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
