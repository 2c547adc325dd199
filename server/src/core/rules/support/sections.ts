import type { SectionRequirement } from '../../config/config.js';
import type { KbView } from '../../kb-view.js';
import type { MarkdownFile, MarkdownHeading } from '../../markdown/parse-markdown.js';

/**
 * Whether the article's effective `ms.topic` is `troubleshooting`: its front
 * matter, or else the `docfx.json` `fileMetadata` or `globalMetadata` that
 * the Learn build applies to it. The one place where rules read an
 * article's topic.
 */
export function isTroubleshooting(kb: KbView, file: MarkdownFile): boolean {
  const topic = kb.effectiveMetadata(file).get('ms.topic')?.value;
  return typeof topic === 'string' && topic.trim().toLowerCase() === 'troubleshooting';
}

/** Normalizes a heading for comparison with section names: case, surrounding and repeated spaces, a trailing colon. */
export function normalizeSectionName(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/\s*:$/, '').toLowerCase();
}

/**
 * Whether a heading names a section: exactly (`## Resolution`), numbered
 * (`## Resolution 1`, `## Method 2`) or qualified after a separator or in
 * parentheses (`## Resolution 1 - Reset the profile`, `## Method 2: Use the
 * registry`, `## Solution - Exchange Online`, `## Cause (Outlook 2016)`,
 * `## Resolution for scenario 2`).
 */
export function headingNamesSection(headingText: string, names: ReadonlySet<string>): boolean {
  return normalizedNamesSection(normalizeSectionName(headingText), names);
}

/** {@link headingNamesSection} for a heading already normalized with {@link normalizeSectionName}. */
function normalizedNamesSection(heading: string, names: ReadonlySet<string>): boolean {
  if (names.has(heading)) return true;
  for (const name of names) {
    if (!heading.startsWith(name)) continue;
    const qualifier = heading.slice(name.length).replace(/^ \d+[a-z]?/, '');
    if (qualifier === '' || /^ ?[-:\u2013\u2014.]|^ \(.*\)$|^ for /.test(qualifier)) return true;
  }
  return false;
}

/** The first heading of `depth` among `headings` that names `requirement` (its name or a synonym), or `undefined`. */
export function findSectionAmong(headings: readonly MarkdownHeading[], requirement: SectionRequirement, depth = 2): MarkdownHeading | undefined {
  const names = sectionNames(requirement);
  return headings.find((heading) => heading.depth === depth && headingNamesSection(heading.text, names));
}

function sectionNames(requirement: SectionRequirement): Set<string> {
  return new Set([requirement.name, ...requirement.synonyms].map(normalizeSectionName));
}

/** The first H2 that names `requirement` (its name or a synonym), or `undefined`. */
export function findSection(file: MarkdownFile, requirement: SectionRequirement): MarkdownHeading | undefined {
  return findSectionAmong(file.headings, requirement);
}

/** Offset where the section under `heading` ends: the next heading of the same or a higher level, or the end of the file. */
export function sectionEnd(file: MarkdownFile, heading: MarkdownHeading): number {
  const next = file.headings.find((candidate) => candidate.start > heading.start && candidate.depth <= heading.depth);
  return next?.start ?? file.document.text.length;
}

/** The required sections of one level of an article, as found. */
export interface SectionGroup {
  /** The H2 a per-issue group stands under; `undefined` for the article's own H2 sections. */
  readonly parent: MarkdownHeading | undefined;
  /** Level of the group's sections: 2 for the article's, 3 under a per-issue H2. */
  readonly depth: 2 | 3;
  readonly found: ReadonlyArray<{ readonly requirement: SectionRequirement; readonly heading: MarkdownHeading | undefined }>;
}

/**
 * Where a troubleshooting article keeps its required sections. Most have them
 * as H2s; an article about several problems may give each its H2 and hold
 * the sections as H3s below it (a per-issue group: an H2 whose H3s name at
 * least two different required sections). Returns the article's own H2 level
 * when any required section is there (an H2 heading a per-issue group does
 * not count), else every per-issue group; empty when the article has none of
 * the sections anywhere.
 */
export function troubleshootingStructure(file: MarkdownFile, sections: readonly SectionRequirement[]): SectionGroup[] {
  // section-required and section-empty both ask, with the same configuration.
  const known = structures.get(file);
  if (known?.sections === sections) return known.groups;
  const groups = structureOf(file.headings, sections);
  structures.set(file, { sections, groups });
  return groups;
}

const structures = new WeakMap<MarkdownFile, { readonly sections: readonly SectionRequirement[]; readonly groups: SectionGroup[] }>();

/** {@link troubleshootingStructure} of headings in document order: each heading's text normalized once, each H2's subsections a run of the list. */
function structureOf(headings: readonly MarkdownHeading[], sections: readonly SectionRequirement[]): SectionGroup[] {
  const names = sections.map(sectionNames);
  const normalized = headings.map((heading) => normalizeSectionName(heading.text));
  const foundAmong = (from: number, to: number, depth: 2 | 3, skipped?: ReadonlySet<number>): SectionGroup['found'] =>
    sections.map((requirement, index) => {
      const wanted = names[index] ?? new Set<string>();
      for (let at = from; at < to; at++) {
        const heading = headings[at];
        if (heading?.depth === depth && !skipped?.has(at) && normalizedNamesSection(normalized[at] ?? '', wanted)) return { requirement, heading };
      }
      return { requirement, heading: undefined };
    });
  const groups: SectionGroup[] = [];
  const parents = new Set<number>();
  headings.forEach((parent, index) => {
    if (parent.depth !== 2) return;
    // The section ends at the next heading of the same or a higher level.
    let end = index + 1;
    while (end < headings.length && (headings[end]?.depth ?? 0) > parent.depth) end++;
    const found = foundAmong(index + 1, end, 3);
    if (found.filter((entry) => entry.heading !== undefined).length < 2) return;
    groups.push({ parent, depth: 3, found });
    parents.add(index);
  });
  const found = foundAmong(0, headings.length, 2, parents);
  return found.some((entry) => entry.heading !== undefined) ? [{ parent: undefined, depth: 2, found }] : groups;
}
