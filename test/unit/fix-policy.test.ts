import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CodeActionKind, type CodeActionParams } from 'vscode-languageserver';
import { TextDocument as LspTextDocument } from 'vscode-languageserver-textdocument';
import { automaticFix, Engine, type Finding, fixCategory, type Fix, type KnowledgeBase, orderedFixes, RULE_METADATA, RULES } from '../../server/src/core/index.js';
import { codeActions, FIX_ALL_KIND } from '../../server/src/lsp/code-actions.js';
import { checkWithRule, FIXTURE_TODAY, loadFixtureKb, ruleFixtureFolders } from '../support/rule-fixtures.js';
import { repositoryKb } from './claims/support.js';

/**
 * The rule-by-rule review of the fix policy: the rules whose fixes cannot
 * change what the text means. `link-case` corrects only the letter case of
 * a link to a file that exists, and `link-anchor` only the letter case of an
 * anchor that exists (its closest-heading guess stays a suggestion);
 * `link-redirected` points a link at the page its target redirects to, where
 * the reader lands anyway; `term-spelling` replaces a spelling the glossary
 * lists under `avoid` with a spelling of the same entry. Every other fix
 * (closest anchor, step or id; inserted sections, keys or dates; headings
 * changed; declared causes) is a guess or a placeholder a writer must judge.
 */
const REVIEWED_SAFE_RULES = ['link-anchor', 'link-case', 'link-redirected', 'term-spelling'];

function fix(title: string, safe: boolean, suppression?: boolean): Fix {
  return { title, safe, ...(suppression === undefined ? {} : { suppression }), edits: [] };
}

function requestAt(uri: string, finding: Finding, only?: string[]): CodeActionParams {
  return { textDocument: { uri }, range: finding.range, context: { diagnostics: [], ...(only === undefined ? {} : { only }) } };
}

async function checkedArticle(text: string): Promise<{ uri: string; document: LspTextDocument; findings: Finding[]; kb: KnowledgeBase }> {
  const file = '/kb/articles/policy.md';
  const fs = repositoryKb({ [file]: text });
  const engine = new Engine({ fs, today: () => FIXTURE_TODAY });
  const kb = await engine.openKb('/kb');
  const uri = `file://${file}`;
  return { uri, document: LspTextDocument.create(uri, 'markdown', 1, text), findings: engine.check(kb, file), kb };
}

describe('fix policy', () => {
  it('puts safe fixes first, then suggestions, then suppressions, and applies only the first safe fix', () => {
    const fixes = [fix('silence', false, true), fix('guess', false), fix('exact', true), fix('exact too', true)];
    assert.deepEqual(orderedFixes(fixes).map((each) => each.title), ['exact', 'exact too', 'guess', 'silence']);
    assert.deepEqual(fixes.map(fixCategory), ['suppression', 'suggestion', 'safe', 'safe']);
    const finding: Finding = { ruleId: 'r', severity: 'error', path: '/kb/a.md', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'm', fixes };
    assert.equal(automaticFix(finding)?.title, 'exact');
    assert.equal(automaticFix({ ...finding, fixes: [fix('guess', false), fix('marked safe, but silences', true, true)] }), undefined);
  });

  it('declares safe fixes only for the reviewed rules', () => {
    assert.deepEqual(RULE_METADATA.filter((rule) => rule.fix === 'safe').map((rule) => rule.id).sort(), REVIEWED_SAFE_RULES);
  });

  it('offers safe fixes only from rules declared safe, and suppressions are never safe (every rule fixture)', async () => {
    let fixes = 0;
    for (const folder of ruleFixtureFolders()) {
      const rule = RULES.find((candidate) => candidate.id === path.basename(folder));
      if (rule === undefined) continue;
      for (const finding of [...(await checkWithRule(loadFixtureKb(folder), rule)).values()].flat()) {
        for (const offered of finding.fixes ?? []) {
          fixes++;
          if (offered.safe) assert.equal(rule.fix, 'safe', `${rule.id} offers the safe fix "${offered.title}" but is not declared safe`);
          if (offered.suppression === true) assert.equal(offered.safe, false, `${rule.id}: "${offered.title}" silences the rule, so it is never safe`);
        }
      }
    }
    assert.ok(fixes > 20, `only ${fixes} fixes were looked at`);
  });

  it('term-spelling replaces a spelling to avoid only with a spelling of the same glossary entry (every avoid spelling of the bundled glossary)', async () => {
    const bundled = await checkedArticle('# Title\n');
    const entries = bundled.kb.knowledge.glossary.filter((entry) => entry.avoid.length > 0);
    assert.ok(entries.length > 0);
    const text = `# Title\n\n${entries.flatMap((entry) => entry.avoid.map((avoided) => `Use ${avoided} here.`)).join('\n\n')}\n`;
    const { findings, kb } = await checkedArticle(text);
    const spelling = findings.filter((finding) => finding.ruleId === 'term-spelling');
    assert.ok(spelling.length >= entries.length, `${spelling.length} findings for ${entries.length} entries`);
    for (const finding of spelling) {
      const entry = kb.knowledge.glossary.find((candidate) => candidate.path === finding.related?.[0]?.path);
      const written = text.split('\n')[finding.range.start.line]?.slice(finding.range.start.character, finding.range.end.character) ?? '';
      assert.ok(entry !== undefined && entry.avoid.some((avoided) => avoided.toLowerCase() === written.toLowerCase()), `"${written}" is not an avoided spelling of ${entry?.id}`);
      const replacement = automaticFix(finding)?.edits[0]?.newText;
      assert.ok([entry.term, ...entry.aliases].includes(replacement ?? ''), `"${written}" becomes "${replacement}", not a spelling of ${entry.id}`);
    }
  });
});

