import { promises as fs } from 'node:fs';

/** The tool's version, from the package manifest of the installed tool. */
export async function toolVersion(): Promise<string> {
  // The compiled module sits in out/server/src/cli/, four levels below the manifest.
  const manifest = JSON.parse(await fs.readFile(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}
