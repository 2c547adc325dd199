/**
 * The engine's public surface: hosts (the language server, the CLI, tests)
 * import from here only.
 */
export { checkFile, compareFindings, severityRank, type CheckOptions } from './check.js';
export { DEFAULT_CONFIG, parseConfig, type KbConfig } from './config/config.js';
export { kbConfigSchema } from './config/config-schema.js';
export type { Cause, GlossaryEntry, Remediation } from './domain/domain-types.js';
export { Knowledge } from './domain/knowledge.js';
export { TermMatcher, type TermMention, type TermSpellingKind } from './domain/term-matcher.js';
export { Engine, type EngineOptions, kbRootsIn, type OpenKbOptions } from './engine.js';
export type { FolderListing } from './kb-folder.js';
export { AWAITING_TIMING, BINARY_FILE, type EntryKind, type FileContent, InMemoryFileSystem, type KbFileSystem, type OverTimeBudget, TOO_LARGE_FILE } from './kb-file-system.js';
export type { KbView } from './kb-view.js';
export { CONFIG_FILE_NAME, KnowledgeBase, type KnowledgeBaseOptions, SKIPPED_FOLDERS } from './knowledge-base.js';
export { parseMarkdown, type MarkdownFile } from './markdown/parse-markdown.js';
export { resolveLink, type ResolvedLink } from './markdown/resolve-link.js';
export { includedFiles, pageAnchors } from './page-anchors.js';
export { RULE_METADATA, RULES, ruleById, type RuleMetadata } from './rules/registry.js';
export { ruleDocumentationUrl, RULE_DOCS_BASE_URL } from './rules/rule.js';
export { TextDocument } from './text-document.js';
export { PUBLISH_CONFIG_FILE_NAME } from './repository/publish-config.js';
export { isRepositoryFileName, RepositoryModel, type RedirectOutcome, type RedirectTarget } from './repository/repository-model.js';
export { describeSource, type EffectiveValue } from './repository/effective-metadata.js';
export { automaticFix, fixCategory, type FixCategory, orderedFixes } from './fix-policy.js';
export type { FileKind, Finding, Fix, Position, Range, RelatedLocation, Severity, TextEdit } from './types.js';
export { dirname, isInside, joinPath, normalizePath, relativePath } from './paths.js';
export type { ChangeLevel, Dependency, DependencyTarget, FileChange, ReadLevel } from './graph/dependency.js';
export { dependencySees } from './graph/dependency.js';
export { DependencyGraph } from './graph/dependency-graph.js';
export { DEPENDENCY_KINDS, type DependencyKind } from './graph/dependency-kinds.js';
export { MAX_READ_BYTES } from './limits.js';