describe('code actions follow the fix policy', () => {
  it('on a domain-claim finding, lists "Open the explanation" before the suppression and prefers nothing', async () => {
    const { uri, document, findings } = await checkedArticle('# Title\n\nThe prompt comes from EWS.\n');
    const claim = findings.find((finding) => finding.ruleId === 'domain-claim');
    assert.ok(claim, findings.map((finding) => finding.ruleId).join(', '));
    const actions = codeActions(requestAt(uri, claim), document, findings, [], [{ command: { title: 'Open the explanation', command: 'kb.openExplanation' }, finding: claim }]);
    const titles = actions.map((action) => action.title);
    // Editors put actions without diagnostics after those with one: the command names the finding's diagnostic, as the suppression does.
    assert.equal(actions.find((action) => action.title === 'Open the explanation')?.diagnostics?.[0]?.code, 'domain-claim');
    assert.equal(titles.filter((title) => title === 'Open the explanation').length, 1);
    assert.notEqual(titles[0], 'Disable domain-claim for this sentence');
    assert.equal(titles[titles.length - 1], 'Disable domain-claim for this sentence');
    assert.ok(titles.indexOf('Open the explanation') < titles.indexOf('Disable domain-claim for this sentence'));
    assert.equal(actions.filter((action) => action.isPreferred === true).length, 0);
  });

  it('prefers a safe fix, and "Fix all" and source.fixAll.kb hold safe fixes only', async () => {
    const text = '# Title\n\nCheck outlook anywhere, then outlook anywhere again. See [the cause](#caus).\n';
    const { uri, document, findings } = await checkedArticle(text);
    const spelling = findings.find((finding) => finding.ruleId === 'term-spelling');
    assert.ok(spelling);
    const quickFixes = codeActions(requestAt(uri, spelling), document, findings);
    assert.equal(quickFixes.find((action) => action.isPreferred === true)?.title, automaticFix(spelling)?.title);
    const fixAllRule = quickFixes.find((action) => action.title === 'Fix all term-spelling problems in this file');
    assert.equal(fixAllRule?.edit?.changes?.[uri]?.length, 2);
    const [fixAll] = codeActions(requestAt(uri, spelling, [FIX_ALL_KIND]), document, findings);
    const safeEdits = findings.flatMap((finding) => automaticFix(finding)?.edits ?? []);
    assert.deepEqual(fixAll?.edit?.changes?.[uri]?.map((edit) => edit.newText), safeEdits.map((edit) => edit.newText));
    assert.ok(findings.some((finding) => finding.ruleId === 'link-anchor'), 'the anchor suggestion is present but left out of fix-all');
  });

  it('never offers "Fix all" of guesses: unknown steps of a scenario get no fix-all and no preferred fix', async () => {
    const file = '/kb/scenarios/policy.scenario';
    const text = 'Feature: f\n  Scenario: s\n    Given the moon is full\n    When Lync start\n    Then the prompt shows up\n';
    const fs = repositoryKb({ [file]: text });
    const engine = new Engine({ fs, today: () => FIXTURE_TODAY });
    const findings = engine.check(await engine.openKb('/kb'), file);
    const unknown = findings.filter((finding) => finding.ruleId === 'scenario-step-unknown' && (finding.fixes?.length ?? 0) > 0);
    assert.ok(unknown.length >= 1, findings.map((finding) => finding.message).join(' | '));
    const uri = `file://${file}`;
    const document = LspTextDocument.create(uri, 'kb-scenario', 1, text);
    for (const finding of unknown) {
      const actions = codeActions(requestAt(uri, finding), document, findings);
      assert.equal(actions.filter((action) => action.isPreferred === true).length, 0);
      assert.ok(!actions.some((action) => action.title.startsWith('Fix all scenario-step-unknown')));
    }
    assert.deepEqual(codeActions(requestAt(uri, unknown[0]!, [CodeActionKind.SourceFixAll]), document, findings), []);
  });
});
