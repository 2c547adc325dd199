import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, dirname, type Engine, isInside, joinPath, type KbFileSystem, type KnowledgeBase, relativePath } from '../core/index.js';
import { toKbPath, toNativePath } from '../node/node-file-system.js';
import { CliError } from './cli-error.js';
import { enclosingGitRoot, enclosingLearnRepository } from './repository-root.js';

/** A KB to check and the parts of it the command line named. */
export interface KbTarget {
  readonly kb: KnowledgeBase;
  /** Folders and files (engine paths) whose findings are reported. */
  readonly scopes: readonly string[];
  /** The files named one by one, so a file the KB does not check can be pointed out. */
  readonly namedFiles: readonly string[];
}

/**
 * Opens the KBs that the command-line paths belong to, each once: for a path,
 * the KB enclosing it (nearest `kb.config.json` above), else the Learn
 * repository enclosing it, else the KBs below a folder, else its git root or
 * the folder itself with the default configuration (see {@link rootsFor}). With
 * `config` (`--config`), every KB reads its configuration from that file and
 * a folder outside every KB is one KB, whatever `kb.config.json` files it
 * holds. Throws a {@link CliError} for a path that does not exist or a
 * configuration that cannot be read.
 */
export async function openTargets(engine: Engine, fileSystem: KbFileSystem, cwd: string, paths: readonly string[], config?: string): Promise<KbTarget[]> {
  const configPath = config === undefined ? undefined : await readableConfigFile(fileSystem, cwd, config);
  const byRoot = new Map<string, { scopes: string[]; namedFiles: string[] }>();
  for (const target of paths) {
    const native = path.resolve(cwd, target);
    const stat = await fs.stat(native).catch(() => undefined);
    if (stat === undefined) throw new CliError(`no such file or folder: ${target}`);
    const targetPath = toKbPath(native);
    const isFolder = stat.isDirectory();
    for (const root of await rootsFor(engine, isFolder ? targetPath : dirname(targetPath), isFolder && configPath === undefined)) {
      const entry = byRoot.get(root) ?? { scopes: [], namedFiles: [] };
      entry.scopes.push(isInside(root, targetPath) ? root : targetPath);
      if (!isFolder) entry.namedFiles.push(targetPath);
      byRoot.set(root, entry);
    }
  }
  if (configPath !== undefined) mergeNestedRoots(byRoot);
  const targets: KbTarget[] = [];
  for (const [root, { scopes, namedFiles }] of byRoot) {
    if (configPath === undefined) await assertReadableConfig(fileSystem, root, cwd);
    targets.push({ kb: await engine.openKb(root, configPath === undefined ? {} : { configPath }), scopes, namedFiles });
  }
  return targets;
}

/**
 * The KB roots a named folder belongs to: the nearest `kb.config.json` above
 * it; else the Learn repository it is in (`.openpublishing.publish.config.json`),
 * so that links resolve across the whole repository whichever folder of it was
 * named; else the KBs and Learn repositories below it; else its git root; else
 * the folder itself.
 */
async function rootsFor(engine: Engine, folder: string, searchBelow: boolean): Promise<string[]> {
  const enclosing = await enclosingRoot(folder);
  if (enclosing !== undefined) return [enclosing];
  const repository = await enclosingLearnRepository(toNativePath(folder));
  if (repository !== undefined) return [toKbPath(repository)];
  const below = searchBelow ? await engine.findKbRoots(folder) : [];
  if (below.length > 0) return below;
  const gitRoot = await enclosingGitRoot(toNativePath(folder));
  return [gitRoot === undefined ? folder : toKbPath(gitRoot)];
}

/** The engine path of the `--config` file; throws a {@link CliError} when it cannot be read as text. */
async function readableConfigFile(fileSystem: KbFileSystem, cwd: string, config: string): Promise<string> {
  const configPath = toKbPath(path.resolve(cwd, config));
  const text = await fileSystem.readText(configPath);
  if (typeof text === 'string') return configPath;
  const reason = text === undefined ? 'it does not exist or cannot be read' : 'it is not a readable UTF-8 text file';
  throw new CliError(`cannot read the configuration file ${config} given to --config: ${reason}.`);
}

/** Without `kb.config.json` files to mark KB roots, folders named inside another named folder belong to its KB. */
function mergeNestedRoots(byRoot: Map<string, { scopes: string[]; namedFiles: string[] }>): void {
  for (const root of [...byRoot.keys()].sort((a, b) => a.length - b.length)) {
    const outer = [...byRoot.keys()].find((candidate) => candidate !== root && isInside(root, candidate));
    const entry = byRoot.get(root);
    if (outer === undefined || entry === undefined) continue;
    byRoot.get(outer)?.scopes.push(...entry.scopes);
    byRoot.get(outer)?.namedFiles.push(...entry.namedFiles);
    byRoot.delete(root);
  }
}

/**
 * The nearest folder at or above `folder` holding a `kb.config.json`. Looks
 * at file existence, not content, so that an unreadable configuration is
 * reported instead of silently ignored.
 */
async function enclosingRoot(folder: string): Promise<string | undefined> {
  for (let current = folder; ; current = dirname(current)) {
    const stat = await fs.stat(toNativePath(joinPath(current, CONFIG_FILE_NAME))).catch(() => undefined);
    if (stat?.isFile()) return current;
    if (dirname(current) === current) return undefined;
  }
}

async function assertReadableConfig(fileSystem: KbFileSystem, root: string, cwd: string): Promise<void> {
  const configPath = joinPath(root, CONFIG_FILE_NAME);
  const exists = await fs.stat(toNativePath(configPath)).then((stat) => stat.isFile(), () => false);
  if (exists && typeof (await fileSystem.readText(configPath)) !== 'string') {
    throw new CliError(`cannot read the KB configuration ${relativePath(toKbPath(cwd), configPath)}: it is not a readable UTF-8 text file.`);
  }
}
