import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, TextEdit } from 'vscode-languageserver';
import { TextDocument as LspTextDocument } from 'vscode-languageserver-textdocument';
import { checkFile, Engine, type Finding, InMemoryFileSystem, type Knowledge, KnowledgeBase, RULE_METADATA, TextDocument } from '../../server/src/core/index.js';
import type { FormatContext } from '../../server/src/cli/formats/format-context.js';
import { formatRdjsonl } from '../../server/src/cli/formats/rdjson.js';
import { formatSarif } from '../../server/src/cli/formats/sarif.js';
import { toReportedFindings } from '../../server/src/cli/reported-finding.js';
import { fixForReview } from '../../server/src/cli/review-fix.js';
import { applySafeFixes } from '../../server/src/cli/safe-fixes.js';
import { codeActions } from '../../server/src/lsp/code-actions.js';
import { BUNDLED_KB_FOLDER, FIXTURE_TODAY, readFolder, REPOSITORY_ROOT } from '../robustness/support.js';
import { applyReviewdogSuggestion, type RdjsonDiagnostic } from './reviewdog.js';

const FIXABLE = RULE_METADATA.filter((rule) => rule.fix !== 'none');

/** A rule's fixture KB: its rule fixture folder, or, for domain claims, the claim fixtures as articles. */
function fixtureFiles(ruleId: string): Record<string, string> {
  const folders = [path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'rules', ruleId), path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'scenario', 'rules', ruleId)];
  const folder = folders.find((candidate) => existsSync(candidate));
  if (folder !== undefined) return readFolder(folder, '/kb');
  assert.equal(ruleId, 'domain-claim', `no fixture folder for ${ruleId}`);
  return Object.fromEntries(Object.entries(readFolder(path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'claims'), '/kb/articles')).filter(([file]) => file.endsWith('.md')));
}

const CONTEXT: FormatContext = { cwd: '/', repositoryRoot: '/', version: '1.2.3', color: false };

interface SarifReplacement {
  readonly deletedRegion: { readonly startLine: number; readonly startColumn: number; readonly endLine: number; readonly endColumn: number };
  readonly insertedContent?: { readonly text: string };
}
interface SarifResultWithFixes {
  readonly fixes?: ReadonlyArray<{ readonly description: { readonly text: string }; readonly artifactChanges: ReadonlyArray<{ readonly replacements: readonly SarifReplacement[] }> }>;
}

/** Applies edits given as [start, end, text] offsets, from the last to the first. */
function applyOffsets(text: string, edits: ReadonlyArray<readonly [number, number, string]>): string {
  return [...edits].sort((a, b) => b[0] - a[0]).reduce((result, [start, end, inserted]) => result.slice(0, start) + inserted + result.slice(end), text);
}

/** The text after a SARIF fix: its replacements, in the run's 1-based UTF-16 columns. */
function applySarifFix(text: string, fix: NonNullable<SarifResultWithFixes['fixes']>[number]): string {
  const document = new TextDocument('/sarif', text);
  const offset = (line: number, column: number): number => document.offsetAt({ line: line - 1, character: column - 1 });
  return applyOffsets(text, fix.artifactChanges.flatMap((change) => change.replacements).map((replacement) => {
    const region = replacement.deletedRegion;
    return [offset(region.startLine, region.startColumn), offset(region.endLine, region.endColumn), replacement.insertedContent?.text ?? ''] as const;
  }));
}

/** The text after an LSP code action's edits, with inserted line breaks in the document's own, as an editor inserts them. */
function applyCodeAction(text: string, uri: string, action: CodeAction, eol: string): string {
  const edits: TextEdit[] = (action.edit?.changes?.[uri] ?? []).map((edit) => ({ ...edit, newText: edit.newText.replace(/\r?\n/g, eol) }));
  return LspTextDocument.applyEdits(LspTextDocument.create(uri, 'markdown', 1, text), edits);
}

/** The ways a file is stored that must not change what a fix does. */
const VARIANTS: ReadonlyArray<{ name: string; eol: string }> = [{ name: 'LF', eol: '\n' }, { name: 'CRLF', eol: '\r\n' }];

