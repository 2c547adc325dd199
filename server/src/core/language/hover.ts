import type { GlossaryEntry, Remediation } from '../domain/domain-types.js';
import type { KnowledgeBase } from '../knowledge-base.js';
import { dirname, relativePath } from '../paths.js';
import { renderScenarioHover, scenarioHoverAt } from '../scenario/scenario-hover.js';
import { evaluationOf, scenarioInputs } from '../scenario/scenario-inputs.js';
import type { Position, Range } from '../types.js';
import { frontMatterKeysFor, type FrontMatterKeyDoc } from './front-matter-keys.js';
import { linkAt, linkTarget, rangeContains } from './locate.js';
import { metadataSourceHover } from './metadata-source.js';
import { termAt } from './terms.js';
import { knownProducts } from './values.js';

/** What a hover shows: Markdown, and the range it describes. */
export interface HoverContent {
  readonly markdown: string;
  readonly range: Range;
}

/** How a host wants hovers rendered. */
export interface HoverOptions {
  /**
   * The link target for a KB file: editors need absolute URIs (a hover has
   * no base to resolve a relative link against). Default: the path relative
   * to the hovered file's folder.
   */
  readonly linkTo?: (path: string) => string;
}

/** Lines of a remediation's procedure shown in a hover. */
const PROCEDURE_LINES = 6;

/**
 * The hover at `position`: a link to a remediation (title, rank, trade-offs,
 * the start of its procedure), a glossary term (definition, canonical
 * spelling, related terms, the glossary file), a front matter key (what it
 * means, which values it takes, and the `docfx.json` value it overrides),
 * the opening `---` (the metadata `docfx.json` supplies, and from where), or a scenario step or title (what the
 * model derives). `undefined` elsewhere.
 */
export function hoverAt(kb: KnowledgeBase, path: string, position: Position, options: HoverOptions = {}): HoverContent | undefined {
  const file = kb.markdown(path);
  if (file !== undefined) {
    const key = file.frontMatter?.entries.find((entry) => rangeContains(entry.keyRange, position));
    const source = metadataSourceHover(kb, file, position);
    if (key !== undefined) {
      const doc = frontMatterKeysFor(kb.kindOf(path)).find((candidate) => candidate.key === key.key);
      const parts = [doc === undefined ? undefined : frontMatterKeyHover(kb, doc), source?.markdown].filter((part) => part !== undefined);
      if (parts.length > 0) return { markdown: parts.join('\n\n'), range: key.keyRange };
    }
    if (source !== undefined) return source;
    const link = linkAt(file, position);
    const target = link === undefined ? undefined : linkTarget(kb, file, link);
    const remediation = target === undefined ? undefined : kb.knowledge.remediations.find((candidate) => candidate.path === target.path);
    if (link !== undefined && remediation !== undefined) return { markdown: remediationHover(remediation), range: link.range };
  }
  const scenario = kb.parse(path);
  const catalog = scenario?.kind === 'scenario' ? scenarioInputs(kb).catalog : undefined;
  const term = termAt(kb, path, position);
  if (scenario?.kind === 'scenario' && catalog !== undefined && term === undefined) {
    const hover = scenarioHoverAt(evaluationOf(scenario, catalog), position);
    return hover === undefined ? undefined : { markdown: renderScenarioHover(hover), range: hover.range };
  }
  if (term === undefined) return undefined;
  const relative = (target: string): string => encodeURI(relativePath(dirname(path), target));
  const lines = [glossaryHover(kb, term.entry, options.linkTo ?? relative)];
  if (term.kind === 'avoid') lines.unshift(`Write **${term.entry.term}**, not "${term.text}".\n\n---\n`);
  return { markdown: lines.join('\n'), range: term.range };
}

/** The Markdown describing a glossary entry; `link` gives the target of a link to a KB file. */
export function glossaryHover(kb: KnowledgeBase, entry: GlossaryEntry, link: (path: string) => string): string {
  const parts = [`**${entry.term}**${entry.aliases.length > 0 ? ` (also: ${entry.aliases.join(', ')})` : ''}`];
  if (entry.summary) parts.push(`*${entry.summary}*`);
  parts.push(firstParagraphs(entry.definition, 2));
  const related = entry.see.map((id) => kb.knowledge.glossaryEntry(id)).filter((item): item is GlossaryEntry => item !== undefined);
  if (related.length > 0) parts.push(`Related: ${related.map((item) => `[${item.term}](${link(item.path)})`).join(', ')}`);
  parts.push(`[Glossary entry](${link(entry.path)})${entry.source === 'bundled' ? ' (bundled with the KB tools)' : ''}`);
  return parts.join('\n\n');
}

function remediationHover(remediation: Remediation): string {
  const procedure = sectionLines(remediation.body, /^#+\s*procedure\b/i) ?? remediation.body.split('\n').filter((line) => !line.startsWith('#'));
  const excerpt = procedure.filter((line) => line.trim() !== '').slice(0, PROCEDURE_LINES).join('\n');
  return [
    `**${remediation.title}** (remediation, rank ${remediation.rank})`,
    `Trade-offs: ${remediation.tradeoffs}`,
    excerpt,
  ].filter(Boolean).join('\n\n');
}

function frontMatterKeyHover(kb: KnowledgeBase, doc: FrontMatterKeyDoc): string {
  const parts = [`\`${doc.key}\`: ${doc.description}`];
  const values = allowedValues(kb, doc);
  if (values.length > 0) parts.push(`Values: ${values.slice(0, 20).map((value) => `\`${value}\``).join(', ')}${values.length > 20 ? ', ...' : ''}`);
  return parts.join('\n\n');
}

/** The values a front matter key takes: its fixed list, or what the KB holds (products seen, cause ids...). */
export function allowedValues(kb: KnowledgeBase, doc: FrontMatterKeyDoc): string[] {
  if (doc.values !== undefined) return [...doc.values];
  switch (doc.valuesFrom) {
    case 'causes':
      return kb.knowledge.causes.map((cause) => cause.id);
    case 'glossary':
      return kb.knowledge.glossary.map((entry) => entry.id);
    case 'products':
      return knownProducts(kb);
    default:
      return [];
  }
}

function firstParagraphs(markdown: string, count: number): string {
  return markdown.split(/\n\s*\n/).filter((paragraph) => !paragraph.trimStart().startsWith('#')).slice(0, count).join('\n\n');
}

function sectionLines(markdown: string, heading: RegExp): string[] | undefined {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => heading.test(line));
  if (start === -1) return undefined;
  const end = lines.findIndex((line, index) => index > start && /^#{1,6}\s/.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}
