import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { MAX_BRACKET_DEPTH, MAX_EMPHASIS_RUNS, MAX_LAZY_LINES, MAX_OPEN_EMPHASIS, MAX_SETEXT_HEADINGS, slowShapeExcess } from '../../server/src/core/markdown/parse-limits.js';
import { MARKDOWN_SHAPES } from './slow-shapes.js';
import { REPOSITORY_ROOT } from './support.js';

const CORE = pathToFileURL(path.join(REPOSITORY_ROOT, 'out', 'server', 'src', 'core', 'index.js')).href;
/** A limit on the child's heap and time: a regression fails the test instead of hanging CI or exhausting the machine. */
const HEAP_MB = 256;
const TIMEOUT_MS = 120_000;

/** The `file-unreadable` messages of each article, checked by the engine in a child process with bounded heap and time. */
function checkInChild(articles: Readonly<Record<string, string>>): Promise<Record<string, string[]>> {
  const script = `
    import { Engine, InMemoryFileSystem } from ${JSON.stringify(CORE)};
    let input = '';
    process.stdin.setEncoding('utf8');
    for await (const chunk of process.stdin) input += chunk;
    const articles = JSON.parse(input);
    const files = { '/kb/kb.config.json': '{}' };
    for (const [name, text] of Object.entries(articles)) files['/kb/articles/' + name + '.md'] = text;
    const engine = new Engine({ fs: new InMemoryFileSystem(files), today: () => new Date() });
    const kb = await engine.openKb('/kb');
    const result = {};
    for (const name of Object.keys(articles)) {
      result[name] = engine.check(kb, '/kb/articles/' + name + '.md').filter((finding) => finding.ruleId === 'file-unreadable').map((finding) => finding.message);
    }
    process.stdout.write(JSON.stringify(result));
  `;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--input-type=module', '--eval', script], { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`the check did not finish within ${TIMEOUT_MS} ms and ${HEAP_MB} MB (${error.message})\n${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, string[]>);
    });
    child.stdin?.end(JSON.stringify(articles));
  });
}

describe('Markdown shapes the parser takes super-linear time on', () => {
  it('are reported as file-unreadable with the reason, within a time and memory limit', async () => {
    const slow = Object.entries(MARKDOWN_SHAPES).filter(([, shape]) => shape.slow);
    const results = await checkInChild(Object.fromEntries(slow.map(([name, shape]) => [name, shape.make(64 * 1024)])));
    for (const [name] of slow) assert.match(results[name]?.[0] ?? '', /the Markdown parser slows down steeply/, name);
  });

  it('are parsed as usual up to their limits', async () => {
    const atLimits = {
      setext: 'Title\n=====\n\n'.repeat(MAX_SETEXT_HEADINGS),
      lazy: `> Quoted\n${'lazy line\n'.repeat(MAX_LAZY_LINES)}`,
      nestedEmphasis: `${'*a '.repeat(MAX_OPEN_EMPHASIS)}${'b* '.repeat(MAX_OPEN_EMPHASIS)}\n`,
      emphasis: `${'**strong** and _emphasis_ '.repeat(MAX_EMPHASIS_RUNS / 4)}\n`,
      brackets: `${'['.repeat(MAX_BRACKET_DEPTH)}a${']'.repeat(MAX_BRACKET_DEPTH)}\n`,
      fenced: `\`\`\`\n${'*a [ '.repeat(10_000)}\n\`\`\`\n`,
    };
    const results = await checkInChild(atLimits);
    for (const name of Object.keys(atLimits)) assert.deepEqual(results[name], [], name);
  });

  it('points the finding at the line where a count goes over', () => {
    const text = `---\ntitle: T\n---\n\n${'Title\n---\n\n'.repeat(MAX_SETEXT_HEADINGS + 1)}`;
    assert.deepEqual(slowShapeExcess(text), { shape: 'setext headings', limit: MAX_SETEXT_HEADINGS, line: 4 + 3 * MAX_SETEXT_HEADINGS + 1, scope: 'file' });
  });

  const corpus = path.resolve(REPOSITORY_ROOT, '..', 'shared', 'corpus');
  it('never flags an article of the real corpus', { skip: existsSync(corpus) ? false : `no corpus at ${corpus}` }, () => {
    const flagged: string[] = [];
    let articles = 0;
    const walk = (folder: string): void => {
      for (const name of readdirSync(folder)) {
        if (name === '.git' || name === 'node_modules') continue;
        const full = path.join(folder, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.md')) {
          articles++;
          if (slowShapeExcess(readFileSync(full, 'utf8')) !== undefined) flagged.push(full);
        }
      }
    };
    walk(corpus);
    assert.ok(articles > 1000, `only ${articles} articles found`);
    assert.deepEqual(flagged, []);
  });
});
