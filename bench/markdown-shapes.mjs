#!/usr/bin/env node
// Measures how long the Markdown parser the engine uses (unified + remark-parse
// + remark-gfm + remark-frontmatter) takes on inputs of one shape at growing
// sizes, each parse in a child process with a time limit. Super-linear shapes
// show a time ratio above 2 when the size doubles.
//
//   node bench/markdown-shapes.mjs [shape ...] [--sizes=4,8,16] [--timeout=60]
//
// Run `npx tsc -b` first. Sizes are in KB. Without shapes, every shape is measured. Writes one line per
// run; `--json` prints the results as JSON at the end.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The shapes are the hostile-input tests' own (test/robustness/slow-shapes.ts): build first (npx tsc -b).
const { MARKDOWN_SHAPES } = await import(new URL('../out/test/robustness/slow-shapes.js', import.meta.url).href);

const PARSE = `
  const { unified } = await import('unified');
  const remarkParse = (await import('remark-parse')).default;
  const remarkGfm = (await import('remark-gfm')).default;
  const remarkFrontmatter = (await import('remark-frontmatter')).default;
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk;
  const started = process.hrtime.bigint();
  processor.parse(text);
  process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));
`;

/** Milliseconds to parse `text` in a fresh process, or `undefined` past `timeoutSeconds`. */
export function parseMilliseconds(text, timeoutSeconds) {
  try {
    const output = execFileSync(process.execPath, ['--input-type=module', '--eval', PARSE], {
      input: text, encoding: 'utf8', timeout: timeoutSeconds * 1000, cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['pipe', 'pipe', 'ignore'],
    });
    return Number(output);
  } catch {
    return undefined;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
  const sizes = option('sizes', '4,8,16').split(',').map(Number);
  const timeout = Number(option('timeout', '60'));
  const names = args.filter((arg) => !arg.startsWith('--'));
  const results = [];
  for (const name of names.length > 0 ? names : Object.keys(MARKDOWN_SHAPES)) {
    let previous;
    for (const kilobytes of sizes) {
      const text = MARKDOWN_SHAPES[name].make(kilobytes * 1024);
      const ms = parseMilliseconds(text, timeout);
      const ratio = previous !== undefined && ms !== undefined ? (ms / previous).toFixed(1) : '';
      console.log(`${name.padEnd(28)} ${String(kilobytes).padStart(5)} KB  ${ms === undefined ? `> ${timeout} s` : `${ms.toFixed(0).padStart(7)} ms`}  ${ratio ? `×${ratio}` : ''}`);
      results.push({ shape: name, kilobytes, milliseconds: ms ?? null });
      previous = ms;
      if (ms === undefined) break;
    }
  }
  if (args.includes('--json')) console.log(JSON.stringify(results));
}
