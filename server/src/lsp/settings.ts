import * as path from 'node:path';
import { isInside } from '../core/index.js';
import { toKbPath, toNativePath } from '../node/node-file-system.js';
import { DEFAULT_SETTINGS, type KbSettings } from './protocol.js';

/** Settings as the client sent them (any shape), with defaults for what is missing or mistyped. */
export function normalizeSettings(value: unknown): KbSettings {
  const settings = (typeof value === 'object' && value !== null ? value : {}) as { enable?: unknown; completion?: { terms?: unknown }; configPath?: unknown };
  return {
    enable: typeof settings.enable === 'boolean' ? settings.enable : DEFAULT_SETTINGS.enable,
    completion: { terms: typeof settings.completion?.terms === 'boolean' ? settings.completion.terms : DEFAULT_SETTINGS.completion.terms },
    configPath: typeof settings.configPath === 'string' ? settings.configPath : DEFAULT_SETTINGS.configPath,
  };
}

/**
 * The engine path of the file a `kb.configPath` value names for a workspace
 * folder, or `undefined` when it is empty. `${workspaceFolder}` at its start
 * stands for the folder; a relative path is relative to the folder.
 */
export function resolveConfigPath(folder: string, value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const nativeFolder = toNativePath(folder);
  const expanded = trimmed.replace(/^\$\{workspaceFolder\}(?=$|[\\/])/, () => nativeFolder);
  return toKbPath(path.resolve(nativeFolder, expanded));
}

/**
 * The settings of the window and of each workspace folder. Clients without
 * `workspace/configuration` send one set for everything (in
 * `initializationOptions` or `workspace/didChangeConfiguration`): then every
 * folder has the window's.
 */
export class SettingsByFolder {
  constructor(
    /** Settings of files outside every workspace folder, and of folders the client told nothing about. */
    readonly window: KbSettings = DEFAULT_SETTINGS,
    private readonly folders: ReadonlyMap<string, KbSettings> = new Map(),
  ) {}

  /** Settings as the client sent them, for the window and by folder (engine paths). */
  static fromClient(window: unknown, folders: ReadonlyMap<string, unknown> = new Map()): SettingsByFolder {
    return new SettingsByFolder(normalizeSettings(window), new Map([...folders].map(([folder, value]) => [folder, normalizeSettings(value)])));
  }

  /** The settings of the file at `path`: those of the innermost workspace folder holding it, else the window's. */
  of(path: string): KbSettings {
    let best: string | undefined;
    for (const folder of this.folders.keys()) {
      if (isInside(path, folder) && (best === undefined || folder.length > best.length)) best = folder;
    }
    return best === undefined ? this.window : this.folders.get(best) ?? this.window;
  }

  /** The configuration file set for a workspace folder (engine path), or `undefined`. */
  configPathOf(folder: string): string | undefined {
    return resolveConfigPath(folder, (this.folders.get(folder) ?? this.window).configPath);
  }

  /** Whether `enable` is the same as in `other` for the window and for each of `folders`. */
  sameEnablement(other: SettingsByFolder, folders: readonly string[]): boolean {
    return this.window.enable === other.window.enable && folders.every((folder) => this.of(folder).enable === other.of(folder).enable);
  }
}
