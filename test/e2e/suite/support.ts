/**
 * Helpers of the in-editor suite. Every wait here ends on an editor event
 * (the client's state, `onDidChangeDiagnostics`) or on the mocha timeout;
 * nothing sleeps.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node.js';

/** `publisher.name` of the extension under test. */
export const EXTENSION_ID = 'kb-authoring.kb-authoring';

/** Longest wait for the language client to reach the running state. */
const CLIENT_START_MS = 20_000;

let client: Promise<LanguageClient> | undefined;

/**
 * The extension, activated, and its language client once it runs. Decided
 * once per run: when the client does not start, every test that needs it
 * fails at once with the same reason.
 */
export function runningClient(): Promise<LanguageClient> {
  client ??= activate();
  return client;
}

async function activate(): Promise<LanguageClient> {
  const extension = vscode.extensions.getExtension<LanguageClient>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  const languageClient = await extension.activate();
  assert.ok(languageClient, 'activate() returns the language client');
  if (languageClient.state === State.Running) return languageClient;
  let listener: vscode.Disposable | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      listener = languageClient.onDidChangeState((event) => {
        if (event.newState === State.Running) resolve();
      });
      timer = setTimeout(() => reject(new Error(`the language client is not running after ${CLIENT_START_MS / 1000} s (state ${State[languageClient.state]})`)), CLIENT_START_MS);
    });
  } finally {
    listener?.dispose();
    clearTimeout(timer);
  }
  return languageClient;
}

/** The URI of a file of the workspace KB, from the KB root. */
export function kbUri(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the KB is open as the workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...path.split('/'));
}

/** Opens a file of the workspace KB in an editor. */
export async function openKbFile(path: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(kbUri(path));
  return vscode.window.showTextDocument(document);
}

/** Puts back the file's text on disk into its open editor. */
export async function revert(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(document.isDirty, false, `${document.fileName} is reverted`);
}

/** The rule id of a KB diagnostic (its code, which may carry a link to the rule's page). */
export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/**
 * The diagnostics of `uri` as soon as `accept` holds for them: now, or after
 * one of the next `onDidChangeDiagnostics` events.
 */
export function diagnosticsWhen(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      resolve(diagnostics);
      return true;
    };
    if (check()) return;
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString()) && check()) listener.dispose();
    });
  });
}

/** The diagnostics of `uri` once one of rule `ruleId` is among them. */
export async function diagnosticOf(uri: vscode.Uri, ruleId: string): Promise<vscode.Diagnostic> {
  const diagnostics = await diagnosticsWhen(uri, (all) => all.some((diagnostic) => ruleOf(diagnostic) === ruleId));
  const found = diagnostics.find((diagnostic) => ruleOf(diagnostic) === ruleId);
  assert.ok(found);
  return found;
}

/** Resolves once `uri` has no diagnostic of rule `ruleId` left. */
export async function noDiagnosticOf(uri: vscode.Uri, ruleId: string): Promise<void> {
  await diagnosticsWhen(uri, (all) => all.every((diagnostic) => ruleOf(diagnostic) !== ruleId));
}

/** The position of the first `needle` in the document, `offset` characters into it. */
export function positionOf(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const index = document.getText().indexOf(needle);
  assert.notEqual(index, -1, `"${needle}" is in ${document.fileName}`);
  return document.positionAt(index + offset);
}

/** The range of the first `needle` in the document. */
export function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
  const start = positionOf(document, needle);
  return new vscode.Range(start, start.translate(0, needle.length));
}

/** The text of hover contents, whatever form each part takes. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((part) => (typeof part === 'string' ? part : part.value))
    .join('\n');
}

/**
 * Process ids of the language servers this extension host started: its
 * children running the bundled `server.cjs`. Read from `/proc`, so only on
 * Linux; tests that need it skip elsewhere.
 */
export function languageServerPids(): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((pid) => {
    try {
      const parent = /^\d+ \(.*\) \S (\d+)/s.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
      return Number(parent) === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server.cjs');
    } catch {
      return false; // The process ended while it was looked at.
    }
  }).map(Number);
}

/** The states the client goes through from now until it runs again. */
export function statesUntilRunning(languageClient: LanguageClient): Promise<State[]> {
  const states: State[] = [];
  return new Promise((resolve) => {
    const listener = languageClient.onDidChangeState((event) => {
      states.push(event.newState);
      if (event.newState !== State.Running) return;
      listener.dispose();
      resolve(states);
    });
  });
}
