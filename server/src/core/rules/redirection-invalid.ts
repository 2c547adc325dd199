import { relativePath } from '../paths.js';
import { defineRule } from './rule.js';

/** `redirection-invalid`: an entry of a redirection file that still has its page, points at a missing file, chains or loops. */
export const redirectionInvalid = defineRule({
  id: 'redirection-invalid',
  description: 'Each redirection (`.openpublishing.redirection*.json`) must redirect a page that no longer exists, to a page that exists and is not redirected itself (no chains, no loops).',
  defaultSeverity: 'error',
  appliesTo: 'repository',
  fix: 'none',
  check({ file, kb, report }) {
    const model = kb.repository;
    for (const redirection of model.redirections()) {
      if (redirection.file !== file.path) continue;
      const source = relativePath(kb.root, redirection.sourcePath);
      if (redirection.sourceHasSpaces) {
        report({ range: redirection.sourceRange, severity: 'warning', message: `"source_path" has spaces around ${source}; remove them, so the build matches the path exactly.` });
      }
      if (kb.exists(redirection.sourcePath) || kb.existingPathIgnoringCase(redirection.sourcePath) !== undefined) {
        report({ range: redirection.sourceRange, severity: 'warning', message: `${source} still exists, so the build publishes it and ignores this redirection; delete the file or the redirection.` });
      }
      const outcome = model.follow(redirection);
      if (outcome.target === undefined) {
        const pages = outcome.chain.map((step) => relativePath(kb.root, step.sourcePath));
        report({ range: redirection.urlRange, message: `The redirections loop: ${[...pages, pages[0]].join(' -> ')}; readers never reach a page.` });
        continue;
      }
      const direct = model.targetOf(redirection);
      if (direct.kind === 'file' && model.redirectionOf(direct.path) === undefined && !kb.exists(direct.path) && kb.existingPathIgnoringCase(direct.path) === undefined) {
        report({ range: redirection.urlRange, message: `"${redirection.redirectUrl}" leads to ${relativePath(kb.root, direct.path)}, which does not exist.` });
        continue;
      }
      if (outcome.chain.length > 1) {
        const final = outcome.target.kind === 'file' ? relativePath(kb.root, outcome.target.path) : outcome.target.url;
        report({ range: redirection.urlRange, severity: 'warning', message: `"${redirection.redirectUrl}" is itself redirected (${outcome.chain.length - 1} more hop${outcome.chain.length > 2 ? 's' : ''}); redirect straight to ${final}.` });
      }
    }
  },
});
