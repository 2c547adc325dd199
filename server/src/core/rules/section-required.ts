import type { SectionRequirement } from '../config/config.js';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import type { Fix } from '../types.js';
import { defineRule } from './rule.js';
import { findSection, isTroubleshooting, sectionEnd } from './support/sections.js';

/** `section-required`: troubleshooting articles have Symptoms, Cause and Resolution sections, in that order. */
export const sectionRequired = defineRule({
  id: 'section-required',
  description: 'Troubleshooting articles (`ms.topic: troubleshooting`) must have the H2 sections Symptoms, Cause and Resolution (or their synonyms), in that order.',
  defaultSeverity: 'warning',
  appliesTo: 'article',
  fix: 'suggestion',
  check({ file, config, report }) {
    if (!isTroubleshooting(file)) return;
    const found = config.sections.map((requirement) => ({ requirement, heading: findSection(file, requirement) }));
    const title = file.headings.find((heading) => heading.depth === 1);
    if (found.every((entry) => entry.heading === undefined)) {
      // An article with none of the sections is usually another kind of article filed as troubleshooting: say so once.
      const names = config.sections.map((section) => section.name);
      report({
        range: title?.range ?? file.document.rangeAt(0, 0),
        message: `Troubleshooting articles need the sections ${names.map((name) => `"## ${name}"`).join(', ')}; this one has none of them. Add them, or set "ms.topic" to the article's real type.`,
        fixes: [insertAllSkeletons(file, config.sections)],
      });
      return;
    }
    let previous: (typeof found)[number] | undefined;
    found.forEach((entry, index) => {
      if (entry.heading === undefined) {
        const accepted = entry.requirement.synonyms.length > 0 ? ` (or ${entry.requirement.synonyms.map((synonym) => `"${synonym}"`).join(', ')})` : '';
        report({
          range: title?.range ?? file.document.rangeAt(0, 0),
          message: `Missing section "## ${entry.requirement.name}"${accepted} required in troubleshooting articles.`,
          fixes: [insertSkeleton(file, entry.requirement, found.slice(index + 1).find((later) => later.heading !== undefined)?.heading?.start, previous?.heading)],
        });
        return;
      }
      if (previous?.heading !== undefined && entry.heading.start < previous.heading.start) {
        report({
          range: entry.heading.range,
          message: `Section "${entry.heading.text}" comes before "${previous.heading.text}"; expected the order ${config.sections.map((section) => section.name).join(', ')}.`,
        });
      }
      previous = entry;
    });
  },
});

function insertSkeleton(file: MarkdownFile, requirement: SectionRequirement, before: number | undefined, after: MarkdownFile['headings'][number] | undefined): Fix {
  const document = file.document;
  const eol = document.eol;
  const at = before ?? (after === undefined ? document.text.length : sectionEnd(file, after));
  const atEnd = at === document.text.length;
  const lead = atEnd && !document.text.endsWith('\n') ? eol + eol : atEnd ? eol : '';
  const skeleton = `${lead}## ${requirement.name}${eol}${eol}<Describe the ${requirement.name.toLowerCase()}.>${eol}${atEnd ? '' : eol}`;
  const position = document.positionAt(at);
  return { title: `Insert a "${requirement.name}" section`, safe: false, edits: [{ range: { start: position, end: position }, newText: skeleton }] };
}

function insertAllSkeletons(file: MarkdownFile, sections: readonly SectionRequirement[]): Fix {
  const edits = sections.map((requirement) => insertSkeleton(file, requirement, undefined, undefined).edits[0]).filter((edit) => edit !== undefined);
  const first = edits[0];
  const combined = first === undefined ? [] : [{ range: first.range, newText: edits.map((edit) => edit.newText).join('') }];
  return { title: `Insert the sections ${sections.map((section) => section.name).join(', ')}`, safe: false, edits: combined };
}
