import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { KnowledgeBase } from '../../server/src/core/index.js';
import { NodeFileSystem, toKbPath } from '../../server/src/node/node-file-system.js';
import { glossarySpellings, grammarTermsPattern, SCENARIO_GRAMMAR_PATH, termsPattern, TERMS_RULE, withTermsPattern } from '../../server/src/tools/grammar-terms.js';
import { REPOSITORY_ROOT } from '../support/rule-fixtures.js';

// The scopes themselves are tested by the `.scenario` files next to this one
// (vscode-tmgrammar-test); this file checks what those cannot: the grammar's
// shape, its known terms against the glossary, and the language configuration.

interface Rule {
  name?: string;
  contentName?: string;
  include?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
  repository?: Record<string, Rule>;
}

interface Grammar extends Rule {
  scopeName: string;
  repository: Record<string, Rule>;
}

const grammarText = readFileSync(path.join(REPOSITORY_ROOT, SCENARIO_GRAMMAR_PATH), 'utf8');
const grammar = JSON.parse(grammarText) as Grammar;
const configuration = JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, 'syntaxes', 'kb-scenario.language-configuration.json'), 'utf8')) as {
  comments: { lineComment: string };
  brackets: Array<[string, string]>;
  autoClosingPairs: Array<{ open: string; close: string; notIn?: string[] }>;
  surroundingPairs: Array<[string, string]>;
  folding: { offSide: boolean; markers: { start: string; end: string } };
  wordPattern: string;
  onEnterRules: Array<{ beforeText: string }>;
};

/** Every rule of the grammar, nested ones and captures included. */
function allRules(rule: Rule): Rule[] {
  const children = [
    ...(rule.patterns ?? []),
    ...Object.values(rule.captures ?? {}),
    ...Object.values(rule.beginCaptures ?? {}),
    ...Object.values(rule.endCaptures ?? {}),
    ...Object.values(rule.repository ?? {}),
  ];
  return [rule, ...children.flatMap(allRules)];
}

/** The terms pattern as a JavaScript regular expression (Oniguruma's inline `(?i)` becomes the `i` flag). */
function termsRegExp(): RegExp {
  const pattern = grammarTermsPattern(grammarText);
  if (pattern === undefined || !pattern.startsWith('(?i)')) assert.fail(`the "${TERMS_RULE}" rule should match case-insensitively`);
  return new RegExp(pattern.slice('(?i)'.length), 'giu');
}

let bundledKb: Promise<KnowledgeBase> | undefined;
/** The repository's `kb/`, loaded once for the tests that need it. */
function loadBundledKb(): Promise<KnowledgeBase> {
  bundledKb ??= KnowledgeBase.load(new NodeFileSystem(), toKbPath(path.join(REPOSITORY_ROOT, 'kb')));
  return bundledKb;
}

function filesBelow(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesBelow(full) : [full];
  });
}

