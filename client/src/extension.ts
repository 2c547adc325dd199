import * as vscode from 'vscode';
import { CloseAction, type ErrorHandler, LanguageClient, type LanguageClientOptions, type ServerOptions, State, TransportKind } from 'vscode-languageclient/node.js';
import { DECISION_TABLES_REQUEST, type DecisionTable, type DecisionTablesResult, type KbStatus, STATUS_NOTIFICATION } from './protocol.js';

/** Command ids the client itself contributes (the server's own come from its `executeCommandProvider`). */
const CLIENT_COMMANDS = {
  restartServer: 'kb.restartServer',
  showOutput: 'kb.showOutput',
  newArticle: 'kb.newArticle',
  showDecisionTable: 'kb.showDecisionTable',
} as const;

/**
 * Starts the KB language server (over IPC) and returns its client, so tests
 * can await the client's state. Everything the server does (diagnostics,
 * fixes, hovers) is LSP; this file adds only what is VS Code-specific: the
 * status bar item and a few commands.
 */
export async function activate(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const serverModule = context.asAbsolutePath('dist/server.cjs');
  const bundledKb = `--bundled-kb=${context.asAbsolutePath('kb')}`;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args: [bundledKb] },
    debug: { module: serverModule, transport: TransportKind.ipc, args: [bundledKb], options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'kb-scenario' },
      { scheme: 'file', pattern: '**/kb.config.json' },
    ],
    synchronize: { configurationSection: 'kb' },
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    errorHandler: announcingRestarts(() => client),
  };
  const client = new LanguageClient('kb', 'KB Authoring', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem('kb.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'KB problems';
  status.command = 'workbench.actions.view.problems';
  context.subscriptions.push(status, client.onNotification(STATUS_NOTIFICATION, (value: KbStatus) => showStatus(status, value)));

  context.subscriptions.push(
    vscode.commands.registerCommand(CLIENT_COMMANDS.restartServer, async () => {
      status.hide();
      await client.restart();
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showOutput, () => client.outputChannel.show(true)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.newArticle, () => newArticleFromTemplate(context)),
    vscode.workspace.registerTextDocumentContentProvider(DECISION_TABLE_SCHEME, decisionTablePages),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showDecisionTable, () => showDecisionTable(client)),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (client.state === State.Running) await client.restart();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('kb.enable') && !kbEnabledAnywhere()) status.hide();
    }),
    { dispose: () => void client.stop() },
  );
  await startOnceThereIsAKb(context, client);
  return client;
}

/**
 * Starts the language server at once when the workspace has a KB (a
 * `kb.config.json`, a folder with `kb.configPath` set, or an open scenario
 * file), else as soon as it gets one. The extension also wakes after startup
 * in every workspace, because a setting cannot wake it; without a KB it only
 * listens.
 */
async function startOnceThereIsAKb(context: vscode.ExtensionContext, client: LanguageClient): Promise<void> {
  let starting: Promise<void> | undefined;
  const start = (): Promise<void> => (starting ??= client.start());
  if (await workspaceHasKb()) return start();
  const configs = vscode.workspace.createFileSystemWatcher('**/kb.config.json', false, true, true);
  const check = async (): Promise<void> => {
    if (starting === undefined && await workspaceHasKb()) await start();
  };
  context.subscriptions.push(
    configs,
    configs.onDidCreate(() => void start()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('kb.configPath')) void check();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void check()),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (document.languageId === 'kb-scenario') void start();
    }),
  );
}

async function workspaceHasKb(): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((document) => document.languageId === 'kb-scenario')) return true;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.some((folder) => vscode.workspace.getConfiguration('kb', folder.uri).get<string>('configPath', '').trim() !== '')) return true;
  return (await vscode.workspace.findFiles('**/kb.config.json', '**/node_modules/**', 1)).length > 0;
}

/** Whether `kb.enable` is on for the window or for any workspace folder (it is a per-folder setting). */
function kbEnabledAnywhere(): boolean {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return vscode.workspace.getConfiguration('kb').get<boolean>('enable', true)
    || folders.some((folder) => vscode.workspace.getConfiguration('kb', folder.uri).get<boolean>('enable', true));
}

/**
 * The client's own restart policy (a crashed server is restarted, at most 5
 * times in 3 minutes), which by default only writes a line in the output
 * channel: this one also tells the writer, who would otherwise wonder why the
 * diagnostics flickered.
 */
function announcingRestarts(client: () => LanguageClient): ErrorHandler {
  let defaults: ErrorHandler | undefined;
  const policy = (): ErrorHandler => (defaults ??= client().createDefaultErrorHandler());
  return {
    error: (error, message, count) => policy().error(error, message, count),
    closed: async () => {
      const result = await policy().closed();
      if (result.action !== CloseAction.Restart) return result;
      const message = 'The KB language server stopped unexpectedly and was restarted.';
      void vscode.window.showWarningMessage(message, 'Show output').then((choice) => {
        if (choice !== undefined) client().outputChannel.show(true);
      });
      return { action: CloseAction.Restart, message, handled: true };
    },
  };
}

