/** The engine surface the test support uses, in one place. */
export { checkFile, Engine, InMemoryFileSystem, type Knowledge, KnowledgeBase, TextDocument, type Finding, type TextEdit } from '../../server/src/core/index.js';
export type { AnyRule as AnyRuleLike } from '../../server/src/core/rules/rule.js';
