import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, InMemoryFileSystem, type KnowledgeBase } from '../../../server/src/core/index.js';
import {
  completionsAt,
  definitionAt,
  documentLinksOf,
  foldingRegionsOf,
  glossaryLinkFixes,
  hoverAt,
  outlineOf,
  prepareHeadingRename,
  referencesAt,
  renameHeading,
  workspaceSymbols,
} from '../../../server/src/core/language/index.js';
import type { Position } from '../../../server/src/core/index.js';

const FRONT = '---\ntitle: T\ndescription: D\nms.topic: troubleshooting\nms.date: 11/01/2026\nappliesto:\n  - Lync 2010\n---\n';

/** An in-memory KB at /kb; every test builds its own, so nothing is shared. */
async function kbOf(files: Record<string, string>): Promise<KnowledgeBase> {
  const fs = new InMemoryFileSystem(Object.fromEntries(Object.entries({ 'kb.config.json': '{}', ...files }).map(([path, text]) => [`/kb/${path}`, text])));
  return new Engine({ fs, today: () => new Date() }).openKb('/kb');
}

/** The position of `needle` (plus `delta`) in `text`. */
function at(text: string, needle: string, delta = 0): Position {
  const index = text.indexOf(needle);
  assert.notEqual(index, -1, needle);
  const before = text.slice(0, index + delta);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}

const GLOSSARY = '---\nterm: Outlook Anywhere\naliases:\n  - RPC over HTTP\navoid:\n  - Outlook anywhere\nsummary: MAPI over HTTPS.\n---\n\nOutlook Anywhere tunnels MAPI.\n';
const OUTLOOK = '---\nterm: Outlook\nsummary: The mail client.\n---\n\nThe mail client.\n';

