import { RULE_DOCS_BASE_URL } from '../../core/index.js';

/** The name outputs give the tool that found the problems. */
export const TOOL_NAME = 'kb-lint';

/** The project's home page: the repository the rule pages live in. */
export const TOOL_URL = RULE_DOCS_BASE_URL.replace(/\/blob\/.*$/, '');
