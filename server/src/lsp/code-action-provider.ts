import { claimExplanationTargets, glossaryLinkFixes, scenarioRemediationFixes } from '../core/language/index.js';
import { cancellable } from './cancellation.js';
import { codeActions } from './code-actions.js';
import { uriToPath } from './convert.js';
import { COMMANDS } from './protocol.js';
import type { ServerHost } from './server-host.js';

/**
 * Answers `textDocument/codeAction` once the document's findings are current:
 * the quick fixes of its findings, the refactorings the core offers at the
 * range (link a glossary term, link remediation steps) and the commands that
 * open a domain claim's explanation. `code-actions.ts` turns them into LSP.
 */
export function registerCodeActions(host: ServerHost): void {
  host.connection.onCodeAction(cancellable(async (params) => {
    const path = uriToPath(params.textDocument.uri);
    if (path === undefined || !host.settingsOf(path).enable) return [];
    await host.idle(path);
    await host.scheduler().settled(path);
    const kb = host.workspace().kbFor(path);
    const findings = host.scheduler().result(path)?.findings;
    const refactorings = kb === undefined ? [] : [...glossaryLinkFixes(kb, path, params.range), ...scenarioRemediationFixes(kb, path, params.range)];
    const explanations = kb === undefined || findings === undefined ? [] : claimExplanationTargets(kb, findings, params.range)
      .map((target) => ({ command: { title: target.title, command: COMMANDS.openExplanation, arguments: [target.path, target.fragment] }, finding: target.finding }));
    return codeActions(params, host.documents.get(params.textDocument.uri), findings, refactorings, explanations);
  }));
}
