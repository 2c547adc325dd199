import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
// Only the parsers: a worker loads what it imports, and a replaced worker must be ready again soon.
import { DEFAULT_CONFIG } from '../core/config/config.js';
import type { MarkdownFile } from '../core/markdown/parse-markdown.js';
import { parseWithinLimits } from '../core/parse-file.js';
import { extname } from '../core/paths.js';
import type { FileKind } from '../core/types.js';

/** What a worker thread is given to know it is a parse worker of the language server (any script can host one). */
export const PARSE_WORKER_DATA = { kbParseWorker: true } as const;

/** A text to parse: `id` comes back in the answer once the parse is done. */
export interface ParseRequest {
  readonly id: number;
  readonly path: string;
  readonly text: string;
  /**
   * The text of a document being edited: parsed from the document's last
   * parse, as the engine re-parses an edit (only the blocks it touched), and
   * kept for its next edit.
   */
  readonly edited: boolean;
}

/** What the worker posts: `ready` once loaded and warmed up, then the id of each parse done. */
export type ParseAnswer = { readonly ready: true } | { readonly done: number };

/**
 * The kind a text is parsed as ahead of the engine, by its file's extension:
 * Markdown, Gherkin or YAML. Configuration (JSON) is parsed in linear time and
 * is not timed. The engine may give a file another kind of the same syntax
 * (an article or an include, a step catalog or a model); the parser is the
 * same, and the parse is what cannot be cut into slices.
 */
export function parseKindOf(path: string): FileKind | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === '.md') return 'article';
  if (extension === '.scenario') return 'scenario';
  if (extension === '.yml' || extension === '.yaml') return 'steps';
  return undefined;
}

/** Heap of a parse worker: a text the parser cannot take within it is reported like one that runs past the time budget. */
const PARSE_WORKER_HEAP_MB = 768;

/**
 * Young generation of a parse worker. The worker keeps almost nothing, and
 * the parser's garbage mostly dies young, so V8's default (about 48 MB of
 * semi-spaces on 64-bit machines) was mostly resident garbage: with 4 MB the
 * language server's peak RSS while indexing the 2,448-article corpus fell
 * from 338 MB to 282 MB (8 MB: 299 MB), for more, shorter scavenges in the
 * worker.
 */
const PARSE_WORKER_YOUNG_GENERATION_MB = 4;

/** Starts a parse worker running `script` (one that calls {@link runParseWorker}), its output kept off the protocol's stream. */
export function startParseWorker(script: string): Worker {
  return new Worker(script, {
    workerData: PARSE_WORKER_DATA,
    argv: [],
    stdout: true,
    resourceLimits: { maxOldGenerationSizeMb: PARSE_WORKER_HEAP_MB, maxYoungGenerationSizeMb: PARSE_WORKER_YOUNG_GENERATION_MB },
  });
}

/** Whether this thread was started as a parse worker (see {@link PARSE_WORKER_DATA}). */
export function isParseWorker(): boolean {
  return !isMainThread && (workerData as Partial<typeof PARSE_WORKER_DATA> | undefined)?.kbParseWorker === true;
}

const LOADED = { config: DEFAULT_CONFIG, problems: [] };

let running = false;

/** Documents being edited whose last parse is kept: a few, since editors send edits to the open ones. */
const MAX_EDITED = 32;

const WARM_UP_ARTICLE = `---\ntitle: Warm up\nms.date: 01/01/2025\n---\n# Warm up\n\n${'Some **text** with a [link](a.md#b), `code`, *emphasis* and <b>HTML</b>.\n\n- An item\n  > A quote\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n'.repeat(20)}`;

/** Texts of each syntax, parsed before the worker says it is ready. */
const WARM_UP: ReadonlyArray<readonly [string, string]> = [
  ['/warm-up.md', WARM_UP_ARTICLE],
  ['/warm-up.scenario', 'Feature: Warm up\n\n  Scenario: One\n    Given a step\n    When another step\n    Then a result\n'],
  ['/warm-up.yml', 'steps:\n  - id: one\n    phrasing: a step\n'],
];

/**
 * Runs the parse worker: parses each text it is sent with the engine's own
 * parsers and answers when done. It keeps nothing; the language server
 * times each parse and ends the worker when one runs past its budget.
 */
export function runParseWorker(): void {
  const port = parentPort;
  // Once per thread: in the single-file bundle both this module and the server's entry point start it.
  if (port === null || running) return;
  running = true;
  // Warm up the parsers first, so that no timed parse pays for loading and compiling them.
  for (const [path, text] of WARM_UP) parseWithinLimits(path, text, parseKindOf(path), LOADED, undefined);
  // The last parse of each document being edited, oldest first, so an edit costs here what it costs the engine.
  const edited = new Map<string, MarkdownFile>();
  port.on('message', (request: ParseRequest) => {
    const kind = parseKindOf(request.path);
    const base = request.edited ? edited.get(request.path) : undefined;
    edited.delete(request.path);
    const parsed = kind === undefined ? undefined : parseWithinLimits(request.path, request.text, kind, LOADED, base);
    if (request.edited && parsed?.kind === 'markdown') {
      edited.set(request.path, parsed);
      const oldest = edited.keys().next();
      if (edited.size > MAX_EDITED && oldest.done !== true) edited.delete(oldest.value);
    }
    port.postMessage({ done: request.id } satisfies ParseAnswer);
  });
  port.postMessage({ ready: true } satisfies ParseAnswer);
}

// Started as a worker of its own (the server compiled as modules), this module runs the worker at once.
if (isParseWorker()) runParseWorker();
