// The packaged extension as a writer meets it: installs kb-authoring.vsix into a
// throwaway code-server, opens an article of the fixture KB in Chromium and checks
// what is on screen: the error squiggle and the status bar counts, the glossary
// definition in the hover of a term, a quick fix applied from the keyboard
// (Ctrl+. then Enter), the text and the Problems count after it, and a crash of the
// language server (killed), which the client announces and recovers from.
// Screenshots go to .e2e/screenshots (KB_E2E_SCREENSHOTS); with --update-docs the
// hover and Problems view shots are copied to docs/images.
//
//   npm run package && node test/e2e/run-ui-check.mjs [--update-docs]
//
// Every wait is a Playwright locator wait; the whole check is bounded by KB_E2E_TIMEOUT.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPOSITORY, prepareWorkspace } from './prepare-workspace.mjs';
import { CODE_SERVER, createSandbox, installVsix, launchChromium, progress, startCodeServer, within } from './code-server.mjs';

const VSIX = resolve(process.env.KB_VSIX ?? join(REPOSITORY, 'kb-authoring.vsix'));
const SCREENSHOTS = resolve(process.env.KB_E2E_SCREENSHOTS ?? join(REPOSITORY, '.e2e', 'screenshots'));
const TIMEOUT_MS = Number(process.env.KB_E2E_TIMEOUT ?? 180_000);
/** Longest wait for one thing to appear on screen. */
const STEP_MS = 60_000;
const ARTICLE = 'prompt-after-sign-in.md';
const ANCHOR_MESSAGE = 'No heading or anchor "#caus" in this file';
/** The extension's status bar item: extension id, then the item's id. Its text is "KB ⊗ 2 ⚠ 1". */
const KB_STATUS = '[id="kb-authoring.kb-authoring.kb.status"]';
/** VS Code's Problems item with these counts; it adds ", Infos: N" when there are infos. */
const problemsStatus = (errors, warnings) => `#status\\.problems[aria-label="Errors: ${errors}, Warnings: ${warnings}"], #status\\.problems[aria-label^="Errors: ${errors}, Warnings: ${warnings}, "]`;
/** What the client says when it restarts a crashed server. */
const RESTART_MESSAGE = 'The KB language server stopped unexpectedly and was restarted.';

/** Process ids of the extension's language servers in a sandbox: `server.cjs` run from its extensions folder (Linux `/proc`). */
function languageServerPids(root) {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((pid) => {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return command.includes(root) && command.includes('server.cjs');
    } catch {
      return false; // The process ended while it was looked at.
    }
  }).map(Number);
}

