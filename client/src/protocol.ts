/**
 * The server's protocol extensions as the client sees them: a copy of the
 * shapes in `server/src/lsp/protocol.ts` (the client is bundled on its own and
 * must not import server code; a unit test keeps the two in step).
 */

/** Notification `kb/status`, sent whenever the KB-wide counts change. */
export const STATUS_NOTIFICATION = 'kb/status';

/** Counts of the findings in every KB the server checks. */
export interface KbStatus {
  readonly kbs: number;
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly busy: boolean;
}

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

/** Commands the server executes; the language client registers them in VS Code. */
export const COMMANDS = {
  validateWorkspace: 'kb.validateWorkspace',
  openExplanation: 'kb.openExplanation',
} as const;
