// Bundles the compiled CLI and language server (out/server/src/) into dist/cli/, the code `bin/kb-lint.js`
// and `bin/kb-language-server.js` run, and the language server the VS Code extension forks into
// dist/server.cjs: `npm run build` and `npm run bundle` run it after `tsc -b`. Loading one bundle instead of hundreds of modules through
// Node's ESM loader, with the English model's readings of the bundled KB's phrases and the model
// itself loaded on first use, is what makes `kb-lint` start faster (ARCHITECTURE.md, "How `kb-lint` starts").
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { Engine } from '../core/index.js';
import { NodeFileSystem } from '../node/node-file-system.js';
import { readingsMadeAtBuild } from './readings-made-at-build.js';

/** The repository this module is built in (it runs from `out/server/src/tools`). */
const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');
/** Where the bundle goes; `bin/kb-lint.js` reads the same names. */
const OUT_DIR = path.join('dist', 'cli');
/** The files the bundle was built from, which `bin/kb-lint.js` compares with the bundle to detect a stale one. */
const INPUTS_FILE = path.join(OUT_DIR, 'inputs.json');
/**
 * npm gives installed files a fixed modification time, so a dependency's
 * files cannot tell an update. The hidden lockfile npm writes on every
 * install can: it stands for every input under node_modules/.
 */
const INSTALL_RECORD = 'node_modules/.package-lock.json';

/**
 * CommonJS dependencies whose module the bundle evaluates when a property of
 * its exports is first read, not at start-up: the English model (a 3 MB
 * lexicon), which a check needs only to read a sentence the bundled readings
 * do not hold (claims/read-sentence.ts). The engine is synchronous, so it
 * cannot import a module when it first needs it; the bundle can.
 */
const DEFERRED_MODULES: ReadonlySet<string> = new Set(['wink-eng-lite-web-model']);

/**
 * Gives an importer of a {@link DEFERRED_MODULES} module a stand-in whose
 * properties are those of the module's exports, which it requires on the
 * first read (esbuild bundles that `require` as a module evaluated on first call).
 */
const deferModules: Plugin = {
  name: 'defer-modules',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (module) => (DEFERRED_MODULES.has(module.path) && module.namespace !== 'deferred' ? { path: module.path, namespace: 'deferred' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'deferred' }, (module) => ({
      contents: `let exports;\nconst loaded = () => (exports ??= require(${JSON.stringify(module.path)}));\nexport default new Proxy({}, { get: (_, key) => loaded()[key], has: (_, key) => key in loaded() });\n`,
      resolveDir: REPOSITORY_ROOT,
      loader: 'js',
    }));
  },
};

async function main(): Promise<void> {
  // The bundled KB's knowledge, read by the compiled modules the bundle is made of.
  const bundledKnowledge = await new Engine({ fs: new NodeFileSystem({ blocking: true }), bundledRoot: path.join(REPOSITORY_ROOT, 'kb'), today: () => new Date() }).bundledKnowledge();
  const readings = { KB_READINGS_MADE_AT_BUILD: JSON.stringify(readingsMadeAtBuild(bundledKnowledge)) };
  await bundleExtensionServer(readings);
  await fs.rm(path.join(REPOSITORY_ROOT, OUT_DIR), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: REPOSITORY_ROOT,
    // `kb-lint` and the worker its parallel check forks (`new URL('./check-worker.js', import.meta.url)`
    // in cli/parallel-check.ts), bundled side by side so that URL finds the bundled worker; and
    // `kb-language-server` with its parse worker, which `bin/kb-language-server.js` names.
    entryPoints: [
      { in: 'out/server/src/cli/main.js', out: 'main' },
      { in: 'out/server/src/cli/check-worker.js', out: 'check-worker' },
      { in: 'out/server/src/lsp/main.js', out: 'language-server' },
      { in: 'out/server/src/lsp/parse-worker.js', out: 'parse-worker' },
    ],
    outdir: OUT_DIR,
    bundle: true,
    // ESM keeps import.meta.url (the worker's URL, the manifest's); the code both entries share goes to one chunk.
    format: 'esm',
    splitting: true,
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    // CommonJS dependencies call require() for Node built-ins, which an ES module does not have.
    banner: { js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);" },
    // The English model's readings of the bundled KB's phrases (claims/read-sentence.ts).
    define: readings,
    sourcemap: 'linked',
    metafile: true,
    plugins: [deferModules],
    // Loaded from node_modules on first use, not compiled with the bundle at every start (the model is most of its size).
    external: [...DEFERRED_MODULES],
    logLevel: 'warning',
  });
  // Files only: esbuild lists what `define` injects as an input too (`<define:...>`).
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('node_modules/') && existsSync(path.join(REPOSITORY_ROOT, input))).sort();
  const installRecord = await fs.stat(path.join(REPOSITORY_ROOT, INSTALL_RECORD)).then(() => [INSTALL_RECORD], () => []);
  // Written last: a build that stops half way leaves no manifest, and the bin does not run its bundle.
  await fs.writeFile(path.join(REPOSITORY_ROOT, INPUTS_FILE), `${JSON.stringify({ inputs: [...inputs, ...installRecord] }, undefined, 1)}\n`);
}

/**
 * The language server the VS Code extension forks (`dist/server.cjs`): one
 * CommonJS file, as the extension's package carries no `node_modules`, whose
 * parse worker runs the same file. The English model is bundled, but
 * evaluated on first use as in the `kb-lint` bundle, and the readings made at
 * build are the same.
 */
async function bundleExtensionServer(readings: Record<string, string>): Promise<void> {
  await build({
    absWorkingDir: REPOSITORY_ROOT,
    entryPoints: ['out/server/src/lsp/start.js'],
    outfile: path.join('dist', 'server.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    define: readings,
    sourcemap: 'linked',
    plugins: [deferModules],
    logLevel: 'warning',
  });
}

await main();
