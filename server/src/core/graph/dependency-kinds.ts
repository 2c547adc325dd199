import type { KbView } from '../kb-view.js';
import type { MarkdownFile } from '../markdown/parse-markdown.js';
import { resolveLink } from '../markdown/resolve-link.js';
import { includedFiles } from '../page-anchors.js';
import type { ParsedFile } from '../parsed-file.js';
import type { FileKind } from '../types.js';
import { basename } from '../paths.js';
import type { DependencyTarget, FileChange, ReadLevel } from './dependency.js';

/**
 * One kind of cross-file reference. Each kind says once what a file of the
 * KB depends on; the language server's re-checks, `kb-lint --changed-since`
 * and the `--cache` all ask the {@link DependencyGraph} built from these.
 *
 * To add a kind (say, a file the KB reads for its metadata): write a
 * `DependencyKind` below, with `targetsOf` for references written in a file
 * or `everyFile` for a file every file of some kinds reads, and add it to
 * {@link DEPENDENCY_KINDS}. Its targets are plain paths or file kinds; nothing
 * else in the engine or the hosts changes.
 */
export interface DependencyKind {
  /** Stable id, e.g. `link`. */
  readonly id: string;
  readonly description: string;
  /** What the dependent reads of the target. */
  readonly reads: ReadLevel;
  /** The references of this kind written in one parsed file. */
  readonly targetsOf?: (file: ParsedFile, kb: KbView) => readonly DependencyTarget[];
  /** A dependency every checked file of `from` (`'every'`: of any kind) has, whatever its text. */
  readonly everyFile?: { readonly from: readonly FileKind[] | 'every'; targets(kb: KbView): readonly DependencyTarget[] };
  /**
   * For a kind with {@link targetsOf}: strings one of which the raw text of
   * a file must contain (compared without letter case, as written or with
   * Markdown and percent escapes decoded) for it to hold a reference of this
   * kind that sees `change`; empty when none can. `kb-lint --changed-since`
   * parses only the files that mention one (`reference-prefilter.ts`), so it
   * must never leave out a way of writing the reference; a kind without it
   * makes every file be parsed.
   */
  readonly writtenAs?: (change: FileChange) => readonly string[];
  /** Whether a file holding a reference of this kind shows its target as part of itself (an include is rendered in the page), so that references to the file reach the target too. */
  readonly showsTarget?: boolean;
}

/** A destination that resolves to a path names its last segment: dot segments only climb to folders of the linking file, which exist before and after any change. */
function writtenWithName(change: FileChange): string[] {
  return [basename(change.path)];
}

/** Files whose content is knowledge that any file's findings may read. */
const KNOWLEDGE_KINDS: readonly FileKind[] = ['config', 'glossary', 'remediation', 'cause', 'claim', 'steps'];

function markdownLinks(kinds: ReadonlySet<string>) {
  return (file: ParsedFile, kb: KbView): DependencyTarget[] => {
    // A YAML table of contents keeps its hrefs as links of the same shape.
    if (file.kind !== 'markdown' && file.kind !== 'yaml-toc') return [];
    const targets: DependencyTarget[] = [];
    for (const link of file.links) {
      if (!kinds.has(link.kind)) continue;
      // Resolved as the build resolves it (`~/` is the docset root), like the rules that check it.
      const resolved = kb.resolveLink(file.path, link.url);
      if (resolved.kind !== 'relative' || resolved.path === file.path) continue;
      targets.push({ path: resolved.path });
      // A fragment may name a heading that the target brings in from a file it includes.
      const target = resolved.fragment === undefined ? undefined : kb.markdown(resolved.path);
      if (target !== undefined) for (const included of includedFiles(kb, target)) targets.push({ path: included.path });
    }
    return targets;
  };
}

/** The files an article includes, down to nested includes: their headings are its anchors, their text part of its page. */
function ownIncludes(file: ParsedFile, kb: KbView): DependencyTarget[] {
  if (file.kind !== 'markdown') return [];
  // The written targets too, so that creating a missing include re-checks the page.
  return [...includeLinks(file, kb), ...includedFiles(kb, file).map((included) => ({ path: included.path }))];
}

