import { joinPath } from '../paths.js';
import type { Range } from '../types.js';
import { type JsonFile, parseJsonFile, propertyValue, rangeOfNode } from './json-file.js';

/** The file at a Learn repository's root that lists its docsets. */
export const PUBLISH_CONFIG_FILE_NAME = '.openpublishing.publish.config.json';

/** A docset the publish configuration lists. */
export interface DocsetEntry {
  /** Absolute folder of the docset (`build_source_folder`), where its `docfx.json` is. */
  readonly folder: string;
  readonly range: Range;
}

/** The repository's `.openpublishing.publish.config.json`: its docsets (`docsets_to_publish[].build_source_folder`) and the folders other repositories fill at build time. */
export interface PublishConfig {
  readonly file: JsonFile;
  readonly docsets: readonly DocsetEntry[];
  /** Absolute folders the build fills from other repositories (`dependent_repositories[].path_to_root`): templates, shared includes. */
  readonly dependentFolders: readonly string[];
}

/** Reads the publish configuration at `path` of the repository at `root`. Never throws. */
export function parsePublishConfig(root: string, path: string, text: string): PublishConfig {
  const file = parseJsonFile(path, text);
  const list = propertyValue(file.root, 'docsets_to_publish');
  const docsets: DocsetEntry[] = [];
  if (file.root !== undefined && list?.type !== 'array') {
    const at = list ?? file.root;
    file.problems.push({ path, range: file.document.rangeAt(at.offset, at.offset + 1), message: 'The publish configuration has no "docsets_to_publish" array; no docset is known.' });
  }
  for (const item of list?.type === 'array' ? list.children ?? [] : []) {
    const source = propertyValue(item, 'build_source_folder');
    if (source?.type !== 'string') {
      file.problems.push({ path, range: rangeOfNode(file, item), message: 'This docset has no "build_source_folder" string; it is left out.' });
      continue;
    }
    docsets.push({ folder: joinPath(root, String(source.value)), range: rangeOfNode(file, source) });
  }
  const dependents = propertyValue(file.root, 'dependent_repositories');
  const dependentFolders = (dependents?.type === 'array' ? dependents.children ?? [] : []).flatMap((item) => {
    const folder = propertyValue(item, 'path_to_root');
    return folder?.type === 'string' && String(folder.value).trim() !== '' ? [joinPath(root, String(folder.value).trim())] : [];
  });
  return { file, docsets, dependentFolders };
}
