import * as path from 'node:path';
import { toNativePath } from '../node/node-file-system.js';

/** An engine path as the CLI prints it: relative to the working folder, with forward slashes. */
export function displayPath(cwd: string, kbPath: string): string {
  return path.relative(cwd, toNativePath(kbPath)).split(path.sep).join('/');
}
