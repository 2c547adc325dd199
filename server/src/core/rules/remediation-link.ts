import type { List, Nodes } from 'mdast';
import type { SectionRequirement } from '../config/config.js';
import type { Cause, Remediation } from '../domain/domain-types.js';
import { frontMatterItemRange } from '../domain/front-matter-fields.js';
import type { KbView } from '../kb-view.js';
import type { MarkdownFile, MarkdownHeading, MarkdownLink } from '../markdown/parse-markdown.js';
import { resolveLink } from '../markdown/resolve-link.js';
import { dirname, joinPath, relativePath } from '../paths.js';
import type { Fix } from '../types.js';
import { defineRule, type ReportedFinding, type RuleContext } from './rule.js';
import { findSection, normalizeSectionName, sectionEnd } from './support/sections.js';
import { unknownIdHelp } from './support/unknown-id.js';

/** Used when a KB's `sections` setting names no Resolution section. */
const DEFAULT_RESOLUTION: SectionRequirement = { name: 'Resolution', synonyms: [] };

/**
 * `remediation-link`: an article that declares causes must link, in its
 * Resolution section, a remediation that resolves each of them, listed by rank.
 */
export const remediationLink = defineRule({
  id: 'remediation-link',
  description: 'An article that declares `causes` must link, in its Resolution section, at least one remediation resolving each cause, and list remediations by rank; cause ids must exist.',
  defaultSeverity: 'warning',
  appliesTo: 'article',
  fix: 'suggestion',
  check(context) {
    const { file, kb, config, report } = context;
    const causes = declaredCauses(context);
    if (causes.length === 0) return;
    const requirement = config.sections.find((section) => normalizeSectionName(section.name) === 'resolution') ?? DEFAULT_RESOLUTION;
    const heading = findSection(file, requirement);
    const linkable = causes.filter((cause) => kb.knowledge.remediationsFor(cause.id).length > 0);
    if (heading === undefined) {
      if (linkable.length === 0) return;
      const causesKey = file.frontMatter?.entries.find((entry) => entry.key === 'causes');
      report({
        range: causesKey?.keyRange ?? file.document.rangeAt(0, 0),
        message: `The article declares causes but has no "## ${requirement.name}" section to link their remediations; add the section with links to the remediations.`,
      });
      return;
    }

    const linked = linkedRemediations(file, kb, heading);
    const missing = linkable.filter((cause) => !kb.knowledge.remediationsFor(cause.id).some((remediation) => linked.has(remediation.id)));
    if (missing.length > 0) {
      const expected = missing.map((cause) => `"${cause.id}" (expected a link to ${kb.knowledge.remediationsFor(cause.id).map((remediation) => `"${remediation.title}"`).join(' or ')})`);
      report({
        range: heading.range,
        message: `The ${heading.text} section links no remediation for cause ${expected.join('; for cause ')}.`,
        fixes: [linkRemediationsFix(file, kb, heading, causes, linked)],
      });
    }
    for (const finding of rankOrderFindings(file, kb, heading)) report(finding);
  },
});

/** The known causes the article declares; reports a malformed `causes` value and unknown ids. */
function declaredCauses({ file, kb, report }: RuleContext<MarkdownFile>): Cause[] {
  const value = file.frontMatter?.data?.causes;
  if (value === undefined || value === null) return [];
  const ids = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
  if (ids === undefined) {
    const entry = file.frontMatter?.entries.find((candidate) => candidate.key === 'causes');
    report({ range: entry?.valueRange ?? file.document.rangeAt(0, 0), message: '"causes" must be a list of cause ids, e.g. `causes: [expired-password]`.' });
    return [];
  }
  const knownIds = kb.knowledge.causes.map((cause) => cause.id);
  return ids.flatMap((id) => {
    const cause = kb.knowledge.cause(id);
    if (cause !== undefined) return [cause];
    const range = frontMatterItemRange(file, 'causes', id) ?? file.document.rangeAt(0, 0);
    const { hint, fixes } = unknownIdHelp(id, range, knownIds);
    report({ range, message: `"causes" names "${id}", which is not a cause${hint}`, fixes });
    return [];
  });
}

/**
 * Where an article links a remediation: its own file, or for a remediation
 * bundled with the tool, the file the KB would hold if it copied it.
 */
