/**
 * Editor features over a KB, as plain data: the language server converts
 * them to LSP, and any other host could render them its own way.
 */
export { claimExplanationTargets, claimHoverAt, type ExplanationTarget } from './claim-explanation.js';
export { completionsAt, type CompletionEntry, type CompletionOptions } from './completion.js';
export { definitionAt } from './definition.js';
export { documentLinksOf, type DocumentLinkItem } from './document-links.js';
export { glossaryLinkFixes } from './glossary-link.js';
export { hoverAt, type HoverContent } from './hover.js';
export type { Location } from './locate.js';
export { foldingRegionsOf, outlineOf, workspaceSymbols, type FoldingRegion, type OutlineItem, type WorkspaceSymbolItem } from './outline.js';
export { referencesAt } from './references.js';
export { scenarioRemediationFixes } from './scenario-actions.js';
export { prepareHeadingRename, renameHeading, type RenameTarget } from './rename.js';
