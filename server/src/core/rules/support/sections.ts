import type { SectionRequirement } from '../../config/config.js';
import type { MarkdownFile, MarkdownHeading } from '../../markdown/parse-markdown.js';

/** Whether the article declares `ms.topic: troubleshooting`. */
export function isTroubleshooting(file: MarkdownFile): boolean {
  const topic = file.frontMatter?.data?.['ms.topic'];
  return typeof topic === 'string' && topic.trim().toLowerCase() === 'troubleshooting';
}

/** Normalizes a heading for comparison with section names: case, surrounding and repeated spaces, a trailing colon. */
export function normalizeSectionName(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/\s*:$/, '').toLowerCase();
}

/** The first H2 that names `requirement` (its name or a synonym), or `undefined`. */
export function findSection(file: MarkdownFile, requirement: SectionRequirement): MarkdownHeading | undefined {
  const names = new Set([requirement.name, ...requirement.synonyms].map(normalizeSectionName));
  return file.headings.find((heading) => heading.depth === 2 && names.has(normalizeSectionName(heading.text)));
}

/** Offset where the section under `heading` ends: the next heading of the same or a higher level, or the end of the file. */
export function sectionEnd(file: MarkdownFile, heading: MarkdownHeading): number {
  const next = file.headings.find((candidate) => candidate.start > heading.start && candidate.depth <= heading.depth);
  return next?.start ?? file.document.text.length;
}
