// The packaged extension as a writer meets it: installs kb-authoring.vsix into a
// throwaway code-server, opens an article of the fixture KB in Chromium and checks
// what is on screen: the error squiggle and the status bar counts, the glossary
// definition in the hover of a term, a quick fix applied from the keyboard
// (Ctrl+. then Enter), the text and the Problems count after it, two commands run
// from the Command Palette ("KB: New article from template" with a typed title, and
// "KB: Show decision table" with a model picked from its list), and a crash of the
// language server (killed), which the client announces and recovers from.
// Screenshots go to .e2e/screenshots (KB_E2E_SCREENSHOTS); with --update-docs the
// hover and Problems view shots are copied to docs/images.
//
//   npm run package && node test/e2e/run-ui-check.mjs [--update-docs]
//
// Every wait is a Playwright locator wait; the whole check is bounded by KB_E2E_TIMEOUT.
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
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
/** The title typed for "KB: New article from template", and the file it makes. */
const NEW_ARTICLE_TITLE = 'Outlook asks twice for a password';
const NEW_ARTICLE_FILE = 'outlook-asks-twice-for-a-password.md';
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
    /** Runs a command from the Command Palette, by its title. */
    const runCommand = async (title) => {
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget .quick-input-box input').waitFor();
      await page.keyboard.type(title);
      await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: title }).waitFor();
      await page.keyboard.press('Enter');
    };

    await check('opens an article of the KB from the Explorer', async () => {
      await page.getByRole('treeitem', { name: 'articles' }).click();
      await page.getByRole('treeitem', { name: ARTICLE }).click();
      await editor.locator('.view-lines').filter({ hasText: 'Lync 2010 asks for credentials' }).waitFor();
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

    await check('"KB: New article from template" creates the article from the KB\'s template, opens it and checks it', async () => {
      // A mark that only this KB's template has: the command must prefer it to the extension's own.
      const template = join(workspace, 'templates', 'troubleshooting-article.md');
      appendFileSync(template, '\n<!-- The template of this KB -->\n');
      await runCommand('KB: New article from template');
      await page.locator('.quick-input-widget .quick-input-message').filter({ hasText: 'Title of the new troubleshooting article' }).waitFor();
      await page.keyboard.type(NEW_ARTICLE_TITLE);
      await page.keyboard.press('Enter');
      const article = page.locator('.monaco-editor').filter({ has: page.locator('.view-lines', { hasText: `# ${NEW_ARTICLE_TITLE}` }) });
      await page.locator('.tab.active').filter({ hasText: NEW_ARTICLE_FILE }).waitFor();
      await article.waitFor();
      const lines = readFileSync(template, 'utf8').split('\n');
      const created = readFileSync(join(workspace, 'articles', NEW_ARTICLE_FILE), 'utf8').split('\n');
      assert.equal(created.length, lines.length, 'the article has the lines of the template');
      for (const [index, line] of lines.entries()) {
        if (line.startsWith('title: ')) assert.equal(created[index], `title: "${NEW_ARTICLE_TITLE}"`);
        else if (line.startsWith('ms.date: ')) assert.match(created[index], /^ms\.date: \d\d\/\d\d\/\d{4}$/);
        else if (line.startsWith('# ')) assert.equal(created[index], `# ${NEW_ARTICLE_TITLE}`);
        else assert.equal(created[index], line, `line ${index + 1} comes from the template`);
      }
      // Checked at once: the template's placeholders are findings until the writer fills them in
      // (the placeholder cause on screen; the placeholder links, below the fold, in the Problems view).
      await article.locator('.squiggly-warning').first().waitFor();
      await page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'Link target "../remediations/<remediation-id>.md" does not exist' }).first().waitFor();
    });

    await check('"KB: Show decision table" asks which model, then keeps the chosen model\'s table open', async () => {
      const models = readdirSync(join(workspace, 'models')).sort().map((name) => /^id: (.+)$/m.exec(readFileSync(join(workspace, 'models', name), 'utf8'))?.[1]);
      assert.deepEqual(models, ['lync-mapi-prompt', 'office-fba-prompt'], 'the KB has two problem models');
      await runCommand('KB: Show decision table');
      await page.locator('.quick-input-widget .quick-input-box input[placeholder="Which problem model?"]').waitFor();
      const choices = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await choices.filter({ hasText: 'office-fba-prompt' }).waitFor();
      // Each choice is a table's title, then its model's id.
      const texts = await choices.allInnerTexts();
      assert.deepEqual(texts.map((text) => models.find((model) => text.includes(model))), models, texts.join(' | '));
      await choices.filter({ hasText: 'office-fba-prompt' }).click();
      const tableTab = page.locator('.tabs-container .tab').filter({ hasText: 'office-fba-prompt.md' });
      await tableTab.waitFor();
      assert.equal(await tableTab.locator('.monaco-icon-label.italic').count(), 0, 'the table opens pinned, not in preview mode');
      const generated = readFileSync(join(workspace, 'decision-table-office-fba-prompt.md'), 'utf8');
      // The table's lines, less its header and delimiter rows.
      const rows = generated.split('\n').filter((line) => line.startsWith('| ')).length - 2;
      const preview = page.frameLocator('iframe.webview').frameLocator('#active-frame');
      const title = /^# (.+)$/m.exec(generated)?.[1];
      assert.ok(title);
      await preview.locator('h1').filter({ hasText: title }).waitFor();
      assert.equal(await preview.locator('table tbody tr').count(), rows, 'the preview shows every row of the model\'s table');
      await page.screenshot({ path: join(SCREENSHOTS, 'decision-table.png'), animations: 'disabled' });
      // The writer goes on with other Markdown files: the next one opened takes a tab of its own,
      // and the table stays the table (an unlocked Markdown preview follows the active editor).
      await page.getByRole('treeitem', { name: 'prompt-without-remediations.md', exact: true }).click();
      await page.locator('.tab.active').filter({ hasText: 'prompt-without-remediations.md' }).waitFor();
      await page.locator('.tabs-container .tab').filter({ hasText: ARTICLE }).click();
      await page.locator('.tab.active').filter({ hasText: ARTICLE }).waitFor();
      await editor.locator('.view-lines').filter({ hasText: 'Lync 2010 asks for credentials' }).waitFor();
      assert.equal(await tableTab.count(), 1, 'the decision table is still open');
      await tableTab.click();
      await preview.locator('h1').filter({ hasText: title }).waitFor();
      assert.match(await kbStatus.getAttribute('aria-label') ?? '', / in 1 KB:/, 'the table page is no KB of its own');
      // Back to one editor group (the table opened beside) and to the fixed article, which the next check undoes.
      await runCommand('View: Join All Editor Groups');
      await page.locator('.tabs-container .tab').filter({ hasText: ARTICLE }).click();
      await page.locator('.tab.active').filter({ hasText: ARTICLE }).waitFor();
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
