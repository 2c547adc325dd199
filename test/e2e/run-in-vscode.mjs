// Runs the in-editor mocha suite (out/e2e/suite) in a desktop VS Code with
// @vscode/test-electron: the same suite that run-in-code-server.mjs runs in code-server.
// It DOWNLOADS VS Code (into .e2e/vscode) on its first run, so it needs access to
// update.code.visualstudio.com; CI runs the code-server runner instead.
//
//   npm run test:vscode                    (on Linux without a display: xvfb-run -a npm run test:vscode)
//   KB_VSCODE_VERSION=1.100.3 npm run test:vscode
//
// The suite prints its report and a `N passed, N failed` line.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPOSITORY, prepareWorkspace } from './prepare-workspace.mjs';

const sandbox = mkdtempSync(join(tmpdir(), 'kb-e2e-vscode-'));
const folder = (name) => {
  const path = join(sandbox, name);
  mkdirSync(path, { recursive: true });
  return path;
};
const workspace = prepareWorkspace(join(sandbox, 'workspace'));
let exitCode = 1;
try {
  exitCode = await runTests({
    version: process.env.KB_VSCODE_VERSION ?? 'stable',
    cachePath: join(REPOSITORY, '.e2e', 'vscode'),
    extensionDevelopmentPath: REPOSITORY,
    extensionTestsPath: join(REPOSITORY, 'out', 'e2e', 'suite', 'index.js'),
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', folder('user-data'),
      '--extensions-dir', folder('extensions'),
    ],
  });
} catch (error) {
  console.error(error);
  console.log('0 passed, 1 failed');
} finally {
  rmSync(sandbox, { recursive: true, force: true });
}
process.exit(exitCode);
