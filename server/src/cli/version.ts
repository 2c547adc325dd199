import { promises as fs } from 'node:fs';

/**
 * The tool's version, from the manifest of the package this module belongs
 * to: the nearest `package.json` in the folders above it, the way Node finds
 * a module's package. The compiled module (`out/server/src/cli/`) and the
 * bundle `bin/kb-lint.js` runs (`dist/cli/`) sit at different depths below it.
 */
export async function toolVersion(): Promise<string> {
  for (let folder = new URL('./', import.meta.url); ; ) {
    const manifest = await readManifest(new URL('package.json', folder));
    if (manifest !== undefined) return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
    const parent = new URL('../', folder);
    if (parent.href === folder.href) return '0.0.0';
    folder = parent;
  }
}

async function readManifest(file: URL): Promise<{ version?: unknown } | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  return JSON.parse(text) as { version?: unknown };
}
