import type { Cause } from '../domain/domain-types.js';
import { escapeRegExp } from '../escape-regexp.js';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import type { Fix } from '../types.js';
import { defineRule } from './rule.js';
import { setFrontMatterValue } from './support/front-matter-edits.js';

/** `cause-undeclared`: an article mentions a cause's signals but declares no causes. */
export const causeUndeclared = defineRule({
  id: 'cause-undeclared',
  description: 'An article whose prose contains the signal phrases of a cause should declare it in `causes`, so that its Resolution is checked for remediation links.',
  defaultSeverity: 'info',
  appliesTo: 'article',
  fix: 'suggestion',
  check({ file, kb, report }) {
    // Front matter that does not parse may well declare causes (frontmatter-invalid reports it), and no fix could add one.
    const unreadable = file.frontMatter !== undefined && file.frontMatter.data === undefined;
    if (unreadable || declaresCauses(file) || kb.knowledge.causes.length === 0) return;
    const prose = joinedProse(file);
    for (const cause of kb.knowledge.causes) {
      const signal = firstSignal(prose, cause);
      if (signal === undefined) continue;
      report({
        range: file.document.rangeAt(signal.start, signal.end),
        message: `The article mentions "${signal.text}", a signal of the cause "${cause.id}" (${cause.title}), but declares no causes; declare it in "causes" if the article discusses it.`,
        related: [{ path: cause.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `Cause "${cause.id}"` }],
        fixes: declareFix(file, cause),
      });
    }
  },
});

function declaresCauses(file: MarkdownFile): boolean {
  const value = file.frontMatter?.data?.causes;
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== '';
}

/** The patterns of each cause, made once: causes are immutable, and every article is tested against the same ones. */
const PATTERNS = new WeakMap<Cause, readonly RegExp[]>();

/** One pattern per signal: whole words, any letter case, any run of whitespace between words. */
function patternsOf(cause: Cause): readonly RegExp[] {
  let patterns = PATTERNS.get(cause);
  if (patterns === undefined) {
    // Without the `g` or `y` flag, `exec` keeps no state between calls: a pattern is safe to share.
    patterns = cause.signals
      .map((signal) => signal.trim())
      .filter((signal) => signal !== '')
      .map((signal) => new RegExp(`(?<![\\p{L}\\p{N}])${signal.split(/\s+/).map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu'));
    PATTERNS.set(cause, patterns);
  }
  return patterns;
}

/**
 * The article's prose as one string, spans joined by a space so that a signal
 * may cross inline markup (`cancels the [prompt](...)`), with the document
 * offset of each span's start in the joined string.
 */
function joinedProse(file: MarkdownFile): { text: string; segments: Array<{ at: number; start: number }> } {
  const segments: Array<{ at: number; start: number }> = [];
  let text = '';
  for (const span of file.prose) {
    segments.push({ at: text.length, start: span.start });
    text += `${file.document.text.slice(span.start, span.end)} `;
  }
  return { text, segments };
}

/** The earliest signal of `cause` in the article's prose, as document offsets. */
function firstSignal(prose: ReturnType<typeof joinedProse>, cause: Cause): { start: number; end: number; text: string } | undefined {
  let first: RegExpExecArray | undefined;
  for (const pattern of patternsOf(cause)) {
    const match = pattern.exec(prose.text);
    if (match !== null && (first === undefined || match.index < first.index)) first = match;
  }
  if (first === undefined) return undefined;
  const toDocument = (offset: number): number => {
    const segment = prose.segments.findLast((candidate) => candidate.at <= offset) ?? { at: 0, start: 0 };
    return segment.start + offset - segment.at;
  };
  // The end is mapped from the last matched character, which always lies inside a span (never on a joining space).
  return { start: toDocument(first.index), end: toDocument(first.index + first[0].length - 1) + 1, text: first[0].replace(/\s+/g, ' ') };
}

function declareFix(file: MarkdownFile, cause: Cause): Fix[] {
  const edit = setFrontMatterValue(file, 'causes', `[${cause.id}]`);
  return edit === undefined ? [] : [{ title: `Declare the cause "${cause.id}" in the front matter`, safe: false, edits: [edit] }];
}
