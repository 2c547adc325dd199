import {
  type CompletionItem,
  CompletionItemKind,
  type Connection,
  type DocumentSymbol,
  FoldingRangeKind,
  InsertTextFormat,
  type Location as LspLocation,
  MarkupKind,
  type ServerCapabilities,
  SymbolKind,
  type TextEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver';
import type { Finding, KnowledgeBase } from '../core/index.js';
import {
  type CompletionEntry,
  claimHoverAt,
  completionsAt,
  definitionAt,
  documentLinksOf,
  foldingRegionsOf,
  hoverAt,
  type Location,
  type OutlineItem,
  outlineOf,
  prepareHeadingRename,
  referencesAt,
  renameHeading,
  workspaceSymbols,
} from '../core/language/index.js';
import { decisionTableCoverage } from '../core/scenario/coverage.js';
import { modelsWithTables, renderDecisionTable } from '../core/scenario/decision-table.js';
import type { ProblemModel } from '../core/scenario/model/model-types.js';
import { evaluationOf, scenarioInputs } from '../core/scenario/scenario-inputs.js';
import { cancellable } from './cancellation.js';
import { pathToUri } from './convert.js';
import { DECISION_TABLES_REQUEST, type DecisionTablesParams, type DecisionTablesResult } from './protocol.js';

/** What the editor features need from the server: the current KB of a document, and the settings. */
export interface FeatureHost {
  /** The KB that checks the document at `uri` (buffers applied), or `undefined` outside every KB. */
  kbOf(uri: string): Promise<{ kb: KnowledgeBase; path: string } | undefined>;
  allKbs(): Promise<readonly KnowledgeBase[]>;
  /** Whether glossary terms are proposed while typing prose in the file at `path` (its folder's `kb.completion.terms`). */
  termCompletion(path: string): boolean;
  /** The current date (the host's clock), proposed for `ms.date`. */
  today(): Date;
  /** The current findings of a checked file (empty before its first check). */
  findings(path: string): readonly Finding[];
}

/** Capabilities of the editor features, merged into the server's `initialize` result. */
export const FEATURE_CAPABILITIES: ServerCapabilities = {
  hoverProvider: true,
  completionProvider: { triggerCharacters: ['(', '/', '#', '"', ' '], resolveProvider: false },
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: { label: 'KB' },
  workspaceSymbolProvider: true,
  documentLinkProvider: { resolveProvider: false },
  foldingRangeProvider: true,
};

const COMPLETION_KINDS: Readonly<Record<CompletionEntry['kind'], CompletionItemKind>> = {
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
  anchor: CompletionItemKind.Reference,
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  term: CompletionItemKind.Text,
  step: CompletionItemKind.Snippet,
};

const SYMBOL_KINDS: Readonly<Record<OutlineItem['kind'], SymbolKind>> = {
  heading: SymbolKind.String,
  feature: SymbolKind.Module,
  rule: SymbolKind.Namespace,
  background: SymbolKind.Constructor,
  scenario: SymbolKind.Function,
  examples: SymbolKind.Array,
};

/**
 * Installs the editor features: each handler finds the document's KB, calls
 * one engine function and converts its plain result to LSP. No feature
 * logic lives here.
 */
export function registerFeatures(connection: Connection, host: FeatureHost): void {
  connection.onHover(cancellable(async ({ textDocument, position }) => {
    const target = await host.kbOf(textDocument.uri);
    if (target === undefined) return null;
    // A flagged claim explains itself first; a glossary term in the same sentence still gets its definition below.
    const claim = claimHoverAt(target.kb, host.findings(target.path), position, pathToUri);
    const hover = hoverAt(target.kb, target.path, position, { linkTo: pathToUri });
    const parts = [claim?.markdown, hover?.markdown].filter((part): part is string => part !== undefined);
    const range = hover?.range ?? claim?.range;
    return range === undefined ? null : { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
  }));

  connection.onRequest(DECISION_TABLES_REQUEST, async (params: DecisionTablesParams): Promise<DecisionTablesResult> => {
    const kb = (params.uri === undefined ? undefined : await host.kbOf(params.uri))?.kb ?? (await host.allKbs())[0];
    if (kb === undefined) return { tables: [] };
    const { catalog } = scenarioInputs(kb);
    const files = kb.scenarios().map((file) => ({ path: file.path, evaluation: evaluationOf(file, catalog) }));
    const page = (model: ProblemModel): string => {
      const rows = decisionTableCoverage(model, files);
      return renderDecisionTable(model, rows === undefined ? undefined : { rows, link: (path, line) => `${pathToUri(path)}#L${line + 1}` }) ?? '';
    };
    return { tables: modelsWithTables(kb.knowledge.models).map((model) => ({ modelId: model.id, title: model.table?.title ?? model.title, markdown: page(model) })) };
  });

  connection.onCompletion(cancellable(async ({ textDocument, position }) => {
    const target = await host.kbOf(textDocument.uri);
    if (target === undefined) return null;
    return completionsAt(target.kb, target.path, position, { terms: host.termCompletion(target.path), today: host.today() }).map(toCompletionItem);
  }));

  connection.onDefinition(cancellable(async ({ textDocument, position }) => {
    const target = await host.kbOf(textDocument.uri);
    return target ? definitionAt(target.kb, target.path, position).map(toLocation) : null;
  }));

  connection.onReferences(cancellable(async ({ textDocument, position, context }) => {
    const target = await host.kbOf(textDocument.uri);
    return target ? referencesAt(target.kb, target.path, position, context.includeDeclaration).map(toLocation) : null;
  }));

  connection.onPrepareRename(cancellable(async ({ textDocument, position }) => {
    const target = await host.kbOf(textDocument.uri);
    const rename = target && prepareHeadingRename(target.kb, target.path, position);
    return rename ? { range: rename.range, placeholder: rename.placeholder } : null;
  }));

  connection.onRenameRequest(cancellable(async ({ textDocument, position, newName }) => {
    const target = await host.kbOf(textDocument.uri);
    const edits = target && renameHeading(target.kb, target.path, position, newName);
    if (!edits) return null;
    const changes: Record<string, TextEdit[]> = {};
    for (const [path, list] of edits) changes[pathToUri(path)] = list.map((edit) => ({ range: edit.range, newText: edit.newText }));
    return { changes };
  }));

  connection.onDocumentSymbol(cancellable(async ({ textDocument }) => {
    const target = await host.kbOf(textDocument.uri);
    return target ? outlineOf(target.kb, target.path).map(toDocumentSymbol) : null;
  }));

  connection.onWorkspaceSymbol(cancellable(async ({ query }) => {
    const symbols: WorkspaceSymbol[] = workspaceSymbols(await host.allKbs(), query).map((symbol) => ({
      name: symbol.name,
      kind: symbol.kind === 'article' ? SymbolKind.File : symbol.kind === 'term' ? SymbolKind.Key : SymbolKind.Function,
      containerName: symbol.container,
      location: toLocation(symbol.location),
    }));
    return symbols;
  }));

  connection.onDocumentLinks(cancellable(async ({ textDocument }) => {
    const target = await host.kbOf(textDocument.uri);
    if (target === undefined) return null;
    return documentLinksOf(target.kb, target.path).map((link) => ({
      range: link.range,
      target: link.targetLine === undefined ? pathToUri(link.targetPath) : `${pathToUri(link.targetPath)}#L${link.targetLine + 1}`,
    }));
  }));

  connection.onFoldingRanges(cancellable(async ({ textDocument }) => {
    const target = await host.kbOf(textDocument.uri);
    if (target === undefined) return null;
    return foldingRegionsOf(target.kb, target.path).map((region) => ({
      startLine: region.startLine,
      endLine: region.endLine,
      ...(region.kind === 'comment' ? { kind: FoldingRangeKind.Comment } : region.kind === 'region' ? { kind: FoldingRangeKind.Region } : {}),
    }));
  }));
}

function toLocation(location: Location): LspLocation {
  return { uri: pathToUri(location.path), range: location.range };
}

function toCompletionItem(entry: CompletionEntry): CompletionItem {
  return {
    label: entry.label,
    kind: COMPLETION_KINDS[entry.kind],
    ...(entry.detail ? { detail: entry.detail } : {}),
    ...(entry.documentation ? { documentation: { kind: MarkupKind.Markdown, value: entry.documentation } } : {}),
    ...(entry.sortText ? { sortText: entry.sortText } : {}),
    textEdit: { range: entry.range, newText: entry.insertText ?? entry.label },
    ...(entry.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    ...(entry.retrigger ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
  };
}

function toDocumentSymbol(item: OutlineItem): DocumentSymbol {
  return {
    name: item.name,
    detail: item.detail,
    kind: SYMBOL_KINDS[item.kind],
    range: item.range,
    selectionRange: item.selectionRange,
    children: item.children.map(toDocumentSymbol),
  };
}
