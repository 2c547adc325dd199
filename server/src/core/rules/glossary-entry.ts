import type { GlossaryEntry } from '../domain/domain-types.js';
import { frontMatterItemRange } from '../domain/front-matter-fields.js';
import { readGlossaryEntry } from '../domain/glossary.js';
import type { KbView } from '../kb-view.js';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import { relativePath } from '../paths.js';
import type { Range, RelatedLocation } from '../types.js';
import { defineRule, type ReportedFinding } from './rule.js';
import { unknownIdHelp } from './support/unknown-id.js';

/** `glossary-entry`: a glossary file is malformed or contradicts another entry. */
export const glossaryEntry = defineRule({
  id: 'glossary-entry',
  description: 'A glossary entry needs a `term` and a definition; its `see` ids must exist, its term and aliases must not belong to another entry, and no `avoid` spelling may equal an accepted spelling.',
  defaultSeverity: 'error',
  appliesTo: 'glossary',
  fix: 'suggestion',
  check({ file, kb, report }) {
    const knowledge = kb.knowledge;
    for (const problem of knowledge.problems.get(file.path) ?? []) report({ range: problem.range, message: problem.message });
    const own = knowledge.glossary.find((entry) => entry.path === file.path) ?? readGlossaryEntry(file, 'kb').entry;
    if (own === undefined) return;
    const at = (key: string, item: string): Range => frontMatterItemRange(file, key, item) ?? TOP_OF_FILE;

    const winner = knowledge.glossaryEntry(own.id);
    if (winner !== undefined && winner.path !== own.path && winner.source === 'kb') {
      report({
        range: at('term', own.term),
        message: `Another glossary file, ${relativePath(kb.root, winner.path)}, has the same id "${own.id}"; ids are file names and must be unique.`,
        related: [{ path: winner.path, range: TOP_OF_FILE, message: 'Glossary entry with the same id' }],
      });
    }

    const knownIds = knowledge.glossary.map((entry) => entry.id);
    for (const id of own.see) {
      if (knowledge.glossaryEntry(id) !== undefined) continue;
      const range = at('see', id);
      const { hint, fixes } = unknownIdHelp(id, range, knownIds);
      report({ range, message: `"see" names "${id}", which is not a glossary entry${hint}`, fixes });
    }

    for (const finding of conflicts(file, own, kb)) report(finding);
  },
});

const TOP_OF_FILE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Term or alias claimed by another entry; avoid spelling that is an accepted spelling somewhere. */
function conflicts(file: MarkdownFile, own: GlossaryEntry, kb: KbView): ReportedFinding[] {
  const findings: ReportedFinding[] = [];
  const others = kb.knowledge.glossary.filter((entry) => entry.path !== own.path && entry.id !== own.id);
  const spellings = (entry: GlossaryEntry): Array<{ key: 'term' | 'aliases'; spelling: string }> => [
    { key: 'term', spelling: entry.term },
    ...entry.aliases.map((alias) => ({ key: 'aliases' as const, spelling: alias })),
  ];

  for (const { key, spelling } of spellings(own)) {
    const lower = spelling.toLowerCase();
    for (const other of others) {
      const claimed = spellings(other).find((candidate) => candidate.spelling.toLowerCase() === lower);
      if (claimed === undefined) continue;
      findings.push({
        range: frontMatterItemRange(file, key, spelling) ?? TOP_OF_FILE,
        message: `"${spelling}" is also ${claimed.key === 'term' ? 'the term' : 'an alias'} of glossary entry "${other.id}"${sourceNote(other)}; a term or alias belongs to one entry only.`,
        related: [relatedSpelling(kb, other, claimed.key, claimed.spelling)],
      });
    }
  }

  for (const avoid of own.avoid) {
    for (const entry of [own, ...others]) {
      const accepted = spellings(entry).find((candidate) => candidate.spelling === avoid);
      if (accepted === undefined) continue;
      const whose = entry === own ? 'this entry' : `glossary entry "${entry.id}"${sourceNote(entry)}`;
      findings.push({
        range: frontMatterItemRange(file, 'avoid', avoid) ?? TOP_OF_FILE,
        message: `"avoid" lists "${avoid}", which is ${accepted.key === 'term' ? 'the term' : 'an alias'} of ${whose}; an avoid spelling must differ from every accepted spelling, so this one is ignored.`,
        ...(entry === own ? {} : { related: [relatedSpelling(kb, entry, accepted.key, accepted.spelling)] }),
      });
    }
  }
  return findings;
}

function sourceNote(entry: GlossaryEntry): string {
  return entry.source === 'bundled' ? ' (bundled with the tool; name this file after it to override it)' : '';
}

function relatedSpelling(kb: KbView, entry: GlossaryEntry, key: string, spelling: string): RelatedLocation {
  const file = entry.source === 'kb' ? kb.markdown(entry.path) : undefined;
  const range = (file === undefined ? undefined : frontMatterItemRange(file, key, spelling)) ?? TOP_OF_FILE;
  return { path: entry.path, range, message: `"${spelling}" in glossary entry "${entry.id}"` };
}
