import { setFlagsFromString } from 'node:v8';

/** How much V8 may grow the heap over the live data between full collections, in percent. */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Asks V8 to let the heap grow to at most 1.5 times the live data between
 * full garbage collections, for a process that parses a whole KB: the
 * language server (first thing), and `kb-lint` and its workers when the KB
 * is large (see `cli/large-kb.ts`). Does nothing when Node's command line
 * already sets `--heap-growing-percent` (Node refuses it in `NODE_OPTIONS`).
 *
 * Why: the Markdown parser allocates about 1 KB per character of text, and
 * a few percent of it lives just long enough to be promoted to the old
 * generation (about 480 MB per pass over the 10.7 MB corpus, for the bare
 * parser). While it does, V8 measures a high old-generation allocation rate
 * and grows the heap to up to four times the live data between full
 * collections: that garbage, not the data a KB keeps, made most of the
 * peak memory. Collecting earlier costs a few full collections more
 * (mostly done by V8's concurrent marker); `npm run bench` reports the
 * resulting time and memory.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  const given = execArgv.some((argument) => /^--heap[-_]growing[-_]percent\b/.test(argument));
  if (!given) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * Turns off V8's allocation-site pretenuring in a process that parses many
 * files, unless Node's command line decides it. Pretenuring moves the
 * allocations of a site whose objects outlived a few young-generation
 * collections straight to the old generation. The Markdown parser's tokens
 * and events live as long as the parse of their file: when a large file's
 * parse spans collections, V8 may decide to pretenure sites the parser calls
 * for every file afterwards, and from then on their garbage fills the old
 * generation. Measured on a cold `kb-lint` run of the 2,461-article corpus:
 * in three runs of four by default, the young-generation collections took
 * 3.4 to 3.6 s instead of 1.3 to 1.6 s, peak memory was 475 MB instead of
 * 270 to 300 MB, and the run took 3 to 5 s longer; with pretenuring off,
 * none of nine runs did.
 */
export function turnOffPretenuring(execArgv: readonly string[] = process.execArgv): void {
  const given = execArgv.some((argument) => /^--(no-)?allocation[-_]site[-_]pretenuring\b/.test(argument));
  if (!given) setFlagsFromString('--no-allocation-site-pretenuring');
}