function linkTarget(kb: KbView, remediation: Remediation): string {
  return remediation.source === 'kb' ? remediation.path : joinPath(kb.root, kb.config.remediations, `${remediation.id}.md`);
}

function remediationAt(kb: KbView, file: MarkdownFile, link: MarkdownLink): Remediation | undefined {
  if (link.kind !== 'link' && link.kind !== 'definition') return undefined;
  const resolved = resolveLink(file.path, link.url);
  if (resolved.kind !== 'relative') return undefined;
  return kb.knowledge.remediations.find((remediation) => linkTarget(kb, remediation) === resolved.path);
}

function linksInSection(file: MarkdownFile, heading: MarkdownHeading): MarkdownLink[] {
  const end = sectionEnd(file, heading);
  return file.links.filter((link) => {
    const offset = file.document.offsetAt(link.range.start);
    return offset >= heading.end && offset < end;
  });
}

/** Ids of the remediations linked in the section under `heading`. */
function linkedRemediations(file: MarkdownFile, kb: KbView, heading: MarkdownHeading): Set<string> {
  return new Set(linksInSection(file, heading).flatMap((link) => remediationAt(kb, file, link)?.id ?? []));
}

/**
 * Appends to the section an ordered list, by rank, of every remediation that
 * resolves a declared cause and is not linked there yet.
 */
function linkRemediationsFix(file: MarkdownFile, kb: KbView, heading: MarkdownHeading, causes: readonly Cause[], linked: ReadonlySet<string>): Fix {
  const document = file.document;
  const eol = document.eol;
  const causeIds = new Set(causes.map((cause) => cause.id));
  const toLink = kb.knowledge.remediations.filter((remediation) => !linked.has(remediation.id) && remediation.resolves.some((id) => causeIds.has(id)));
  const items = toLink.map((remediation, index) => {
    const target = relativePath(dirname(file.path), linkTarget(kb, remediation));
    return `${index + 1}. [${escapeLinkText(remediation.title)}](${target}): ${remediation.tradeoffs}`;
  });
  const end = sectionEnd(file, heading);
  let contentEnd = end;
  while (contentEnd > heading.end && /\s/.test(document.text[contentEnd - 1] ?? '')) contentEnd--;
  // A list written right after another list would merge with it; a sentence between keeps them apart.
  const leadIn = blocksBetween(file, heading.end, end).at(-1)?.type === 'list' ? `${items.length === 1 ? 'Apply the following remediation:' : 'Use one of the following remediations, in the recommended order:'}${eol}${eol}` : '';
  const position = document.positionAt(contentEnd);
  return {
    title: 'Link remediation steps',
    safe: false,
    edits: [{ range: { start: position, end: position }, newText: `${eol}${eol}${leadIn}${items.join(eol)}` }],
  };
}

/** Top-level blocks that start between two offsets of the file text. */
function blocksBetween(file: MarkdownFile, from: number, to: number): Nodes[] {
  // The tree was parsed without a byte order mark; the file's offsets count it.
  const shift = file.document.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return file.tree.children.filter((node) => {
    const offset = node.position?.start.offset;
    return offset !== undefined && offset + shift >= from && offset + shift < to;
  });
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, (character) => `\\${character}`);
}

/** A remediation linked after one of a worse rank in the same list. */
function rankOrderFindings(file: MarkdownFile, kb: KbView, heading: MarkdownHeading): ReportedFinding[] {
  const end = sectionEnd(file, heading);
  const shift = file.document.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lists = blocksBetween(file, heading.end, end).filter((node): node is List => node.type === 'list');
  const links = linksInSection(file, heading);
  const findings: ReportedFinding[] = [];
  for (const list of lists) {
    const listStart = (list.position?.start.offset ?? 0) + shift;
    const listEnd = (list.position?.end.offset ?? 0) + shift;
    let previous: Remediation | undefined;
    for (const link of links) {
      const offset = file.document.offsetAt(link.range.start);
      if (offset < listStart || offset >= listEnd) continue;
      const remediation = remediationAt(kb, file, link);
      if (remediation === undefined) continue;
      if (previous !== undefined && remediation.rank < previous.rank) {
        findings.push({
          range: link.range,
          message: `"${remediation.title}" (rank ${remediation.rank}) is listed after "${previous.title}" (rank ${previous.rank}); list remediations by rank, recommended first.`,
        });
      }
      previous = remediation;
    }
  }
  return findings;
}
