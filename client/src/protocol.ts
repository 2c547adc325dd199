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

/** Commands the server executes; the language client registers them in VS Code. */
export const COMMANDS = {
  validateWorkspace: 'kb.validateWorkspace',
  openExplanation: 'kb.openExplanation',
} as const;
