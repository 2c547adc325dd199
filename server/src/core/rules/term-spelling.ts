import type { Nodes } from 'mdast';
import type { GlossaryEntry } from '../domain/domain-types.js';
import type { TermMatcher, TermMention } from '../domain/term-matcher.js';
import { escapeRegExp } from '../escape-regexp.js';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import { resolveLink } from '../markdown/resolve-link.js';
import type { Range } from '../types.js';
import { defineRule } from './rule.js';
import { MemoPerOwner } from './support/bounded-memo.js';

/** `term-spelling`: article prose uses a spelling that a glossary entry lists under `avoid`. */
export const termSpelling = defineRule({
  id: 'term-spelling',
  description: 'Article prose must not use a spelling from a glossary entry\'s `avoid` list; the fix replaces it with the entry\'s term.',
  defaultSeverity: 'warning',
  appliesTo: 'article',
  fix: 'safe',
  check({ file, kb, config, report }) {
    // No entry whose spellings count lists one to avoid (a KB without a glossary of its own, by default): nothing to look for.
    if (!kb.knowledge.glossary.some((entry) => entry.avoid.length > 0 && (entry.source !== 'bundled' || config.bundledGlossarySpelling))) return;
    const terms = kb.knowledge.terms;
    const text = file.document.text;
    let places: Places | undefined;
    for (const span of file.prose) {
      for (const mention of avoidedSpellings(terms, text, span.start, span.end)) {
        // The bundled glossary is written for the bundled KB: another KB gets its spellings only when it asks for them.
        if (mention.entry.source === 'bundled' && !config.bundledGlossarySpelling) continue;
        places ??= placesOf(file);
        const within = (ranges: ReadonlyArray<readonly [number, number]>): boolean => ranges.some(([start, end]) => mention.start >= start && mention.end <= end);
        if (within(places.verbatim) || isQuoted(file, mention) || isTitleCased(file, mention) || isVersionedName(text, mention)) continue;
        // A spelling may wrap across lines; messages show it on one.
        const written = text.slice(mention.start, mention.end).replace(/\s+/g, ' ');
        const { entry } = mention;
        const replacement = replacementFor(entry, written);
        // "Internet Information Server (IIS)" becomes "IIS", not "IIS (IIS)".
        const repeated = new RegExp(`^\\s*\\(${escapeRegExp(replacement)}\\)`).exec(text.slice(mention.end, span.end));
        const range = file.document.rangeAt(mention.start, mention.end);
        const fixRange = repeated === null ? range : file.document.rangeAt(mention.start, mention.end + repeated[0].length);
        const byHand = within(places.headings) ? 'a heading' : within(places.tableCells) ? 'a table cell' : within(places.linkTexts) ? 'the text of a link' : undefined;
        report({
          range,
          message: `"${written}" is a spelling to avoid; the glossary spells it "${replacement}".${byHand === undefined ? '' : ` It is in ${byHand}, so no fix is offered: change it by hand if it is not a label or name shown as written.`}`,
          related: [{ path: entry.path, range: TOP_OF_FILE, message: `Glossary entry "${entry.id}"${entry.source === 'bundled' ? ' (bundled with the tool)' : ''}` }],
          fixes: byHand === undefined ? [{ title: `Replace "${written}" with "${replacement}"`, safe: true, edits: [{ range: fixRange, newText: replacement }] }] : [],
        });
      }
    }
  },
});

/**
 * The `avoid` spellings found in stretches of prose, per matcher, keyed by
 * what decides them (see {@link avoidedSpellings}) and with offsets from the
 * key's start. An edit leaves most stretches of an article as they were, and
 * most hold no spelling to avoid. The bound holds the prose of a few long
 * articles.
 */
const AVOIDED = new MemoPerOwner<TermMatcher, string, readonly TermMention[]>(20_000);
const NONE: readonly TermMention[] = [];
/** Characters on each side of a stretch that the matcher reads to tell a whole word (a letter, or a joiner and a letter). */
const CONTEXT = 2;

/**
 * The mentions of `avoid` spellings that `terms` finds in `text` between
 * `start` and `end`. The matcher reads only that stretch and {@link CONTEXT}
 * characters on each side, so they and where the stretch lies among them make
 * the key: a stretch that did not change gives the same mentions, moved.
 */
