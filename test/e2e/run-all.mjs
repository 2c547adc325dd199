// `npm run test:e2e`: the three real-client checks, one after the other, each in its
// own process: the in-editor suite in code-server's extension host, the UI check of
// the packaged extension in code-server, and the Neovim check. Expects the build,
// the bundle, the .vsix and the compiled suite (the npm script makes them).
// Arguments are passed to the UI check (--update-docs refreshes docs/images).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { REPOSITORY } from './prepare-workspace.mjs';

const RUNNERS = [
  { name: 'in-editor suite (code-server extension host)', script: 'run-in-code-server.mjs' },
  { name: 'UI check (code-server + Chromium)', script: 'run-ui-check.mjs', args: process.argv.slice(2) },
  { name: 'Neovim check (kb-language-server --stdio)', script: 'run-neovim-check.mjs' },
];

const results = [];
for (const runner of RUNNERS) {
  console.log(`\n== ${runner.name}`);
  const started = Date.now();
  const child = spawn(process.execPath, [join(REPOSITORY, 'test', 'e2e', runner.script), ...(runner.args ?? [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    process.stdout.write(chunk);
  });
  const [code] = await once(child, 'exit');
  const counts = [...output.matchAll(/^(\d+) passed, (\d+) failed/gm)].at(-1);
  results.push({ ...runner, code, seconds: (Date.now() - started) / 1000, passed: Number(counts?.[1] ?? 0), failed: Math.max(Number(counts?.[2] ?? 1), code === 0 ? 0 : 1) });
}

console.log('\n== real-editor tests');
for (const result of results) {
  console.log(`${result.code === 0 ? 'ok  ' : 'FAIL'} ${result.name}: ${result.passed} passed, ${result.failed} failed (${result.seconds.toFixed(1)} s)`);
}
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((result) => result.code === 0) ? 0 : 1);
