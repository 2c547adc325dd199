import { type CodeAction, CodeActionKind, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { automaticFix, type Finding, fixCategory, type Fix, orderedFixes, type Range } from '../core/index.js';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert.js';

/** `source.fixAll.kb`: what `editor.codeActionsOnSave` asks for to apply every safe fix. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kb`;

/** A command offered for one finding (e.g. "Open the explanation" of a domain claim). */
export interface FindingCommand {
  readonly command: Command;
  readonly finding: Finding;
}

/**
 * The code actions for a request, built from the current findings of the
 * document (`undefined` when it is not checked), in the order of the fix
 * policy (`core/fix-policy.ts`): commands such as "Open the explanation"
 * first, then each finding's safe fixes (the first one preferred) and
 * suggestions; "Fix all <rule> problems in this file" when a rule has
 * several safely fixable findings; then suppressions, after every real fix. `source.fixAll.kb`
 * holds every safe fix, and the refactorings offered at the range (e.g.
 * "Link to glossary", "Link remediation steps") come as `refactor.rewrite`.
 * Edits of one action never overlap.
 */
export function codeActions(
  params: CodeActionParams,
  document: TextDocument | undefined,
  findings: readonly Finding[] | undefined,
  refactorings: readonly Fix[] = [],
  commands: readonly FindingCommand[] = [],
): CodeAction[] {
  if (document === undefined || findings === undefined) return [];
  const uri = params.textDocument.uri;
  const wanted = (kind: string): boolean => params.context.only === undefined || params.context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
  const actions: CodeAction[] = [];

  if (wanted(CodeActionKind.QuickFix)) {
    // Commands such as "Open the explanation" come first: what is right before any way to silence the finding.
    // They name the finding's diagnostic, as fixes do: editors sort actions without one after those with one.
    for (const { command, finding } of commands) {
      const diagnostic = params.context.diagnostics.find((candidate) => sameFinding(candidate, finding)) ?? toDiagnostic(finding);
      actions.push({ title: command.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command });
    }
    const atRange = findings.filter((finding) => (finding.fixes?.length ?? 0) > 0 && overlaps(finding.range, params.range));
    const suppressions: CodeAction[] = [];
    for (const finding of atRange) {
      const diagnostic = params.context.diagnostics.find((candidate) => sameFinding(candidate, finding)) ?? toDiagnostic(finding);
      const preferred = automaticFix(finding);
      for (const fix of orderedFixes(finding.fixes ?? [])) {
        const action: CodeAction = {
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          ...(fix === preferred ? { isPreferred: true } : {}),
          edit: { changes: { [uri]: fix.edits.map(toTextEdit) } },
        };
        (fixCategory(fix) === 'suppression' ? suppressions : actions).push(action);
      }
    }
    for (const ruleId of new Set(atRange.map((finding) => finding.ruleId))) {
      const ofRule = findings.filter((finding) => finding.ruleId === ruleId && automaticFix(finding) !== undefined);
      if (ofRule.length < 2) continue;
      const edits = combine(ofRule.map(automaticFix));
      actions.push({ title: `Fix all ${ruleId} problems in this file`, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: edits } } });
    }
    actions.push(...suppressions);
  }

  if (wanted(CodeActionKind.RefactorRewrite)) {
    for (const fix of refactorings) actions.push({ title: fix.title, kind: CodeActionKind.RefactorRewrite, edit: { changes: { [uri]: fix.edits.map(toTextEdit) } } });
  }

  if (params.context.only !== undefined && wanted(FIX_ALL_KIND)) {
    const edits = combine(findings.map(automaticFix));
    if (edits.length > 0) actions.push({ title: 'Fix all safely fixable KB problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}

/** The edits of several fixes in one change: a fix whose edits would overlap an earlier fix's is left out. */
function combine(fixes: ReadonlyArray<Fix | undefined>): TextEdit[] {
  const taken: Range[] = [];
  const edits: TextEdit[] = [];
  for (const fix of fixes) {
    if (fix === undefined) continue;
    if (fix.edits.some((edit) => taken.some((range) => touches(range, edit.range)))) continue;
    for (const edit of fix.edits) {
      taken.push(edit.range);
      edits.push(toTextEdit(edit));
    }
  }
  return edits;
}

function toTextEdit(edit: { readonly range: Range; readonly newText: string }): TextEdit {
  return { range: edit.range, newText: edit.newText };
}

function sameFinding(diagnostic: Diagnostic, finding: Finding): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE && diagnostic.code === finding.ruleId && compare(diagnostic.range.start, finding.range.start) === 0 && compare(diagnostic.range.end, finding.range.end) === 0;
}

function compare(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}

/** Whether two ranges share a position (an empty range touching another's edge counts). */
function overlaps(a: Range, b: Range): boolean {
  return compare(a.start, b.end) <= 0 && compare(b.start, a.end) <= 0;
}

/** Whether two edits would conflict: they overlap, or both insert at the same place. */
function touches(a: Range, b: Range): boolean {
  return (compare(a.start, b.end) < 0 && compare(b.start, a.end) < 0) || compare(a.start, b.start) === 0;
}