/** Nothing to do: the client is stopped through the subscriptions. */
export function deactivate(): void {}

function showStatus(item: vscode.StatusBarItem, status: KbStatus): void {
  if (status.kbs === 0 || !kbEnabledAnywhere()) {
    item.hide();
    return;
  }
  const counts = `$(error) ${status.errors} $(warning) ${status.warnings}`;
  item.text = status.busy ? `$(sync~spin) KB ${counts}` : `KB ${counts}`;
  item.tooltip = `${status.files} files checked in ${status.kbs} KB${status.kbs === 1 ? '' : 's'}: ${status.errors} errors, ${status.warnings} warnings, ${status.infos} infos${status.busy ? ' (checking...)' : ''}. Click to open the Problems view.`;
  item.show();
}

/**
 * "KB: New article from template": asks for a title, then creates
 * `articles/<slug>.md` in the chosen KB from its `templates/troubleshooting-article.md`
 * (or the bundled one) and opens it.
 */
async function newArticleFromTemplate(context: vscode.ExtensionContext): Promise<void> {
  const configs = await vscode.workspace.findFiles('**/kb.config.json', '**/node_modules/**', 50);
  const roots = configs.map((uri) => vscode.Uri.joinPath(uri, '..'));
  if (roots.length === 0) {
    void vscode.window.showWarningMessage('No KB in this workspace: a KB is a folder with a kb.config.json file.');
    return;
  }
  const root = roots.length === 1
    ? roots[0]
    : (await vscode.window.showQuickPick(roots.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { placeHolder: 'KB for the new article' }))?.uri;
  if (root === undefined) return;
  const title = await vscode.window.showInputBox({ prompt: 'Title of the new troubleshooting article', placeHolder: 'The client shows a credential prompt at startup' });
  if (!title) return;
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'new-article';
  const target = vscode.Uri.joinPath(root, 'articles', `${slug}.md`);
  if (await exists(target)) {
    void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(target)} already exists.`);
    return;
  }
  const template = await readTemplate(vscode.Uri.joinPath(root, 'templates', 'troubleshooting-article.md'))
    ?? await readTemplate(vscode.Uri.file(context.asAbsolutePath('kb/templates/troubleshooting-article.md')))
    ?? '---\ntitle: ""\ndescription: ""\nms.topic: troubleshooting\nms.date: ""\nappliesto:\n  - ""\n---\n\n# \n\n## Symptoms\n\n## Cause\n\n## Resolution\n';
  const now = new Date();
  const date = `${String(now.getMonth() + 1).padStart(2, '0')}/${String(now.getDate()).padStart(2, '0')}/${now.getFullYear()}`;
  const text = template
    .replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`)
    .replace(/^ms\.date: .*$/m, `ms.date: ${date}`)
    .replace(/^# .*$/m, `# ${title}`);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(target);
}

async function readTemplate(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The scheme of the decision table pages: virtual documents, so the server never takes them for files of a KB. */
const DECISION_TABLE_SCHEME = 'kb-decision-table';

/** The pages the server rendered, by model id. */
const decisionTablePages = new (class implements vscode.TextDocumentContentProvider {
  readonly pages = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;

  set(table: DecisionTable): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: DECISION_TABLE_SCHEME, path: `/${table.modelId}.md` });
    this.pages.set(table.modelId, table.markdown);
    this.changes.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pages.get(uri.path.replace(/^\//, '').replace(/\.md$/, '')) ?? '';
  }
})();

/**
 * "KB: Show decision table": asks the server for the decision tables of the
 * active document's KB (it renders them by running each model), asks which
 * model when there are several, and opens the page in a locked, pinned Markdown
 * preview beside the active editor.
 */
async function showDecisionTable(client: LanguageClient): Promise<void> {
  if (client.state !== State.Running) {
    void vscode.window.showInformationMessage('The KB language server is not running: open a KB (a folder with kb.config.json) first.');
    return;
  }
  const uri = vscode.window.activeTextEditor?.document.uri;
  const { tables } = await client.sendRequest<DecisionTablesResult>(DECISION_TABLES_REQUEST, uri?.scheme === 'file' ? { uri: uri.toString() } : {});
  const table = tables.length <= 1
    ? tables[0]
    : (await vscode.window.showQuickPick(tables.map((candidate) => ({ label: candidate.title, description: candidate.modelId, table: candidate })), { placeHolder: 'Which problem model?' }))?.table;
  if (table === undefined) {
    if (tables.length === 0) void vscode.window.showInformationMessage('No problem model of this KB has a decision table.');
    return;
  }
  // Locked: an unlocked Markdown preview follows the active editor, so the next Markdown file opened would replace the table.
  await vscode.commands.executeCommand('markdown.showLockedPreviewToSide', decisionTablePages.set(table));
  await vscode.commands.executeCommand('workbench.action.keepEditor');
}