for (const [file, hint] of [[VSIX, 'npm run package'], [CODE_SERVER, 'bash test/e2e/install-code-server.sh']]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run ${hint} first`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}
mkdirSync(SCREENSHOTS, { recursive: true });

const checks = [];
/** Records one named check of the run; the first failure ends it. */
async function check(name, body) {
  try {
    await body();
    checks.push({ name, ok: true });
    progress(`ok   ${name}`);
  } catch (error) {
    checks.push({ name, ok: false });
    progress(`FAIL ${name}`);
    throw error;
  }
}

/** Error and warning counts as the KB status bar item shows them ("KB ⊗ 2 ⚠ 1"). */
async function kbCounts(item) {
  const label = (await item.innerText()).replace(/\s+/g, ' ').trim();
  const match = /^KB (\d+) (\d+)$/.exec(label);
  assert.ok(match, `KB status bar item reads "${label}"`);
  return { errors: Number(match[1]), warnings: Number(match[2]), label };
}

const sandbox = createSandbox('ui');
const workspace = prepareWorkspace(sandbox.path('workspace'));
const summary = /^summary: (.+)$/m.exec(readFileSync(join(workspace, 'glossary', 'ucmapi.md'), 'utf8'))?.[1];
let server;
let browser;
let page;
try {
  installVsix(sandbox, VSIX);
  progress('kb-authoring.vsix installed');
  server = await startCodeServer(sandbox, { folder: workspace });
  progress(`code-server listening on ${server.url}`);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(STEP_MS);
  page.on('pageerror', (error) => console.log(`[workbench] ${error.message}`));

  await within(TIMEOUT_MS, 'the UI check', (async () => {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor();

    const editor = page.locator('.editor-instance .monaco-editor').first();
    const errorSquiggles = editor.locator('.squiggly-error');
    const kbStatus = page.locator(KB_STATUS);
    let before;

    await check('opens an article of the KB from the Explorer', async () => {
      await page.getByRole('treeitem', { name: 'articles' }).click();
      await page.getByRole('treeitem', { name: ARTICLE }).click();
      await editor.locator('.view-lines').filter({ hasText: 'ucmapi.exe' }).waitFor();
    });

    await check('shows an error squiggle under the broken anchor and the KB counts in the status bar', async () => {
      await errorSquiggles.first().waitFor();
      assert.equal(await errorSquiggles.count(), 1, 'one error squiggle in the article');
      // Counted once the server has checked the whole KB (no "(checking...)" in its tooltip).
      await page.locator(`${KB_STATUS}:not([aria-label*="checking"])`).waitFor();
      before = await kbCounts(kbStatus);
      assert.ok(before.errors >= 1, `status bar counts errors: ${before.label}`);
      // VS Code's own Problems item agrees.
      await page.locator(problemsStatus(before.errors, before.warnings)).waitFor();
      console.log(`  status bar: ${before.label}, Problems: ${before.errors} errors, ${before.warnings} warnings`);
    });

    await check('shows the glossary definition when the mouse rests on "ucmapi.exe"', async () => {
      const line = editor.locator('.view-line').filter({ hasText: 'ucmapi.exe' }).first();
      // The exact box of the term: a DOM range over its characters, which the editor may split across spans.
      const box = await line.evaluate((element, needle) => {
        const walker = element.ownerDocument.createTreeWalker(element, 4);
        const nodes = [];
        let text = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          nodes.push({ node, start: text.length });
          text += node.textContent;
        }
        const index = text.indexOf(needle);
        if (index === -1) return null;
        const at = (offset) => {
          const entry = nodes.findLast((candidate) => candidate.start <= offset);
          return [entry.node, offset - entry.start];
        };
        const range = element.ownerDocument.createRange();
        range.setStart(...at(index));
        range.setEnd(...at(index + needle.length));
        const rect = range.getBoundingClientRect();
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      }, 'ucmapi.exe');
      assert.ok(box, 'the term is on screen');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      const hover = page.locator('.monaco-hover').filter({ hasText: summary });
      await hover.first().waitFor({ state: 'visible' });
      const text = await hover.first().innerText();
      assert.match(text, /ucmapi\.exe/);
      assert.ok(text.includes('Glossary entry'), text);
      await page.screenshot({ path: join(SCREENSHOTS, 'hover.png'), animations: 'disabled' });
    });

    const problemRow = page.locator('.markers-panel .monaco-list-row').filter({ hasText: ANCHOR_MESSAGE });
    await check('lists the broken anchor in the Problems view', async () => {
      await page.mouse.move(5, 400);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+M');
      await problemRow.first().waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'problems.png'), animations: 'disabled' });
    });

    await check('applies the quick fix with Ctrl+. and Enter', async () => {
      const squiggle = await errorSquiggles.first().boundingBox();
      assert.ok(squiggle);
      await page.mouse.click(squiggle.x + squiggle.width / 2, squiggle.y + squiggle.height / 2);
      await page.keyboard.press('Control+.');
      const focused = page.locator('.action-widget .monaco-list-row.focused');
      await focused.waitFor();
      assert.match(await focused.innerText(), /Change the anchor to "#cause"/);
      await page.screenshot({ path: join(SCREENSHOTS, 'quick-fix.png'), animations: 'disabled' });
      await page.keyboard.press('Enter');
      await editor.locator('.view-lines').filter({ hasText: '[the cause](#cause)' }).waitFor();
    });

    await check('clears the squiggle and lowers the Problems count', async () => {
      await errorSquiggles.first().waitFor({ state: 'detached' });
      await problemRow.first().waitFor({ state: 'detached' });
      await page.locator(problemsStatus(before.errors - 1, before.warnings)).waitFor();
      await page.locator(`${KB_STATUS}[aria-label*=": ${before.errors - 1} errors, ${before.warnings} warnings"]`).waitFor();
      const after = await kbCounts(kbStatus);
      assert.deepEqual([after.errors, after.warnings], [before.errors - 1, before.warnings], `status bar after the fix: ${after.label}`);
      console.log(`  status bar: ${after.label}, Problems: ${after.errors} errors, ${after.warnings} warnings`);
      await page.screenshot({ path: join(SCREENSHOTS, 'after-fix.png'), animations: 'disabled' });
    });

    await check('says so when the language server crashes, and the restarted one checks again', async () => {
      const [crashed, ...others] = languageServerPids(sandbox.root);
      assert.ok(crashed !== undefined && others.length === 0, `one language server of the sandbox (found ${[crashed, ...others].join(', ')})`);
      process.kill(crashed, 'SIGKILL');
      await page.locator('.notifications-toasts').filter({ hasText: RESTART_MESSAGE }).first().waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'server-restarted.png'), animations: 'disabled' });
      // Undo the quick fix: only a running server can put the squiggle back.
      await editor.locator('.view-lines').click();
      await page.keyboard.press('Control+Z');
      await editor.locator('.view-lines').filter({ hasText: '[the cause](#caus)' }).waitFor();
      await errorSquiggles.first().waitFor();
      const restarted = languageServerPids(sandbox.root);
      assert.ok(restarted.length === 1 && restarted[0] !== crashed, `a new language server process (found ${restarted.join(', ')})`);
    });
  })());
} catch (error) {
  console.error(error);
  if (page) await page.screenshot({ path: join(SCREENSHOTS, 'failure.png') }).catch(() => {});
  if (server && process.env.KB_E2E_VERBOSE) console.error(`--- code-server log ---\n${server.log()}`);
  if (checks.every((entry) => entry.ok)) checks.push({ name: 'setup', ok: false });
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  sandbox.remove();
}

const passed = checks.filter((entry) => entry.ok).length;
const failed = checks.length - passed;
if (failed === 0 && process.argv.includes('--update-docs')) {
  const images = join(REPOSITORY, 'docs', 'images');
  mkdirSync(images, { recursive: true });
  for (const name of ['hover.png', 'problems.png']) copyFileSync(join(SCREENSHOTS, name), join(images, name));
  console.log(`copied hover.png and problems.png to ${images}`);
}
console.log(`screenshots in ${SCREENSHOTS}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
