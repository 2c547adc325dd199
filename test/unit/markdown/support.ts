import assert from 'node:assert/strict';
import type { MarkdownFile } from '../../../server/src/core/markdown/parse-markdown.js';

/** A rule id no suppression comment names, to check that unrelated rules stay unsuppressed alike. */
const OTHER_RULE = 'link-anchor';

/**
 * Every data field of a {@link MarkdownFile}; the type makes sure none is
 * forgotten (parsed files build most of them on demand, so they are not
 * their own enumerable properties).
 */
const FIELDS: Readonly<Record<Exclude<keyof MarkdownFile, 'releaseTree'>, true>> = {
  kind: true, path: true, document: true, tree: true, frontMatter: true, headings: true, anchors: true, links: true, prose: true, suppressions: true,
};

/**
 * Asserts that two Markdown files hold the same data: every field deep-equal
 * (the tree with every node's position), the document by path and text, and
 * suppressions by their mentions and their answer for every line and rule.
 */
export function assertSameMarkdownFile(actual: MarkdownFile, expected: MarkdownFile, message?: string): void {
  for (const key of Object.keys(FIELDS) as Array<keyof typeof FIELDS>) {
    if (key === 'document') {
      assert.equal(actual.document.path, expected.document.path, message);
      assert.equal(actual.document.text, expected.document.text, message);
    } else if (key === 'suppressions') {
      assert.deepEqual(actual.suppressions.mentions, expected.suppressions.mentions, message);
      const ruleIds = new Set([OTHER_RULE, ...expected.suppressions.mentions.map((mention) => mention.ruleId)]);
      for (let line = 0; line <= expected.document.lineCount; line++) {
        for (const ruleId of ruleIds) {
          assert.equal(actual.suppressions.isSuppressed(ruleId, line), expected.suppressions.isSuppressed(ruleId, line), message);
        }
      }
    } else {
      assert.deepEqual(actual[key], expected[key], message);
    }
  }
}

/** Applies `[start, end)` → `insert` to `text`. */
export function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}
