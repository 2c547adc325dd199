import type { KnowledgeBase } from '../knowledge-base.js';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import type { ScenarioFile } from '../scenario/gherkin/scenario-file.js';
import type { TextDocument } from '../text-document.js';
import type { Range } from '../types.js';
import type { Location } from './locate.js';

/** One entry of a file's outline (document symbols). */
export interface OutlineItem {
  readonly name: string;
  readonly kind: 'heading' | 'feature' | 'rule' | 'background' | 'scenario' | 'examples';
  /** `H2`, `Scenario Outline`...: shown next to the name. */
  readonly detail: string;
  /** The whole section or block. */
  readonly range: Range;
  /** The heading line or the name: what the editor selects. */
  readonly selectionRange: Range;
  readonly children: readonly OutlineItem[];
}

/** A foldable stretch of lines. */
export interface FoldingRegion {
  readonly startLine: number;
  readonly endLine: number;
  /** `comment` folds with "fold all comments" (front matter is metadata, like a file header). */
  readonly kind?: 'comment' | 'region';
}

/** A symbol of the whole workspace: an article, a glossary term or a scenario. */
export interface WorkspaceSymbolItem {
  readonly name: string;
  readonly kind: 'article' | 'term' | 'scenario';
  /** Where it lives, relative to its KB (shown as the container). */
  readonly container: string;
  readonly location: Location;
}

/** The outline of a KB file: nested headings for Markdown, feature/scenarios for scenario files; `[]` otherwise. */
export function outlineOf(kb: KnowledgeBase, path: string): OutlineItem[] {
  const file = kb.parse(path);
  if (file?.kind === 'markdown') return markdownOutline(file);
  if (file?.kind === 'scenario') return scenarioOutline(file);
  return [];
}

/** Folding regions: front matter, sections under headings, and scenario blocks. */
export function foldingRegionsOf(kb: KnowledgeBase, path: string): FoldingRegion[] {
  const file = kb.parse(path);
  const regions: FoldingRegion[] = [];
  if (file?.kind === 'markdown') {
    if (file.frontMatter !== undefined) regions.push({ startLine: file.frontMatter.range.start.line, endLine: file.frontMatter.range.end.line, kind: 'comment' });
    for (const item of flatten(markdownOutline(file))) regions.push({ startLine: item.range.start.line, endLine: item.range.end.line });
  } else if (file?.kind === 'scenario') {
    for (const item of flatten(scenarioOutline(file))) regions.push({ startLine: item.range.start.line, endLine: item.range.end.line });
  }
  return regions.filter((region) => region.endLine > region.startLine);
}

/**
 * Symbols of every KB matching `query` (letters in order, case ignored; an
 * empty query matches everything): article titles, glossary terms and their
 * aliases, scenario names.
 */
export function workspaceSymbols(kbs: readonly KnowledgeBase[], query: string, limit = 500): WorkspaceSymbolItem[] {
  const symbols: WorkspaceSymbolItem[] = [];
  const add = (symbol: WorkspaceSymbolItem): void => {
    if (symbols.length < limit && matchesQuery(symbol.name, query)) symbols.push(symbol);
  };
  for (const kb of kbs) {
    const relative = (path: string): string => path.slice(kb.root.length + 1);
    for (const article of kb.articles()) {
      const title = articleTitle(article);
      if (title !== undefined) add({ name: title.text, kind: 'article', container: relative(article.path), location: { path: article.path, range: title.range } });
    }
    for (const entry of kb.knowledge.glossary) {
      if (entry.source !== 'kb') continue;
      const file = kb.markdown(entry.path);
      const range = file?.frontMatter?.entries.find((item) => item.key === 'term')?.valueRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      for (const name of [entry.term, ...entry.aliases]) add({ name, kind: 'term', container: relative(entry.path), location: { path: entry.path, range } });
    }
    for (const scenarioFile of kb.scenarios()) {
      for (const scenario of scenarioFile.scenarios) add({ name: scenario.name, kind: 'scenario', container: relative(scenarioFile.path), location: { path: scenarioFile.path, range: scenario.nameRange } });
    }
  }
  return symbols;
}

