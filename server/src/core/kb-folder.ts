import type { KbFileSystem } from './kb-file-system.js';

/** Name of the configuration file that marks a KB's root folder. */
export const CONFIG_FILE_NAME = 'kb.config.json';

/** Folders never scanned, at any depth. */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git', '.hg', '.svn', '.vscode-test', 'out', 'dist'];

/**
 * The files below a folder, as one walk of the file system found them. A
 * host that looked for the KBs in a workspace folder hands it on to open the
 * KB at that folder, which would otherwise walk the same tree again.
 */
export interface FolderListing {
  readonly folder: string;
  /** Every file below the folder, skipped folders left out, sorted. */
  readonly files: readonly string[];
  /** Symbolic links below the folder that lead outside it. */
  readonly linksOut: readonly string[];
}

/** Lists the files below `folder` ({@link FolderListing}). */
export async function listFolder(fs: KbFileSystem, folder: string): Promise<FolderListing> {
  const linksOut: string[] = [];
  const files = await fs.listFiles(folder, SKIPPED_FOLDERS, (path) => linksOut.push(path));
  return { folder, files, linksOut };
}