describe('scenario grammar', () => {
  it('is named source.kb-scenario and every scope ends in .kb-scenario', () => {
    assert.equal(grammar.scopeName, 'source.kb-scenario');
    // The root's `name` is the grammar's display name, not a scope.
    const scopes = allRules(grammar).slice(1).flatMap((rule) => [rule.name, rule.contentName]).filter((scope) => scope !== undefined);
    assert.ok(scopes.length > 20);
    assert.deepEqual(scopes.filter((scope) => !scope.split(/\s+/).every((part) => part.endsWith('.kb-scenario'))), []);
  });

  it('includes only rules of its repository, and uses every one of them', () => {
    const includes = new Set(allRules(grammar).flatMap((rule) => (rule.include === undefined ? [] : [rule.include])));
    const defined = Object.keys(grammar.repository).map((key) => `#${key}`);
    assert.deepEqual([...includes].filter((include) => !defined.includes(include)), []);
    assert.deepEqual(defined.filter((include) => !includes.has(include)), []);
  });

  it(`lists the terms and aliases of kb/glossary (regenerate with node out/server/src/tools/generate-grammar.js)`, async () => {
    const expected = termsPattern(glossarySpellings((await loadBundledKb()).knowledge.glossary));
    assert.equal(grammarTermsPattern(grammarText), expected);
    assert.equal(withTermsPattern(grammarText, expected), grammarText, 'the grammar is not formatted as the generator writes it');
  });

  it('highlights the glossary mentions the engine finds in the bundled KB', async () => {
    const kb = await loadBundledKb();
    const terms = termsRegExp();
    const differences: string[] = [];
    for (const file of filesBelow(path.join(REPOSITORY_ROOT, 'kb')).filter((name) => /\.(md|scenario)$/.test(name))) {
      const text = readFileSync(file, 'utf8');
      const mentions = kb.knowledge.terms.find(text);
      const highlighted = [...text.matchAll(terms)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
      const where = (start: number, end: number): string => `${path.relative(REPOSITORY_ROOT, file)}: ${JSON.stringify(text.slice(start, end))} at ${start}`;
      for (const mention of mentions) {
        if (mention.kind !== 'avoid' && !highlighted.some((range) => range.start === mention.start && range.end === mention.end)) differences.push(`not highlighted: ${where(mention.start, mention.end)}`);
      }
      for (const range of highlighted) {
        // Inside a longer `avoid` spelling ("MS Outlook") the grammar still highlights the accepted term.
        const found = mentions.some((mention) => (mention.start === range.start && mention.end === range.end) || (mention.kind === 'avoid' && mention.start <= range.start && range.end <= mention.end));
        if (!found) differences.push(`highlighted but not a mention: ${where(range.start, range.end)}`);
      }
    }
    assert.deepEqual(differences, []);
  });
});

describe('termsPattern', () => {
  const matches = (spellings: string[], text: string): string[] => [...text.matchAll(new RegExp(termsPattern(spellings).slice('(?i)'.length), 'giu'))].map((match) => match[0]);

  it('puts longer spellings first, so the longest one wins', () => {
    assert.deepEqual(matches(['Outlook', 'Outlook Anywhere'], 'Outlook Anywhere and Outlook'), ['Outlook Anywhere', 'Outlook']);
  });

  it('escapes regular expression characters and accepts any whitespace between words', () => {
    assert.deepEqual(matches(['ucmapi.exe', 'free/busy information'], 'ucmapi.exe, ucmapixexe, free/busy   information'), ['ucmapi.exe', 'free/busy   information']);
  });

  it('matches whole words only, not inside names, paths or longer words', () => {
    assert.deepEqual(matches(['MAPI'], 'MAPIs mapi.dll C:\\MAPI\\x x-mapi MAPI, (mapi)'), ['MAPI', 'mapi']);
  });

  it('drops duplicates that differ only in case, and is stable', () => {
    assert.equal(termsPattern(['Basic authentication', 'basic Authentication', 'EWS']), termsPattern(['EWS', 'Basic authentication']));
  });

  it('matches nothing for an empty glossary', () => {
    assert.deepEqual(matches([], 'Outlook'), []);
  });

  it('returns undefined for a grammar without a terms rule', () => {
    assert.equal(grammarTermsPattern('{"repository": {}}'), undefined);
    assert.equal(withTermsPattern('not json', 'x'), undefined);
  });
});

describe('scenario language configuration', () => {
  const words = (text: string): string[] => text.match(new RegExp(configuration.wordPattern, 'g')) ?? [];

  it('comments lines with #, folds by indentation and by # region markers', () => {
    assert.equal(configuration.comments.lineComment, '#');
    assert.equal(configuration.folding.offSide, true);
    assert.match('  # region Remote users', new RegExp(configuration.folding.markers.start));
    assert.match('  # endregion', new RegExp(configuration.folding.markers.end));
    assert.doesNotMatch('  # endregion', new RegExp(configuration.folding.markers.start));
  });

  it('auto-closes quotes and placeholder brackets, and surrounds with them', () => {
    for (const pair of ['"', '<']) assert.ok(configuration.autoClosingPairs.some((entry) => entry.open === pair), `no auto-closing pair for ${pair}`);
    for (const pair of configuration.autoClosingPairs) assert.ok(configuration.surroundingPairs.some(([open, close]) => open === pair.open && close === pair.close), `${pair.open} does not surround`);
    assert.ok(configuration.brackets.some(([open, close]) => open === '<' && close === '>'));
  });

  it('treats hyphenated words, file names and contractions as one word', () => {
    assert.deepEqual(words('Given the computer is domain-joined.'), ['Given', 'the', 'computer', 'is', 'domain-joined']);
    assert.deepEqual(words('Then the MAPI process is ucmapi64.exe'), ['Then', 'the', 'MAPI', 'process', 'is', 'ucmapi64.exe']);
    assert.deepEqual(words(`isn't <first application> "MAPI Status OK" | cell |`), [`isn't`, 'first', 'application', 'MAPI', 'Status', 'OK', 'cell']);
    assert.deepEqual(words('@article:articles/x.md'), ['article', 'articles', 'x.md']);
  });

  it('indents after a section keyword line', () => {
    const [rule] = configuration.onEnterRules;
    assert.ok(rule);
    for (const line of ['Feature: Prompts', '  Scenario Outline: Start order', '    Examples:']) assert.match(line, new RegExp(rule.beforeText));
    assert.doesNotMatch('    Given the user is remote', new RegExp(rule.beforeText));
  });
});