function avoidedSpellings(terms: TermMatcher, text: string, start: number, end: number): readonly TermMention[] {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  const window = text.slice(from, to);
  const key = `${start - from}${to - end}${window}`;
  const found = AVOIDED.of(terms).get(key, () => {
    const mentions = terms.find(window, start - from, end - from).filter((mention) => mention.kind === 'avoid');
    return mentions.length === 0 ? NONE : mentions;
  });
  return found === NONE ? NONE : found.map((mention) => ({ ...mention, start: mention.start + from, end: mention.end + from }));
}

const TOP_OF_FILE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The accepted spelling that differs from `written` only in letter case (an alias such as "HTTP"), else the term. */
function replacementFor(entry: GlossaryEntry, written: string): string {
  const lower = written.toLowerCase();
  return [entry.term, ...entry.aliases].find((spelling) => spelling.toLowerCase() === lower) ?? entry.term;
}

/** Where in a file a spelling is left alone, or reported without a fix. */
interface Places {
  /**
   * Text that must stay as written: bold (Learn marks UI labels in bold, and a
   * label must match the screen) and the text of links to other sites
   * (usually the title of the page they open).
   */
  readonly verbatim: Array<readonly [number, number]>;
  /** The text of links within the KB: what readers click, often a page's title. */
  readonly linkTexts: Array<readonly [number, number]>;
  /** Headings: their text is also their anchor, which links elsewhere name. */
  readonly headings: Array<readonly [number, number]>;
  /** Table cells: often values and labels copied from a screen or a command's output. */
  readonly tableCells: Array<readonly [number, number]>;
}

function placesOf(file: MarkdownFile): Places {
  const shift = file.document.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const places: Places = { verbatim: [], linkTexts: [], headings: file.headings.map((heading) => [heading.start, heading.end] as const), tableCells: [] };
  const visit = (node: Nodes): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) {
      if (node.type === 'strong' || (node.type === 'link' && resolveLink(file.path, node.url).kind === 'external')) {
        places.verbatim.push([start + shift, end + shift]);
        return;
      }
      if (node.type === 'link' || node.type === 'linkReference') places.linkTexts.push([start + shift, end + shift]);
      if (node.type === 'tableCell') places.tableCells.push([start + shift, end + shift]);
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(file.tree);
  return places;
}

/**
 * Whether the mention is the name of a product version, such as "Internet
 * Information Server 3.0": a historical name is spelled as it was, even when
 * the current name differs.
 */
function isVersionedName(text: string, mention: TermMention): boolean {
  return /^[ \t]+v?\d[\d.]*(?![\p{L}\p{N}])/u.test(text.slice(mention.end, mention.end + 20));
}

/** Whether the mention lies between double quotes on its line: a quoted message or label, kept verbatim. */
function isQuoted(file: MarkdownFile, mention: TermMention): boolean {
  const start = file.document.positionAt(mention.start);
  const line = file.document.lineText(start.line);
  const before = line.slice(0, start.character);
  const after = line.slice(start.character + mention.end - mention.start);
  const straight = (part: string): number => part.split('"').length - 1;
  if (straight(before) % 2 === 1 && straight(after) > 0) return true;
  return before.lastIndexOf('“') > before.lastIndexOf('”') && after.includes('”');
}

/**
 * Whether a Title Case form of an accepted spelling ("Outlook Profile" for
 * "Outlook profile") is correct where it stands: in a heading written in
 * Title Case, or as part of a longer name ("Outlook Profile Manager").
 */
function isTitleCased(file: MarkdownFile, mention: TermMention): boolean {
  const written = file.document.text.slice(mention.start, mention.end);
  const lower = written.toLowerCase();
  const variantOf = [mention.entry.term, ...mention.entry.aliases].find((spelling) => spelling.toLowerCase() === lower && spelling !== written);
  if (variantOf === undefined || titleCase(variantOf) !== written) return false;
  if (/^[ \t]+\p{Lu}\p{Ll}/u.test(file.document.text.slice(mention.end, mention.end + 40))) return true;
  const heading = file.headings.find((candidate) => candidate.start <= mention.start && mention.end <= candidate.end);
  if (heading === undefined) return false;
  // The first word is capitalized in any style, and short words ("to", "and") stay lower case in Title Case.
  const words = [...file.document.text.slice(heading.start, heading.end).matchAll(/\p{L}+/gu)]
    .slice(1)
    .filter((word) => word[0].length >= 4 && (heading.start + word.index < mention.start || heading.start + word.index >= mention.end));
  return words.length > 0 && words.every((word) => /^\p{Lu}/u.test(word[0]));
}

function titleCase(spelling: string): string {
  return spelling.replace(/(^|\s)(\p{Ll})/gu, (_match, space: string, letter: string) => space + letter.toUpperCase());
}