const includeLinks = markdownLinks(new Set(['include']));

/** The `see` of a claim file, resolved. */
function claimSee(file: MarkdownFile): DependencyTarget[] {
  const see = file.frontMatter?.data?.see;
  if (typeof see !== 'string') return [];
  const resolved = resolveLink(file.path, see.trim());
  return resolved.kind === 'relative' ? [{ path: resolved.path }] : [];
}

/** Every kind of dependency the engine knows. */
export const DEPENDENCY_KINDS: readonly DependencyKind[] = [
  {
    id: 'link',
    description: 'A Markdown link or link definition, or a `toc.yml` href, to another file of the KB (its existence, letter case and anchors).',
    reads: 'outline',
    targetsOf: markdownLinks(new Set(['link', 'definition'])),
    writtenAs: writtenWithName,
  },
  {
    id: 'image',
    description: 'An image, in Markdown or Learn `:::image` syntax: the file must exist.',
    reads: 'existence',
    targetsOf: markdownLinks(new Set(['image', 'learn-image', 'learn-lightbox', 'code'])),
    writtenAs: writtenWithName,
  },
  {
    id: 'include',
    description: 'An `[!INCLUDE]`, nested ones too: the included text is part of the page, and its headings are the page\'s anchors.',
    reads: 'text',
    targetsOf: ownIncludes,
    writtenAs: writtenWithName,
    showsTarget: true,
  },
  {
    id: 'claim-see',
    description: 'A claim\'s `see:` link: the claim file checks that the section exists.',
    reads: 'outline',
    targetsOf: (file, kb) => (file.kind === 'markdown' && kb.kindOf(file.path) === 'claim' ? claimSee(file) : []),
    writtenAs: writtenWithName,
  },
  {
    id: 'claim-explanation',
    description: 'Every article may report a claim, and its finding points at the section the claim\'s `see:` names (its heading and range).',
    reads: 'text',
    everyFile: { from: ['article'], targets: (kb) => kb.knowledge.claims.flatMap((claim) => {
      const resolved = resolveLink(claim.path, claim.see);
      return resolved.kind === 'relative' ? [{ path: resolved.path }] : [];
    }) },
  },
  {
    id: 'scenario-article',
    description: 'A scenario\'s `@article:` tag names an article by path or id, so scenarios read the paths and ids of every article.',
    reads: 'outline',
    targetsOf: (file) => (file.kind === 'scenario' && [...(file.feature?.tags ?? []), ...file.scenarios.flatMap((scenario) => scenario.tags)].some((tag) => tag.name.toLowerCase().startsWith('@article:')) ? [{ fileKind: 'article' }] : []),
    writtenAs: (change) => (change.kind === 'article' ? ['@article:'] : []),
  },
  {
    id: 'scenario-set',
    description: 'A scenario file\'s findings compare its scenarios with those of every other scenario file of the same problem model (two scenarios that set up the same case must not state contradicting outcomes), and a model file lists the rows of its decision table that no scenario covers, so both read every scenario file.',
    reads: 'text',
    everyFile: { from: ['scenario', 'model'], targets: () => [{ fileKind: 'scenario' }] },
  },
  {
    id: 'knowledge',
    description: 'The configuration, glossary, remediations, causes, claims and step catalogs (and what they name by id: causes, remediations, glossary `see`, catalog steps) are read by every file\'s rules.',
    reads: 'text',
    everyFile: { from: 'every', targets: () => KNOWLEDGE_KINDS.map((fileKind) => ({ fileKind })) },
  },
  {
    id: 'learn-repository',
    description: 'The Learn repository\'s `.openpublishing.publish.config.json`, `docfx.json` files and redirection files decide what every file is, its metadata and where its links lead.',
    reads: 'text',
    everyFile: { from: 'every', targets: () => [{ fileKind: 'repository' }] },
  },
];
