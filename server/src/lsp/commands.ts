import { parseMarkdown } from '../core/index.js';
import { pathToUri } from './convert.js';
import { COMMANDS } from './protocol.js';
import type { ServerHost } from './server-host.js';

/**
 * Answers `workspace/executeCommand`: "Validate workspace" (`reindex` reads
 * every KB again) and "Open the explanation" of a domain claim.
 */
export function registerCommands(host: ServerHost, reindex: () => Promise<void>): void {
  host.connection.onExecuteCommand((params) => {
    if (params.command === COMMANDS.validateWorkspace) return host.enqueue(reindex);
    if (params.command === COMMANDS.openExplanation) return openExplanation(host, params.arguments ?? []);
    return undefined;
  });
}

/** Shows the explanation page of a domain claim, at its heading when the link names one. */
async function openExplanation(host: ServerHost, args: readonly unknown[]): Promise<void> {
  const [path, fragment] = args;
  if (typeof path !== 'string') return;
  // The page may be in the bundled KB, outside every workspace KB: read it as a plain Markdown file then.
  const text = host.workspace().kbFor(path)?.textOf(path) ?? await host.fs.readText(path);
  const headings = typeof text === 'string' ? parseMarkdown(path, text).headings : [];
  const heading = typeof fragment === 'string' ? headings.find((candidate) => candidate.slug === fragment.toLowerCase()) : undefined;
  await host.connection.window.showDocument({ uri: pathToUri(path), takeFocus: true, ...(heading ? { selection: heading.range } : {}) });
}
