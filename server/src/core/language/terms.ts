import type { GlossaryEntry } from '../domain/domain-types.js';
import type { TermSpellingKind } from '../domain/term-matcher.js';
import type { KnowledgeBase } from '../knowledge-base.js';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import type { Position, Range } from '../types.js';
import { linkTarget, rangeContains } from './locate.js';

/** A glossary mention in a KB file, with where it is and whether it is already the text of a link. */
export interface TermOccurrence {
  readonly entry: GlossaryEntry;
  readonly kind: TermSpellingKind;
  /** The text as written. */
  readonly text: string;
  readonly range: Range;
  readonly start: number;
  readonly end: number;
  /** Inside the text of a link (to the glossary or anywhere else). */
  readonly inLink: boolean;
}

/**
 * Every glossary mention in a file: the prose of Markdown files (headings,
 * lists, tables; not code, HTML or URLs), the names and step texts of
 * scenario files. Glossary files do not mention their own term.
 */
export function termOccurrences(kb: KnowledgeBase, path: string): TermOccurrence[] {
  return occurrencesWithin(kb, path, () => true);
}

/** The glossary mention under `position`, or `undefined`. Looks only at the stretch of text holding the position. */
export function termAt(kb: KnowledgeBase, path: string, position: Position): TermOccurrence | undefined {
  return occurrencesWithin(kb, path, (start, end, offset) => start <= offset && offset <= end, position)
    .find((occurrence) => rangeContains(occurrence.range, position));
}

/** The mentions in the text stretches (prose spans, scenario names and steps) that `keep` accepts. */
function occurrencesWithin(kb: KnowledgeBase, path: string, keep: (start: number, end: number, offset: number) => boolean, position?: Position): TermOccurrence[] {
  const file = kb.parse(path);
  const terms = kb.knowledge.terms;
  if (file?.kind === 'markdown') {
    const text = file.document.text;
    const offset = position === undefined ? 0 : file.document.offsetAt(position);
    const spans = file.prose.filter((span) => keep(span.start, span.end, offset));
    if (spans.length === 0) return [];
    const linkSpans = file.links.map((link) => [file.document.offsetAt(link.range.start), file.document.offsetAt(link.range.end)] as const);
    return spans.flatMap((span) => terms.find(text, span.start, span.end))
      .filter((mention) => mention.entry.path !== path)
      .map((mention) => ({
        entry: mention.entry,
        kind: mention.kind,
        text: text.slice(mention.start, mention.end),
        range: file.document.rangeAt(mention.start, mention.end),
        start: mention.start,
        end: mention.end,
        inLink: linkSpans.some(([start, end]) => mention.start >= start && mention.end <= end),
      }));
  }
  if (file?.kind === 'scenario') {
    const document = file.document;
    const offset = position === undefined ? 0 : document.offsetAt(position);
    const ranges: Range[] = [
      ...(file.feature ? [file.feature.nameRange] : []),
      ...file.scenarios.flatMap((scenario) => [scenario.nameRange, ...scenario.steps.map((step) => step.textRange)]),
      ...file.backgrounds.flatMap((background) => background.steps.map((step) => step.textRange)),
    ];
    return ranges.flatMap((range) => {
      const start = document.offsetAt(range.start);
      const end = document.offsetAt(range.end);
      if (!keep(start, end, offset)) return [];
      return terms.find(document.text, start, end).map((mention) => ({
        entry: mention.entry,
        kind: mention.kind,
        text: document.text.slice(mention.start, mention.end),
        range: document.rangeAt(mention.start, mention.end),
        start: mention.start,
        end: mention.end,
        inLink: false,
      }));
    });
  }
  return [];
}

/** Whether an article already links to the glossary file of `entry` anywhere. */
export function linksToEntry(kb: KnowledgeBase, file: MarkdownFile, entry: GlossaryEntry): boolean {
  return file.links.some((link) => linkTarget(kb, file, link)?.path === entry.path);
}
