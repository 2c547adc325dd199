import type { Formatter } from './format-context.js';
import { inertJson } from './inert-text.js';

/**
 * `json`: the contract for CI tools. An array of
 * `{file, line, column, endLine, endColumn, severity, rule, message, fixable}`,
 * exactly these keys in this order.
 */
export const formatJson: Formatter = (findings) => {
  const plain = findings.map(({ file, line, column, endLine, endColumn, severity, rule, message, fixable }) => ({ file, line, column, endLine, endColumn, severity, rule, message, fixable }));
  return `${inertJson(plain, 2)}\n`;
};
