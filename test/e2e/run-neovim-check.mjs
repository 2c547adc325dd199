// Runs the Neovim check (test/e2e/neovim/check.lua) on a fresh copy of the fixture KB,
// with `kb-language-server` on the PATH, in headless Neovim (0.7 or later).
//
//   npm run build && node test/e2e/run-neovim-check.mjs
//
// The Lua check prints `N passed, N failed`; this script exits with its status.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { REPOSITORY, prepareWorkspace } from './prepare-workspace.mjs';

const NVIM = process.env.NVIM_BIN ?? 'nvim';
const TIMEOUT_MS = Number(process.env.KB_E2E_TIMEOUT ?? 150_000);

if (!existsSync(join(REPOSITORY, 'out', 'server', 'src', 'lsp', 'main.js'))) {
  console.error('out/server is missing: run npm run build first');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const sandbox = mkdtempSync(join(tmpdir(), 'kb-e2e-neovim-'));
const kb = prepareWorkspace(join(sandbox, 'kb'));
// The configuration starts `kb-language-server` from the PATH, as a user's would after `npm link`.
const bin = join(sandbox, 'bin');
mkdirSync(bin);
symlinkSync(join(REPOSITORY, 'bin', 'kb-language-server.js'), join(bin, 'kb-language-server'));

const nvim = spawn(NVIM, ['--headless', '--clean', '-c', `luafile ${join(REPOSITORY, 'test', 'e2e', 'neovim', 'check.lua')}`], {
  cwd: sandbox,
  env: { ...process.env, KB_ROOT: kb, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, XDG_STATE_HOME: join(sandbox, 'state'), XDG_DATA_HOME: join(sandbox, 'data') },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const timer = setTimeout(() => {
  console.error(`Neovim did not finish within ${TIMEOUT_MS / 1000} s`);
  nvim.kill('SIGKILL');
}, TIMEOUT_MS);
const [code, signal] = await once(nvim, 'exit');
clearTimeout(timer);
rmSync(sandbox, { recursive: true, force: true });
if (code === null) console.log(`0 passed, 1 failed (Neovim ended by ${signal})`);
process.exit(code ?? 1);
