import type { KnowledgeBase } from '../knowledge-base.js';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import { basename, dirname, extname, isInside, joinPath, relativePath } from '../paths.js';
import { describeSource } from '../repository/effective-metadata.js';
import { scenarioInputs } from '../scenario/scenario-inputs.js';
import { modelTag } from '../scenario/evaluate.js';
import type { StepKind } from '../scenario/steps/catalog-types.js';
import { catalogForModel, stepCompletions } from '../scenario/steps/step-catalog.js';
import { formatLearnDate } from '../rules/support/front-matter-edits.js';
import type { Position, Range } from '../types.js';
import { frontMatterKeysFor } from './front-matter-keys.js';
import { allowedValues } from './hover.js';
import { articleTitle } from './outline.js';

/** One completion proposal. */
export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'file' | 'folder' | 'anchor' | 'key' | 'value' | 'term' | 'step';
  /** Shown next to the label: a heading's text, a term's summary... */
  readonly detail?: string;
  /** Markdown shown beside the list. */
  readonly documentation?: string;
  /** What is inserted (the label when absent), replacing {@link range}. */
  readonly insertText?: string;
  readonly range: Range;
  readonly sortText?: string;
  /** `insertText` is a snippet with tab stops (`${1:name}`). */
  readonly snippet?: boolean;
  /** Ask for completion again once inserted (after a folder name). */
  readonly retrigger?: boolean;
}

/** Switches a user can set. */
export interface CompletionOptions {
  /** Propose glossary terms while typing prose. */
  readonly terms: boolean;
  /** The host's current date, proposed as the value of `ms.date`; without it no date is proposed. */
  readonly today?: Date;
}

const LINK_DESTINATION = [
  /\]\(<?([^()\s<>]*)$/, // [text](dest  ![alt](dest  [!INCLUDE [x](dest
  /^\s{0,3}\[[^\]]+\]:\s*<?(\S*)$/, // [ref]: dest
  /:::image\b[^:]*\bsource="([^"]*)$/, // Learn image
];
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp']);
const WORD_BEFORE = /[\p{L}\p{N}][\p{L}\p{N}.-]*$/u;

/**
 * Completion at `position` of a Markdown file of the KB: link targets after
 * `](` (relative paths; after `#`, the heading slugs of the target), front
 * matter keys and values, and glossary terms in prose (after two letters).
 * In scenario files: the catalog's step phrasings after a step keyword.
 */
export function completionsAt(kb: KnowledgeBase, path: string, position: Position, options: CompletionOptions): CompletionEntry[] {
  if (kb.kindOf(path) === 'scenario') return stepCompletionsAt(kb, path, position);
  const file = kb.markdown(path);
  if (file === undefined) return [];
  const line = file.document.lineText(position.line);
  const before = line.slice(0, position.character);
  const frontMatter = file.frontMatter;
  if (frontMatter !== undefined && position.line > frontMatter.range.start.line && position.line < frontMatter.range.end.line) {
    return frontMatterCompletions(kb, file, position, before, options.today);
  }
  for (const pattern of LINK_DESTINATION) {
    const match = pattern.exec(before);
    if (match?.[1] !== undefined) return linkCompletions(kb, file, position, match[1], before.includes('![') || pattern.source.includes('image'));
  }
  if (!options.terms) return [];
  const word = WORD_BEFORE.exec(before)?.[0];
  if (word === undefined || word.length < 2) return [];
  const offset = file.document.offsetAt(position);
  if (!file.prose.some((span) => span.start <= offset - word.length && offset <= span.end)) return [];
  const range: Range = { start: { line: position.line, character: position.character - word.length }, end: position };
  const lower = word.toLowerCase();
  const entries: CompletionEntry[] = [];
  for (const entry of kb.knowledge.glossary) {
    for (const spelling of [entry.term, ...entry.aliases]) {
      if (!spelling.toLowerCase().split(/\s+/).some((part) => part.startsWith(lower)) && !spelling.toLowerCase().startsWith(lower)) continue;
      entries.push({
        label: spelling,
        kind: 'term',
        ...(entry.summary ? { detail: entry.summary } : {}),
        documentation: spelling === entry.term ? entry.definition.split(/\n\s*\n/)[0] ?? '' : `Alias of **${entry.term}**.`,
        range,
      });
    }
  }
  return entries;
}

const STEP_KEYWORDS: Readonly<Record<string, StepKind | undefined>> = { given: 'given', when: 'when', then: 'then', and: undefined, but: undefined, '*': undefined };

function stepCompletionsAt(kb: KnowledgeBase, path: string, position: Position): CompletionEntry[] {
  const catalog = scenarioInputs(kb).catalog;
  const file = kb.parse(path);
  if (catalog === undefined || file?.kind !== 'scenario') return [];
  const before = file.document.lineText(position.line).slice(0, position.character);
  const match = /^(\s*)(Given|When|Then|And|But|\*)\s+(.*)$/.exec(before);
  if (match === null) return [];
  const keyword = (match[2] ?? '').toLowerCase();
  let kind = STEP_KEYWORDS[keyword];
  if (kind === undefined) {
    // "And" and "But" continue the kind of the step above them.
    for (let line = position.line - 1; line >= 0 && kind === undefined; line--) {
      const previous = /^\s*(Given|When|Then)\b/.exec(file.document.lineText(line))?.[1];
      if (previous !== undefined) kind = STEP_KEYWORDS[previous.toLowerCase()];
      else if (/^\s*(Scenario|Background|Example)/.test(file.document.lineText(line))) break;
    }
  }
  const written = match[3] ?? '';
  const range: Range = { start: { line: position.line, character: position.character - written.length }, end: position };
  const steps = catalogForModel(catalog, modelTag(file)?.id ?? catalog.models[0]?.id);
  return stepCompletions(steps, kind).map((step, index) => ({
    label: step.label,
    kind: 'step' as const,
    ...(step.entry.description ? { documentation: step.entry.description } : {}),
    insertText: step.snippet,
    snippet: true,
    range,
    sortText: String(index).padStart(4, '0'),
  }));
}

