/**
 * Fix safety over real repositories: for random articles of the shared
 * corpora, as they are or with a mistake that a safe fix repairs planted in
 * them (a spelling the glossary avoids, a link in the wrong letter case),
 * applying every safe fix, pass after pass as `kb-lint --fix` does, changes
 * the Markdown syntax tree only at the nodes the fixes edit, and a second
 * run finds nothing more to fix.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import { applySafeFixes } from '../../server/src/cli/safe-fixes.js';
import { automaticFix, Engine, type KnowledgeBase, parseMarkdown, TextDocument } from '../../server/src/core/index.js';
import { NodeFileSystem, toKbPath } from '../../server/src/node/node-file-system.js';
import { FIXTURE_TODAY, REPOSITORY_ROOT } from '../support/rule-fixtures.js';
import type { NamedProperty } from './properties.js';

/** The shared corpora, where they are available. */
export const CORPORA = ['officedocs-support', 'officedocs-exchange'].map((name) => path.resolve(REPOSITORY_ROOT, '..', 'shared', 'corpus', name)).filter((folder) => existsSync(folder));

interface Corpus {
  readonly engine: Engine;
  readonly kb: KnowledgeBase;
  readonly articles: readonly string[];
}

/**
 * A configuration that asks for the bundled glossary's spellings, which a
 * repository without a glossary of its own gets only on request: the planted
 * spellings are then findings with a safe fix.
 */
function spellingConfiguration(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kb-fix-safety-')), 'kb.config.json');
  writeFileSync(file, '{ "bundledGlossarySpelling": true }\n');
  return file;
}

async function openCorpus(folder: string): Promise<Corpus> {
  const engine = new Engine({ fs: new NodeFileSystem(), today: () => FIXTURE_TODAY, bundledRoot: toKbPath(path.join(REPOSITORY_ROOT, 'kb')) });
  const kb = await engine.openKb(toKbPath(folder), { configPath: toKbPath(spellingConfiguration()) });
  return { engine, kb, articles: kb.checkedPaths().filter((file) => kb.kindOf(file) === 'article') };
}

type Mistake = 'none' | 'avoided-spelling' | 'link-case';

/** The article's text with `mistake` planted where the article allows it (unchanged otherwise). */
function plant(corpus: Corpus, file: string, text: string, mistake: Mistake, pick: number): string {
  if (mistake === 'avoided-spelling') {
    const entries = corpus.kb.knowledge.glossary.filter((entry) => entry.avoid.length > 0);
    const entry = entries[pick % entries.length];
    if (entry === undefined) return text;
    const avoided = entry.avoid[pick % entry.avoid.length] ?? entry.term;
    const at = text.indexOf(` ${entry.term} `);
    return at >= 0 ? `${text.slice(0, at + 1)}${avoided}${text.slice(at + 1 + entry.term.length)}` : `${text.trimEnd()}\n\nCheck ${avoided} first.\n`;
  }
  if (mistake === 'link-case') {
    const parsed = corpus.kb.markdown(file);
    const links = (parsed?.links ?? []).filter((link) => /^[a-z][\w-]*\.md$/.test(link.url.split('/').pop() ?? ''));
    const link = links[pick % Math.max(1, links.length)];
    if (parsed === undefined || link === undefined) return text;
    const document = new TextDocument(file, text);
    const start = document.offsetAt(link.urlRange.start);
    const end = document.offsetAt(link.urlRange.end);
    const url = text.slice(start, end);
    const name = url.lastIndexOf('/') + 1;
    return `${text.slice(0, start)}${url.slice(0, name)}${url.charAt(name).toUpperCase()}${url.slice(name + 1)}${text.slice(end)}`;
  }
  return text;
}

/** Child-index paths, from the root, of the deepest nodes holding each edited range (offsets in the text, BOM included). */
function editedNodePaths(tree: Root, text: string, ranges: ReadonlyArray<readonly [number, number]>): string[] {
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return ranges.map(([start, end]) => {
    const indices: number[] = [];
    let node: Nodes = tree;
    for (;;) {
      const children: readonly Nodes[] = 'children' in node ? (node.children as Nodes[]) : [];
      const index = children.findIndex((child) => (child.position?.start.offset ?? Infinity) + shift <= start && end <= (child.position?.end.offset ?? -Infinity) + shift);
      if (index < 0) break;
      indices.push(index);
      node = children[index] as Nodes;
    }
    return indices.join('/');
  });
}