describe('editor features on an in-memory KB', () => {
  it('matches the longest glossary term and shows its definition and file', async () => {
    const text = `${FRONT}\n# A\n\nOutlook Anywhere and Outlook.\n`;
    const kb = await kbOf({ 'glossary/outlook-anywhere.md': GLOSSARY, 'glossary/outlook.md': OUTLOOK, 'a.md': text });
    const long = hoverAt(kb, '/kb/a.md', at(text, 'Anywhere and', 2));
    assert.match(long?.markdown ?? '', /^\*\*Outlook Anywhere\*\* \(also: RPC over HTTP\)/);
    assert.match(long?.markdown ?? '', /\[Glossary entry\]\(glossary\/outlook-anywhere\.md\)/);
    const short = hoverAt(kb, '/kb/a.md', at(text, 'Outlook.', 2));
    assert.match(short?.markdown ?? '', /^\*\*Outlook\*\*/);
  });

  it('does not hover terms inside code or link destinations', async () => {
    const text = `${FRONT}\n# A\n\n\`Outlook Anywhere\` and [x](outlook-anywhere.md).\n`;
    const kb = await kbOf({ 'glossary/outlook-anywhere.md': GLOSSARY, 'a.md': text, 'outlook-anywhere.md': '# X\n' });
    assert.equal(hoverAt(kb, '/kb/a.md', at(text, 'Anywhere`', 1)), undefined);
  });

  it('tells the canonical spelling when hovering a spelling to avoid', async () => {
    const text = `${FRONT}\n# A\n\nOutlook anywhere is on.\n`;
    const kb = await kbOf({ 'glossary/outlook-anywhere.md': GLOSSARY, 'a.md': text });
    assert.match(hoverAt(kb, '/kb/a.md', at(text, 'anywhere is', 1))?.markdown ?? '', /^Write \*\*Outlook Anywhere\*\*, not "Outlook anywhere"/);
  });

  it('renames duplicate headings and shifts the numbered anchors with them', async () => {
    const text = '# T\n\n## Step\n\n## Step\n\n[first](#step) [second](#step-1)\n';
    const other = '[there](a.md#step-1)\n';
    const kb = await kbOf({ 'a.md': text, 'b.md': other });
    assert.equal(prepareHeadingRename(kb, '/kb/a.md', at(text, 'first'))?.placeholder, undefined);
    assert.equal(prepareHeadingRename(kb, '/kb/a.md', at(text, '## Step', 4))?.placeholder, 'Step');
    const edits = renameHeading(kb, '/kb/a.md', at(text, '## Step', 4), 'First step');
    // "#step" now names the second heading, whose slug drops its "-1"; the link to the renamed one follows it.
    assert.deepEqual(edits?.get('/kb/a.md')?.map((edit) => edit.newText), ['First step', 'first-step', 'step']);
    assert.deepEqual(edits?.get('/kb/b.md')?.map((edit) => edit.newText), ['step']);
  });

  it('finds the links to a heading, from the heading or from a link', async () => {
    const text = '# T\n\n## Cause\n\nSee [c](#cause).\n';
    const kb = await kbOf({ 'a.md': text, 'b.md': '[x](a.md#Cause) [y](a.md#other) [z](./a.md#cause)\n' });
    const fromHeading = referencesAt(kb, '/kb/a.md', at(text, '## Cause', 3), false);
    assert.deepEqual(fromHeading.map((location) => location.path).sort(), ['/kb/a.md', '/kb/b.md', '/kb/b.md']);
    const fromLink = referencesAt(kb, '/kb/a.md', at(text, '(#cause', 2), true);
    assert.equal(fromLink.length, 4);
  });

  it('goes to the heading a link names, and to nothing for external or broken links', async () => {
    const text = '[a](b.md#two) [web](https://example.com) [gone](missing.md)\n';
    const kb = await kbOf({ 'a.md': text, 'b.md': '# One\n\n## Two\n' });
    assert.deepEqual(definitionAt(kb, '/kb/a.md', at(text, 'b.md', 1)), [{ path: '/kb/b.md', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } } }]);
    assert.deepEqual(definitionAt(kb, '/kb/a.md', at(text, 'example', 1)), []);
    assert.deepEqual(definitionAt(kb, '/kb/a.md', at(text, 'missing', 1)), []);
  });

  it('links existing relative targets, with encoded names and titles', async () => {
    const text = '[a](<my file.md> "Title") [b](my%20file.md#part) ![i](media/x.png) [c](https://example.com) [d](nope.md)\n';
    const kb = await kbOf({ 'a.md': text, 'my file.md': '# Part\n', 'media/x.png': 'png' });
    assert.deepEqual(documentLinksOf(kb, '/kb/a.md').map((link) => [link.targetPath, link.targetLine]), [
      ['/kb/my file.md', undefined],
      ['/kb/my file.md', 0],
      ['/kb/media/x.png', undefined],
    ]);
  });

  it('outlines skipped heading levels under the nearest parent and folds front matter and sections', async () => {
    const text = `${FRONT}\n# Title\n\n### Deep\n\ntext\n\n## Next\n\nmore\n`;
    const kb = await kbOf({ 'a.md': text });
    const outline = outlineOf(kb, '/kb/a.md');
    assert.deepEqual(outline.map((item) => [item.name, item.children.map((child) => child.name)]), [['Title', ['Deep', 'Next']]]);
    const folds = foldingRegionsOf(kb, '/kb/a.md');
    assert.deepEqual(folds[0], { startLine: 0, endLine: 7, kind: 'comment' });
    assert.ok(folds.some((fold) => fold.startLine === at(text, '### Deep').line && fold.endLine === at(text, 'text').line));
  });

  it('completes paths, then anchors, then front matter list values', async () => {
    const text = `${FRONT.replace('appliesto:\n  - Lync 2010\n', 'appliesto:\n  - \n')}\n# A\n\n[x](sub/) [y](b.md#) [z](../\n`;
    const kb = await kbOf({ 'a.md': text, 'b.md': '# Bee\n\n## Part two\n', 'sub/c.md': `${FRONT}\n# Sea\n`, 'sub/deeper/d.md': '# D\n', 'other.md': `${FRONT}\n# O\n` });
    const sub = completionsAt(kb, '/kb/a.md', at(text, '(sub/', 5), { terms: true });
    assert.deepEqual(sub.map((item) => item.label).sort(), ['../', 'c.md', 'deeper/']);
    assert.equal(sub.find((item) => item.label === 'c.md')?.detail, 'Sea');
    const anchors = completionsAt(kb, '/kb/a.md', at(text, 'b.md#', 5), { terms: true });
    assert.deepEqual(anchors.map((item) => item.label), ['bee', 'part-two']);
    assert.deepEqual(completionsAt(kb, '/kb/a.md', at(text, '(../', 4), { terms: true }), [], 'nothing above the KB root');
    const products = completionsAt(kb, '/kb/a.md', at(text, 'appliesto:\n  - ', 'appliesto:\n  - '.length), { terms: true });
    assert.deepEqual(products.map((item) => item.label), ['Lync 2010']);
  });

  it('completes glossary terms in prose only, and not when turned off', async () => {
    const text = `${FRONT}\n# A\n\nThe Outl\n\n\`Outl\`\n`;
    const kb = await kbOf({ 'glossary/outlook-anywhere.md': GLOSSARY, 'glossary/outlook.md': OUTLOOK, 'a.md': text });
    const prose = completionsAt(kb, '/kb/a.md', at(text, 'The Outl', 8), { terms: true });
    assert.deepEqual(prose.map((item) => item.label).sort(), ['Outlook', 'Outlook Anywhere']);
    assert.equal(prose.find((item) => item.label === 'Outlook')?.detail, 'The mail client.');
    assert.deepEqual(completionsAt(kb, '/kb/a.md', at(text, 'The Outl', 8), { terms: false }), []);
    assert.deepEqual(completionsAt(kb, '/kb/a.md', at(text, '`Outl', 5), { terms: true }), []);
  });

  it('offers "Link to glossary" once per term, and not when the article already links to it', async () => {
    const text = `${FRONT}\n# A\n\nOutlook Anywhere here and Outlook Anywhere there.\n`;
    const kb = await kbOf({ 'glossary/outlook-anywhere.md': GLOSSARY, 'articles/a.md': text, 'articles/b.md': `${text}\n[OA](../glossary/outlook-anywhere.md)\n` });
    const whole = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
    const fixes = glossaryLinkFixes(kb, '/kb/articles/a.md', whole);
    assert.deepEqual(fixes.map((fix) => fix.edits.map((edit) => [edit.range.start.character, edit.newText])), [[[0, '[Outlook Anywhere](../glossary/outlook-anywhere.md)']]]);
    assert.deepEqual(glossaryLinkFixes(kb, '/kb/articles/b.md', whole), []);
  });

  it('lists workspace symbols matching a query, letters in order', async () => {
    const kb = await kbOf({ 'glossary/outlook-anywhere.md': GLOSSARY, 'a.md': `${FRONT}\n# Prompt after sign-in\n` });
    assert.deepEqual(workspaceSymbols([kb], 'pas').map((symbol) => symbol.name), ['Prompt after sign-in']);
    assert.deepEqual(workspaceSymbols([kb], 'rpc').map((symbol) => [symbol.name, symbol.kind]), [['RPC over HTTP', 'term']]);
  });
});
