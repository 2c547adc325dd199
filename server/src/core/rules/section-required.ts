import type { SectionRequirement } from '../config/config.js';
import type { MarkdownFile, MarkdownHeading } from '../markdown/parse-markdown.js';
import type { Fix } from '../types.js';
import { defineRule } from './rule.js';
import { isTroubleshooting, type SectionGroup, sectionEnd, troubleshootingStructure } from './support/sections.js';

/** `section-required`: troubleshooting articles have Symptoms, Cause and Resolution sections, in that order. */
export const sectionRequired = defineRule({
  id: 'section-required',
  description: 'Troubleshooting articles (`ms.topic: troubleshooting`) must have the sections Symptoms, Cause and Resolution (or their synonyms, numbered or qualified), in that order: as H2s, or as H3s under an H2 per problem.',
  defaultSeverity: 'warning',
  appliesTo: 'article',
  fix: 'suggestion',
  check({ file, kb, config, report }) {
    if (!isTroubleshooting(kb, file)) return;
    const title = file.headings.find((heading) => heading.depth === 1);
    const groups = troubleshootingStructure(file, config.sections);
    if (groups.length === 0) {
      // An article with none of the sections is usually another kind of article filed as troubleshooting: say so once.
      const names = config.sections.map((section) => section.name);
      report({
        range: title?.range ?? file.document.rangeAt(0, 0),
        message: `Troubleshooting articles need the sections ${names.map((name) => `"## ${name}"`).join(', ')}; this one has none of them. Add them, or set "ms.topic" to the article's real type.`,
        fixes: [insertAllSkeletons(file, config.sections)],
      });
      return;
    }
    for (const group of groups) {
      const marker = '#'.repeat(group.depth);
      const under = group.parent === undefined ? '' : ` under "${group.parent.text}"`;
      let previous: MarkdownHeading | undefined;
      group.found.forEach((entry, index) => {
        // A per-issue group's H2 names its problem, which is what its first section (Symptoms) would describe.
        if (entry.heading === undefined && group.parent !== undefined && index === 0) return;
        if (entry.heading === undefined) {
          const accepted = entry.requirement.synonyms.length > 0 ? ` (or ${entry.requirement.synonyms.map((synonym) => `"${synonym}"`).join(', ')})` : '';
          const before = group.found.slice(index + 1).find((later) => later.heading !== undefined)?.heading?.start;
          report({
            range: group.parent?.range ?? title?.range ?? file.document.rangeAt(0, 0),
            message: `Missing section "${marker} ${entry.requirement.name}"${accepted}${under} required in troubleshooting articles.`,
            fixes: [insertSkeleton(file, entry.requirement, group, before, previous)],
          });
          return;
        }
        if (previous !== undefined && entry.heading.start < previous.start) {
          report({
            range: entry.heading.range,
            message: `Section "${entry.heading.text}" comes before "${previous.text}"${under}; expected the order ${config.sections.map((section) => section.name).join(', ')}.`,
          });
        }
        previous = entry.heading;
      });
    }
  },
});

/** Inserts an empty section for `requirement` in `group`: before the next section found, after the previous one, or at the group's end. */
function insertSkeleton(file: MarkdownFile, requirement: SectionRequirement, group: SectionGroup, before: number | undefined, after: MarkdownHeading | undefined): Fix {
  const document = file.document;
  const eol = document.eol;
  const groupEnd = group.parent === undefined ? document.text.length : sectionEnd(file, group.parent);
  const at = before ?? (after === undefined ? groupEnd : sectionEnd(file, after));
  const atEnd = at === document.text.length;
  const lead = atEnd && !document.text.endsWith('\n') ? eol + eol : atEnd ? eol : '';
  const skeleton = `${lead}${'#'.repeat(group.depth)} ${requirement.name}${eol}${eol}<Describe the ${requirement.name.toLowerCase()}.>${eol}${atEnd ? '' : eol}`;
  const position = document.positionAt(at);
  return { title: `Insert a "${requirement.name}" section`, safe: false, edits: [{ range: { start: position, end: position }, newText: skeleton }] };
}

function insertAllSkeletons(file: MarkdownFile, sections: readonly SectionRequirement[]): Fix {
  const top: SectionGroup = { parent: undefined, depth: 2, found: [] };
  const edits = sections.map((requirement) => insertSkeleton(file, requirement, top, undefined, undefined).edits[0]).filter((edit) => edit !== undefined);
  const first = edits[0];
  const combined = first === undefined ? [] : [{ range: first.range, newText: edits.map((edit) => edit.newText).join('') }];
  return { title: `Insert the sections ${sections.map((section) => section.name).join(', ')}`, safe: false, edits: combined };
}
