import { dirname, joinPath } from '../paths.js';
import type { Range } from '../types.js';
import { globProblem } from '../config/config.js';
import { docfxGlobMatcher, toPicomatchPattern } from './docfx-glob.js';
import { type JsonFile, parseJsonFile, propertiesOf, propertyValue, rangeOfNode, stringsOf, valueOf } from './json-file.js';

/** Name of the file that makes a folder a DocFX docset. */
export const DOCFX_FILE_NAME = 'docfx.json';

/** Where a metadata value comes from: a `docfx.json` line. */
export interface MetadataSource {
  /** The `docfx.json` file. */
  readonly path: string;
  /** The range of the property (`"key": value`, or `"glob": value` for file metadata). */
  readonly range: Range;
  /** `globalMetadata`, or `fileMetadata` with the glob that matched. */
  readonly section: 'globalMetadata' | 'fileMetadata';
  readonly glob?: string;
}

/** A metadata value `docfx.json` supplies, and where. */
export interface SuppliedValue {
  readonly value: unknown;
  readonly source: MetadataSource;
}

interface FileMetadataRule {
  readonly key: string;
  readonly glob: string;
  readonly matches: (relativePath: string) => boolean;
  readonly supplied: SuppliedValue;
}

interface ContentGroup {
  /** Absolute folder the group's globs are relative to (`src`, default the docset folder). */
  readonly src: string;
  readonly files: (relativePath: string) => boolean;
  readonly exclude: (relativePath: string) => boolean;
  /** Folder of the published URL the group's files go to (`dest`), relative to the docset's base URL. */
  readonly dest: string;
}

/**
 * A docset's `docfx.json`: the content it publishes (`build.content[]`:
 * `src`, `files`, `exclude`) and the metadata it supplies
 * (`build.globalMetadata`, `build.fileMetadata`). All its paths are relative
 * to its own folder, as DocFX documents. Never throws: JSON errors and
 * unexpected shapes are problems at their place.
 */
export class DocfxConfig {
  /** The docset folder (where `docfx.json` is). */
  readonly folder: string;
  readonly file: JsonFile;
  private readonly content: ContentGroup[] = [];
  private readonly global = new Map<string, SuppliedValue>();
  private readonly fileRules: FileMetadataRule[] = [];

  constructor(path: string, text: string) {
    this.folder = dirname(path);
    this.file = parseJsonFile(path, text);
    const build = propertyValue(this.file.root, 'build');
    if (this.file.root !== undefined && build === undefined) this.problem(this.file.root, 'docfx.json has no "build" section; no file of this docset is published.');
    this.readContent(propertyValue(build, 'content'));
    this.readGlobalMetadata(propertyValue(build, 'globalMetadata'));
    this.readFileMetadata(propertyValue(build, 'fileMetadata'));
  }

  /** Whether the file at `path` is a published page of this docset: matched by a content group's `files` and not by its `exclude`. */
  publishes(path: string): boolean {
    return this.content.some((group) => {
      if (!path.startsWith(`${group.src}/`)) return false;
      const relative = path.slice(group.src.length + 1);
      return group.files(relative) && !group.exclude(relative);
    });
  }

  /**
   * The URL path of the page `path` publishes, relative to the docset's base
   * URL, lower-cased: `dest` then the path below `src` without `.md`
   * (`index` names its folder), as DocFX builds URLs. `undefined` when the
   * docset does not publish it.
   */
  publishedUrlPath(path: string): string | undefined {
    const group = this.content.find((candidate) => path.startsWith(`${candidate.src}/`) && candidate.files(path.slice(candidate.src.length + 1)) && !candidate.exclude(path.slice(candidate.src.length + 1)));
    if (group === undefined) return undefined;
    const page = path.slice(group.src.length + 1).replace(/\.md$/i, '').replace(/(^|\/)index$/i, '');
    return joinPath(group.dest === '' ? '.' : group.dest, page === '' ? '.' : page).replace(/^\.$/, '').toLowerCase();
  }

