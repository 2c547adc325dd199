// Compiles the in-editor suite (test/e2e/suite/*.ts) to CommonJS in out/e2e/suite,
// the form the extension host loads. Type checking is `tsc -p test/e2e`.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = join(root, 'test', 'e2e', 'suite');
const out = join(root, 'out', 'e2e');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// The package is an ES module package; the extension host requires the suite as CommonJS.
writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
await build({
  entryPoints: readdirSync(source).filter((name) => name.endsWith('.ts')).map((name) => join(source, name)),
  outdir: join(out, 'suite'),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
