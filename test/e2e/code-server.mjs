// A throwaway code-server (VS Code in the browser) for the real-editor tests, and the
// headless Chromium that drives it. Every run gets its own user data, extensions,
// XDG and temp folders, a free port on 127.0.0.1, and no extension gallery.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { chromium } from 'playwright-core';
import { REPOSITORY } from './prepare-workspace.mjs';

/** The code-server that test/e2e/install-code-server.sh installs. */
export const CODE_SERVER = resolve(process.env.CODE_SERVER ?? join(REPOSITORY, '.e2e', 'code-server', 'node_modules', '.bin', 'code-server'));
/** A system Chromium (the Debian package); Playwright's own browser download is never used. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  // The web workbench saves after a second by default, desktop VS Code never: a test that edits a
  // buffer and reverts it must find the file as it was.
  'files.autoSave': 'off',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 200,
};

/** Milliseconds since the script started, for progress lines. */
const started = Date.now();
export function progress(what) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${what}`);
}

/** Rejects after `ms` with `message`, unless `promise` settles first. */
export async function within(ms, message, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} (no result after ${ms / 1000} s)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A fresh code-server state folder. `sandbox.path(name)` is a folder in it;
 * `sandbox.remove()` deletes it all.
 */
export function createSandbox(name) {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server is not installed at ${CODE_SERVER}: run bash test/e2e/install-code-server.sh`);
  const root = mkdtempSync(join(tmpdir(), `kb-e2e-${name}-`));
  const path = (folder) => {
    const full = join(root, folder);
    mkdirSync(full, { recursive: true });
    return full;
  };
  writeFileSync(join(path('user-data/User'), 'settings.json'), `${JSON.stringify(SETTINGS, null, 2)}\n`);
  writeFileSync(join(root, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const env = {
    EXTENSIONS_GALLERY: '{}',
    ...process.env,
    // VS Code's IPC and git sockets go to TMPDIR and XDG_RUNTIME_DIR: keep them in the sandbox.
    XDG_CONFIG_HOME: path('xdg-config'),
    XDG_DATA_HOME: path('xdg-data'),
    TMPDIR: path('tmp'),
    XDG_RUNTIME_DIR: path('tmp'),
  };
  const common = ['--config', join(root, 'config.yaml'), '--user-data-dir', path('user-data'), '--extensions-dir', path('extensions')];
  return { root, path, env, common, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Installs a .vsix into the sandbox's extensions folder. */
export function installVsix(sandbox, vsix) {
  execFileSync(CODE_SERVER, [...sandbox.common, '--install-extension', resolve(vsix)], { env: sandbox.env, stdio: ['ignore', 'pipe', 'inherit'] });
}

/**
 * Starts code-server on a free port of 127.0.0.1 and resolves once it
 * listens, with `{ url, authority, log(), stop() }`.
 */
export async function startCodeServer(sandbox, { env = {}, folder } = {}) {
  const child = spawn(CODE_SERVER, [
    ...sandbox.common,
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-file-downloads',
    ...(folder ? [folder] : []),
  ], { env: { ...sandbox.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  const listening = new Promise((resolveUrl, reject) => {
    const onData = (chunk) => {
      log += chunk;
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
      if (match) resolveUrl(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`code-server exited (${code}) before listening:\n${log}`)));
  });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // code-server runs the extension host and the language server as children: end the whole group.
    try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
    try {
      await within(5000, 'code-server stops', exited);
    } catch {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  };
  try {
    const url = await within(60_000, 'code-server starts', listening);
    return { url, authority: new URL(url).host, log: () => log, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A headless Chromium with flags that keep it off the network. */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
