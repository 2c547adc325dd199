import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { KbFileSystem } from '../core/index.js';
import type { CheckScheduler } from './check-scheduler.js';
import type { KbWorkspace } from './kb-workspace.js';
import type { KbSettings } from './protocol.js';
import type { TextAdmission } from './text-admission.js';

/**
 * What the feature modules of the language server (document sync,
 * diagnostics, code actions, commands) need from the server that owns the
 * session: its connection, buffers, KBs and settings. The workspace and the
 * scheduler exist from `initialize` on, so they are read through functions.
 */
export interface ServerHost {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly fs: KbFileSystem;
  workspace(): KbWorkspace;
  scheduler(): CheckScheduler;
  /** Where texts are timed before the engine parses them. */
  texts(): TextAdmission;
  capabilities(): ClientCapabilities;
  /** Whether the client pulls diagnostics (`textDocument/diagnostic`) rather than being sent them. */
  usePull(): boolean;
  isShutDown(): boolean;
  /** The `kb` settings of the file at `path` (its workspace folder's, or the window's). */
  settingsOf(path: string): KbSettings;
  /** Part of every diagnostics result id, so toggling settings makes pull clients fetch everything again. */
  settingsGeneration(): number;
  /**
   * Resolves once the workspace changes received so far are applied; with
   * `path`, of the editor's events only that document's are waited for (the
   * others may still be waiting for their texts to be timed).
   */
  idle(path?: string): Promise<unknown>;
  /** Runs `task` after the workspace changes received so far, in order; logs what it throws. */
  enqueue<T>(task: () => Promise<T>): Promise<T | undefined>;
}
