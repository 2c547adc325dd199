import { promises as fs } from 'node:fs';
import { writeFileAtomically } from './write-file-atomically.js';

const BOM = '\uFEFF';
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Writes the fixed text of a file whose checked text was `original`, keeping
 * a byte order mark the file had (the engine reads text without it).
 * Returns `false`, writing nothing, when the file no longer holds `original`
 * (edited while kb-lint ran), so no one's change is overwritten.
 */
export async function writeFixedFile(file: string, original: string, fixed: string): Promise<boolean> {
  const bytes = await fs.readFile(file);
  let current: string;
  try {
    current = decoder.decode(bytes);
  } catch {
    return false;
  }
  if (current !== original) return false;
  await writeFileAtomically(file, `${hasBom(bytes) ? BOM : ''}${fixed}`);
  return true;
}

/** Whether the bytes start with the UTF-8 byte order mark. */
export function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