function frontMatterCompletions(kb: KnowledgeBase, file: MarkdownFile, position: Position, before: string, today: Date | undefined): CompletionEntry[] {
  const docs = frontMatterKeysFor(kb.kindOf(file.path));
  const keyMatch = /^([A-Za-z][\w.]*)?$/.exec(before);
  if (keyMatch !== null) {
    // Read keys from the lines too: while a key is being typed, the YAML usually does not parse.
    const present = new Set(file.frontMatter?.entries.map((entry) => entry.key));
    for (let line = (file.frontMatter?.range.start.line ?? 0) + 1; line < (file.frontMatter?.range.end.line ?? 0); line++) {
      const key = line === position.line ? undefined : /^([\w.]+):/.exec(file.document.lineText(line))?.[1];
      if (key !== undefined) present.add(key);
    }
    const range: Range = { start: { line: position.line, character: 0 }, end: position };
    // Keys the docset's docfx.json already supplies are still offered (to override them), after the others.
    const effective = kb.effectiveMetadata(file);
    return docs.filter((doc) => !present.has(doc.key)).map((doc, index) => {
      const supplied = effective.get(doc.key)?.supplied;
      const from = supplied === undefined ? '' : `\n\nSupplied as \`${String(supplied.value)}\` by ${describeSource(supplied.source, (path) => relativePath(kb.root, path))}.`;
      return {
        label: doc.key,
        kind: 'key' as const,
        documentation: doc.description + from,
        insertText: doc.list ? `${doc.key}:\n  - ` : `${doc.key}: `,
        range,
        sortText: `${supplied === undefined ? 0 : 1}${String(index).padStart(3, '0')}`,
      };
    });
  }
  const valueMatch = /^([\w.]+):[ \t]*(.*)$/.exec(before);
  const itemMatch = /^\s*-\s*(.*)$/.exec(before);
  let key: string | undefined;
  let partial: string;
  if (valueMatch !== null) {
    key = valueMatch[1];
    partial = valueMatch[2] ?? '';
  } else if (itemMatch !== null) {
    partial = itemMatch[1] ?? '';
    for (let line = position.line - 1; line > 0 && key === undefined; line--) {
      key = /^([\w.]+):/.exec(file.document.lineText(line))?.[1];
    }
  } else {
    return [];
  }
  const doc = docs.find((candidate) => candidate.key === key);
  if (doc === undefined) return [];
  const range: Range = { start: { line: position.line, character: position.character - partial.length }, end: position };
  if (doc.valuesFrom === 'date') return today === undefined ? [] : [{ label: formatLearnDate(today), kind: 'value', detail: 'Today', range }];
  return allowedValues(kb, doc).map((value, index) => ({ label: value, kind: 'value' as const, range, sortText: String(index).padStart(4, '0') }));
}

function linkCompletions(kb: KnowledgeBase, file: MarkdownFile, position: Position, written: string, imagesFirst: boolean): CompletionEntry[] {
  const hash = written.indexOf('#');
  if (hash !== -1) {
    const pathPart = written.slice(0, hash);
    const fragment = written.slice(hash + 1);
    const targetPath = pathPart === '' ? file.path : joinPath(dirname(file.path), safeDecode(pathPart));
    const target = isInside(targetPath, kb.root) ? kb.markdown(targetPath) : undefined;
    if (target === undefined) return [];
    const range: Range = { start: { line: position.line, character: position.character - fragment.length }, end: position };
    return target.headings.map((heading, index) => ({
      label: heading.slug,
      kind: 'anchor' as const,
      detail: `${'#'.repeat(heading.depth)} ${heading.text}`,
      range,
      sortText: String(index).padStart(4, '0'),
    }));
  }
  const slash = written.lastIndexOf('/');
  const folderPart = written.slice(0, slash + 1);
  const folder = joinPath(dirname(file.path), safeDecode(folderPart));
  if (!isInside(folder, kb.root)) return [];
  const range: Range = { start: { line: position.line, character: position.character - (written.length - slash - 1) }, end: position };
  const entries = new Map<string, CompletionEntry>();
  if (folder !== kb.root) entries.set('../', { label: '../', kind: 'folder', insertText: '../', range, sortText: '2', retrigger: true });
  for (const candidate of kb.allPaths()) {
    if (!isInside(candidate, folder) || candidate === file.path) continue;
    const rest = relativePath(folder, candidate);
    const [first, ...more] = rest.split('/');
    if (first === undefined) continue;
    if (more.length > 0) {
      if (!entries.has(`${first}/`)) entries.set(`${first}/`, { label: `${first}/`, kind: 'folder', insertText: `${encodeSegment(first)}/`, range, sortText: `1${first}`, retrigger: true });
      continue;
    }
    const isImage = IMAGE_EXTENSIONS.has(extname(candidate));
    const markdown = extname(candidate) === '.md' ? kb.markdown(candidate) : undefined;
    const title = markdown === undefined ? undefined : articleTitle(markdown)?.text;
    entries.set(first, {
      label: first,
      kind: 'file',
      ...(title ? { detail: title } : {}),
      insertText: encodeSegment(basename(candidate)),
      range,
      sortText: `${imagesFirst === isImage ? 0 : 3}${first}`,
    });
  }
  return [...entries.values()];
}

/** A path segment as a link destination may hold it: spaces and parentheses escaped. */
function encodeSegment(segment: string): string {
  return segment.replace(/[ ()<>]/g, (character) => encodeURIComponent(character));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