/** Asserts that two trees are equal (positions aside) except inside the subtrees at `skipped`, which keep their type. */
function assertSameOutside(before: Nodes, after: Nodes, skipped: ReadonlySet<string>, at = ''): void {
  assert.equal(after.type, before.type, `node ${at || 'root'} changed type`);
  if (skipped.has(at)) return;
  const fields = (node: Nodes): string => JSON.stringify(Object.entries(node).filter(([key]) => key !== 'position' && key !== 'children' && key !== 'data'));
  assert.equal(fields(after), fields(before), `node ${at || 'root'} (${before.type}) changed`);
  const beforeChildren: readonly Nodes[] = 'children' in before ? (before.children as Nodes[]) : [];
  const afterChildren: readonly Nodes[] = 'children' in after ? (after.children as Nodes[]) : [];
  assert.equal(afterChildren.length, beforeChildren.length, `node ${at || 'root'} (${before.type}) has ${afterChildren.length} children instead of ${beforeChildren.length}`);
  beforeChildren.forEach((child, index) => assertSameOutside(child, afterChildren[index] as Nodes, skipped, at === '' ? String(index) : `${at}/${index}`));
}

/** Applies safe fixes as `kb-lint --fix` does and checks the property; returns how many fixes were applied. */
function checkFixSafety(corpus: Corpus, file: string, text: string): number {
  const { engine, kb } = corpus;
  kb.setText(file, text);
  const original = parseMarkdown(file, text).tree;
  const skipped = new Set<string>();
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < 10; pass++) {
    const findings = engine.check(kb, file);
    const fixing = applySafeFixes(file, current, findings);
    if (fixing.applied.length === 0) break;
    const document = new TextDocument(file, current);
    const ranges = fixing.applied.flatMap((finding) => automaticFix(finding)?.edits.map((edit) => [document.offsetAt(edit.range.start), document.offsetAt(edit.range.end)] as const) ?? []);
    for (const nodePath of editedNodePaths(parseMarkdown(file, current).tree, current, ranges)) skipped.add(nodePath);
    applied += fixing.applied.length;
    current = fixing.text;
    kb.setText(file, current);
  }
  const remaining = engine.check(kb, file).filter((finding) => automaticFix(finding) !== undefined);
  assert.deepEqual(remaining.map((finding) => `${finding.ruleId}: ${finding.message}`), [], `${file}: a second run still finds something to fix`);
  assertSameOutside(original, parseMarkdown(file, current).tree, skipped);
  return applied;
}

/**
 * The property over the corpora: `undefined` when none is available. Each
 * case is an article, a planted mistake and a choice of where to plant it.
 */
export async function fixSafetyProperty(onCase: (applied: number) => void = () => undefined): Promise<NamedProperty | undefined> {
  if (CORPORA.length === 0) return undefined;
  const corpora = await Promise.all(CORPORA.map(openCorpus));
  const cases = fc.tuple(fc.nat({ max: corpora.length - 1 }), fc.nat(), fc.constantFrom<Mistake>('none', 'avoided-spelling', 'link-case'), fc.nat({ max: 1000 }));
  const property = fc.property(cases, ([corpusIndex, articleIndex, mistake, pick]) => {
    const corpus = corpora[corpusIndex] as Corpus;
    const file = corpus.articles[articleIndex % corpus.articles.length] as string;
    const text = corpus.kb.textOf(file) ?? '';
    try {
      onCase(checkFixSafety(corpus, file, plant(corpus, file, text, mistake, pick)));
    } finally {
      corpus.kb.setText(file, text);
      corpus.kb.releaseSyntaxTree(file);
    }
  });
  return { name: 'safe fixes change the syntax tree of corpus articles only at the fixed nodes, and leave nothing to fix', check: async (parameters) => fc.assert(property, parameters) };
}
