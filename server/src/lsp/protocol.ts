/**
 * The server's own protocol extensions, shared by every client. Plain data,
 * no imports: the VS Code client keeps a copy of these shapes in
 * `client/src/protocol.ts` (a test compares the two).
 */

/** Notification `kb/status`, sent whenever the KB-wide counts change. */
export const STATUS_NOTIFICATION = 'kb/status';

/** Counts of the findings in every KB the server checks. */
export interface KbStatus {
  /** Number of KBs found (0: the workspace holds no `kb.config.json`, the client may hide its status). */
  readonly kbs: number;
  /** Files checked so far. */
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** True while the KB is being indexed or files are waiting to be checked. */
  readonly busy: boolean;
}

/**
 * Settings the server reads from the `kb` section (`workspace/configuration`,
 * asked for the window and for each workspace folder, or
 * `initializationOptions.settings`). A document gets the settings of the
 * workspace folder holding it, a file outside every folder the window's.
 */
export interface KbSettings {
  /** Whether the server reports anything at all. */
  readonly enable: boolean;
  readonly completion: {
    /** Whether glossary terms are proposed while typing prose. */
    readonly terms: boolean;
  };
  /**
   * A file to read the configuration from instead of `kb.config.json` (empty:
   * none). A workspace folder with one is a single KB read with it; a
   * relative path, or one starting with `${workspaceFolder}`, is relative to
   * the folder.
   */
  readonly configPath: string;
}

/** Settings used when the client sends none. */
export const DEFAULT_SETTINGS: KbSettings = { enable: true, completion: { terms: true }, configPath: '' };

/** Request `kb/decisionTables`: the decision tables of the problem models of the KB holding `uri` (or of the first KB). */
export const DECISION_TABLES_REQUEST = 'kb/decisionTables';

/** Parameters of {@link DECISION_TABLES_REQUEST}. */
export interface DecisionTablesParams {
  /** A document of the KB; absent: the first KB the server knows. */
  readonly uri?: string;
}

/** One model's decision table, as a Markdown page. */
export interface DecisionTable {
  readonly modelId: string;
  readonly title: string;
  readonly markdown: string;
}

/** Result of {@link DECISION_TABLES_REQUEST}, in model id order. */
export interface DecisionTablesResult {
  readonly tables: readonly DecisionTable[];
}

/** Commands the server executes (`workspace/executeCommand`). */
export const COMMANDS = {
  /** Re-reads every KB from disk and checks every file again. */
  validateWorkspace: 'kb.validateWorkspace',
  /** Opens the page that explains a domain claim: arguments `[path, fragment?]`. */
  openExplanation: 'kb.openExplanation',
} as const;