  /**
   * The metadata this docset supplies to the file at `path`: `globalMetadata`,
   * overridden by every `fileMetadata` glob that matches (a later glob of a
   * key overrides an earlier one, as in DocFX).
   */
  metadataFor(path: string): Map<string, SuppliedValue> {
    const result = new Map(this.global);
    if (!path.startsWith(`${this.folder}/`)) return result;
    const relative = path.slice(this.folder.length + 1);
    for (const rule of this.fileRules) {
      if (rule.matches(relative)) result.set(rule.key, rule.supplied);
    }
    return result;
  }

  private readContent(node: Parameters<typeof propertyValue>[0]): void {
    if (node === undefined) return;
    if (node.type !== 'array') {
      this.problem(node, '"build.content" must be an array of file mappings.');
      return;
    }
    for (const item of node.children ?? []) {
      // A bare string (or array) is a `files` pattern relative to the docset folder.
      if (item.type === 'string') {
        this.content.push({ src: this.folder, files: docfxGlobMatcher(this.boundedGlobs(item, [String(item.value)])), exclude: () => false, dest: '' });
        continue;
      }
      if (item.type !== 'object') {
        this.problem(item, 'A content mapping must be an object with "files" (and optional "src", "exclude").');
        continue;
      }
      const src = propertyValue(item, 'src');
      const files = stringsOf(propertyValue(item, 'files'));
      if (files.length === 0) this.problem(item, 'This content mapping has no "files" pattern; it publishes nothing.');
      const srcFolder = src?.type === 'string' ? joinPath(this.folder, String(src.value)) : this.folder;
      const dest = propertyValue(item, 'dest');
      const exclude = this.boundedGlobs(item, stringsOf(propertyValue(item, 'exclude')));
      this.content.push({ src: srcFolder, files: docfxGlobMatcher(this.boundedGlobs(item, files)), exclude: docfxGlobMatcher(exclude), dest: dest?.type === 'string' ? String(dest.value) : '' });
    }
  }

  private readGlobalMetadata(node: Parameters<typeof propertyValue>[0]): void {
    if (node === undefined) return;
    if (node.type !== 'object') {
      this.problem(node, '"build.globalMetadata" must be an object of keys and values.');
      return;
    }
    for (const [name, value] of propertiesOf(node)) {
      const property = name.parent ?? name;
      // A key written twice: the last one counts, as in JSON.
      this.global.set(String(name.value), { value: valueOf(value), source: { path: this.file.path, range: rangeOfNode(this.file, property), section: 'globalMetadata' } });
    }
  }

  private readFileMetadata(node: Parameters<typeof propertyValue>[0]): void {
    if (node === undefined) return;
    if (node.type !== 'object') {
      this.problem(node, '"build.fileMetadata" must map each key to an object of glob patterns and values.');
      return;
    }
    for (const [name, globs] of propertiesOf(node)) {
      if (globs.type !== 'object') {
        this.problem(globs, `"fileMetadata.${String(name.value)}" must be an object of glob patterns and values.`);
        continue;
      }
      for (const [glob, value] of propertiesOf(globs)) {
        const pattern = String(glob.value);
        if (this.boundedGlobs(glob, [pattern]).length === 0) continue;
        const range = rangeOfNode(this.file, glob.parent ?? glob);
        this.fileRules.push({
          key: String(name.value),
          glob: pattern,
          matches: docfxGlobMatcher([pattern]),
          supplied: { value: valueOf(value), source: { path: this.file.path, range, section: 'fileMetadata', glob: pattern } },
        });
      }
    }
  }

  /**
   * `patterns` without those whose matching could run for hours (the limits
   * of the KB configuration's globs), each reported at `node` and left out:
   * a repository's globs run against every one of its paths.
   */
  private boundedGlobs(node: { offset: number; length: number }, patterns: readonly string[]): string[] {
    return patterns.filter((pattern) => {
      // Checked as the matcher will read it: DocFX's `**.md` is `**/*.md` there.
      const problem = globProblem(toPicomatchPattern(pattern));
      if (problem !== undefined) this.problem(node, `The glob "${pattern.slice(0, 80)}" ${problem}; it is ignored.`);
      return problem === undefined;
    });
  }

  private problem(node: { offset: number; length: number }, message: string): void {
    this.file.problems.push({ path: this.file.path, range: this.file.document.rangeAt(node.offset, node.offset + Math.min(node.length, 1)), message });
  }
}
