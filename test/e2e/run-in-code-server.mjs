// Runs the in-editor mocha suite (out/e2e/suite) inside code-server's extension host,
// with the repository as the extension under development: what @vscode/test-electron
// does with a desktop VS Code. The workbench takes extensionDevelopmentPath and
// extensionTestsPath from the `payload` query parameter of its URL and, when the
// suite ends, calls window.codeAutomationExit(code).
//
//   npm run build:e2e && npm run bundle && node test/e2e/run-in-code-server.mjs
//
// Prints the suite's report and a `N passed, N failed` line; exits 1 on any failure.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY, prepareWorkspace } from './prepare-workspace.mjs';
import { CODE_SERVER, createSandbox, launchChromium, progress, startCodeServer, within } from './code-server.mjs';

const TIMEOUT_MS = Number(process.env.KB_E2E_TIMEOUT ?? 180_000);
const tests = join(REPOSITORY, 'out', 'e2e', 'suite', 'index.js');
for (const [file, hint] of [[tests, 'npm run build:e2e'], [join(REPOSITORY, 'dist', 'extension.cjs'), 'npm run bundle'], [CODE_SERVER, 'bash test/e2e/install-code-server.sh']]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run ${hint} first`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const sandbox = createSandbox('suite');
const workspace = prepareWorkspace(sandbox.path('workspace'));
const report = join(sandbox.root, 'report.txt');
let server;
let browser;
let exitCode = 1;
try {
  server = await startCodeServer(sandbox, { env: { KB_E2E_REPORT: report } });
  progress(`code-server listening on ${server.url}`);
  browser = await launchChromium();
  const page = await browser.newPage();
  // Errors of the workbench and the extension host; missing web resources (icons) are noise.
  page.on('console', (message) => {
    const text = message.text();
    if (process.env.KB_E2E_VERBOSE || (message.type() === 'error' && !text.startsWith('Failed to load resource'))) console.log(`[workbench] ${text}`);
  });
  let resolveExit;
  const finished = new Promise((resolve) => {
    resolveExit = resolve;
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  const remote = (path) => `vscode-remote://${server.authority}${path}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', remote(REPOSITORY)], ['extensionTestsPath', remote(tests)]]);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
  const code = await within(TIMEOUT_MS, 'the extension host runs the suite', finished);
  progress(`suite finished, exit code ${code}`);
  const text = existsSync(report) ? readFileSync(report, 'utf8') : '';
  console.log(text.replace(/\n*\d+ passed, \d+ failed\n*$/, ''));
  const summary = /(\d+) passed, (\d+) failed\s*$/.exec(text);
  if (summary === null) throw new Error('the suite wrote no report: did the extension host load it?');
  exitCode = code === 0 && summary[2] === '0' && summary[1] !== '0' ? 0 : 1;
  console.log(`${summary[1]} passed, ${summary[2]} failed`);
} catch (error) {
  console.error(error);
  if (server) console.error(`--- code-server log ---\n${server.log()}`);
  console.log('0 passed, 1 failed');
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (process.env.KB_E2E_KEEP) console.log(`kept ${sandbox.root}`);
  else sandbox.remove();
}
process.exit(exitCode);