describe('one fix from the editor to the pull request', () => {
  let bundled: Promise<Knowledge> | undefined;
  const reviewable = new Set<string>();

  for (const rule of FIXABLE) {
    it(`${rule.id}: the code action, --fix, the SARIF fix and the rdjson suggestion give the same text`, async () => {
      bundled ??= new Engine({ fs: new InMemoryFileSystem(readFolder(BUNDLED_KB_FOLDER, '/bundled')), bundledRoot: '/bundled', today: () => FIXTURE_TODAY }).bundledKnowledge();
      let examined = 0;
      for (const variant of VARIANTS) {
        const files = Object.fromEntries(Object.entries(fixtureFiles(rule.id)).map(([file, text]) => [file, text.replace(/\r?\n/g, variant.eol)]));
        const kb = await KnowledgeBase.load(new InMemoryFileSystem(files), '/kb', await bundled);
        for (const file of kb.checkedPaths()) {
          const text = kb.textOf(file) ?? '';
          const all = checkFile(kb, file, { today: FIXTURE_TODAY });
          const fixable = all.filter((finding) => finding.ruleId === rule.id && (finding.fixes?.length ?? 0) > 0);
          const reported = toReportedFindings(fixable, kb, '/');
          const sarif = JSON.parse(formatSarif(reported, CONTEXT)) as { runs: Array<{ results: SarifResultWithFixes[] }> };
          const rdjson = formatRdjsonl(reported, CONTEXT).split('\n').filter(Boolean).map((line) => JSON.parse(line) as RdjsonDiagnostic);
          const uri = pathToFileURL(file).href;
          fixable.forEach((finding: Finding, index) => {
            const where = `${variant.name}, ${path.posix.basename(file)}:${finding.range.start.line + 1}`;
            examined++;
            const actions = codeActions({ textDocument: { uri }, range: finding.range, context: { diagnostics: [] } }, LspTextDocument.create(uri, 'markdown', 1, text), all);
            const actionOf = (title: string): CodeAction | undefined => actions.find((action) => action.title === title && action.diagnostics?.[0]?.range.start.line === finding.range.start.line && action.diagnostics[0].range.start.character === finding.range.start.character);
            for (const fix of finding.fixes ?? []) assert.ok(actionOf(fix.title), `${where}: no code action "${fix.title}"`);

            const sarifFixes = sarif.runs[0]?.results[index]?.fixes ?? [];
            const suggestions = rdjson[index]?.suggestions ?? [];
            const byFix = applySafeFixes(file, text, [finding]).text;
            const shown = fixForReview(finding);
            if (shown === undefined) {
              assert.deepEqual([sarifFixes.length, suggestions.length, byFix === text], [0, 0, true], `${where}: a fix for the writer to choose reaches no reviewer and no --fix`);
              return;
            }
            reviewable.add(rule.id);
            const action = actionOf(shown.title);
            assert.ok(action);
            const byEditor = applyCodeAction(text, uri, action, variant.eol);
            assert.notEqual(byEditor, text, `${where}: the fix changes the text`);
            assert.equal(sarifFixes.length, 1, `${where}: one SARIF fix`);
            assert.equal(sarifFixes[0]?.description.text, shown.title);
            assert.equal(applySarifFix(text, sarifFixes[0] ?? { description: { text: '' }, artifactChanges: [] }), byEditor, `${where}: SARIF fix`);
            assert.equal(suggestions.length, 1, `${where}: one rdjson suggestion`);
            assert.equal(applyReviewdogSuggestion(text.replace(/\r\n/g, '\n'), { ...suggestions[0]!, text: suggestions[0]!.text.replace(/\r\n/g, '\n') }), byEditor.replace(/\r\n/g, '\n'), `${where}: rdjson suggestion`);
            assert.equal(byFix, shown.safe ? byEditor : text, `${where}: --fix applies it exactly when it is safe`);
          });
        }
      }
      assert.ok(examined > 0, `the fixtures of ${rule.id} hold no fixable finding`);
    });
  }

  it('reaches reviewers for the safe rules and for most suggestion rules', () => {
    for (const rule of FIXABLE.filter((candidate) => candidate.fix === 'safe')) assert.ok(reviewable.has(rule.id), rule.id);
    assert.ok(reviewable.size >= 10, [...reviewable].join(', '));
  });
});