/** The article's title: its H1, or its front matter `title` when it has no H1. */
export function articleTitle(file: MarkdownFile): { text: string; range: Range } | undefined {
  const h1 = file.headings.find((heading) => heading.depth === 1);
  if (h1 !== undefined) return { text: h1.text, range: h1.range };
  const title = file.frontMatter?.entries.find((entry) => entry.key === 'title');
  return typeof title?.value === 'string' ? { text: title.value, range: title.valueRange } : undefined;
}

function markdownOutline(file: MarkdownFile): OutlineItem[] {
  const document = file.document;
  const root: Array<{ item: MutableItem; depth: number }> = [];
  const stack: Array<{ item: MutableItem; depth: number }> = [];
  const headings = file.headings;
  headings.forEach((heading, index) => {
    const next = headings.slice(index + 1).find((candidate) => candidate.depth <= heading.depth);
    const endOffset = next === undefined ? document.text.length : next.start;
    const item: MutableItem = {
      name: heading.text || '(empty heading)',
      kind: 'heading',
      detail: `H${heading.depth}`,
      range: { start: heading.range.start, end: endOfContent(document, heading.end, endOffset) },
      selectionRange: heading.range,
      children: [],
    };
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= heading.depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent === undefined) root.push({ item, depth: heading.depth });
    else parent.item.children.push(item);
    stack.push({ item, depth: heading.depth });
  });
  return root.map((entry) => entry.item);
}

function scenarioOutline(file: ScenarioFile): OutlineItem[] {
  const feature = file.feature;
  const lineRange = (range: Range, endLine: number): Range => ({ start: range.start, end: { line: endLine, character: file.document.lineText(endLine).length } });
  const children: OutlineItem[] = [];
  for (const background of file.backgrounds) {
    const endLine = Math.max(background.range.end.line, ...background.steps.map((step) => step.endLine));
    children.push({ name: background.name || background.keyword, kind: 'background', detail: background.keyword, range: lineRange(background.range, endLine), selectionRange: background.range, children: [] });
  }
  for (const scenario of file.scenarios) {
    const examples: OutlineItem[] = scenario.examples.map((block) => {
      const endLine = Math.max(block.range.end.line, ...block.rows.map((row) => row.range.end.line), block.header?.range.end.line ?? 0);
      return { name: block.name || block.keyword, kind: 'examples', detail: block.keyword, range: lineRange(block.range, endLine), selectionRange: block.range, children: [] };
    });
    children.push({ name: scenario.name || '(unnamed scenario)', kind: 'scenario', detail: scenario.keyword, range: lineRange(scenario.range, Math.max(scenario.range.start.line, scenario.endLine)), selectionRange: scenario.nameRange, children: examples });
  }
  if (feature === undefined) return children;
  const lastLine = Math.max(feature.range.end.line, ...children.map((child) => child.range.end.line));
  return [{ name: feature.name || feature.keyword, kind: 'feature', detail: feature.keyword, range: lineRange(feature.range, lastLine), selectionRange: feature.nameRange, children }];
}

type MutableItem = Omit<OutlineItem, 'children'> & { children: OutlineItem[] };

/** The end of a section: the last non-blank character before `limit` (never before the heading itself). */
function endOfContent(document: TextDocument, headingEnd: number, limit: number): Range['end'] {
  let end = limit;
  while (end > headingEnd && /\s/.test(document.text[end - 1] ?? '')) end--;
  return document.positionAt(end);
}

function flatten(items: readonly OutlineItem[]): OutlineItem[] {
  return items.flatMap((item) => [item, ...flatten(item.children)]);
}

function matchesQuery(name: string, query: string): boolean {
  const haystack = name.toLowerCase();
  let index = 0;
  for (const character of query.toLowerCase()) {
    if (character === ' ') continue;
    index = haystack.indexOf(character, index);
    if (index === -1) return false;
    index++;
  }
  return true;
}
