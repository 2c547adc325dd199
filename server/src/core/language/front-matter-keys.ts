import type { FileKind } from '../types.js';

/** What a front matter key means, for hovers and completion. */
export interface FrontMatterKeyDoc {
  readonly key: string;
  readonly description: string;
  /** Fixed values it accepts, when there is a fixed list. */
  readonly values?: readonly string[];
  /** Where its values come from when they depend on the KB. */
  readonly valuesFrom?: 'products' | 'causes' | 'glossary' | 'date';
  /** Whether a list (`- item` lines) is expected. */
  readonly list?: boolean;
}

const ARTICLE_KEYS: readonly FrontMatterKeyDoc[] = [
  { key: 'title', description: 'The page title shown in search results and the browser tab. Sentence case; name the symptom.' },
  { key: 'description', description: 'One sentence that says what the article explains and fixes; shown under the title in search results.' },
  { key: 'ms.topic', description: 'The kind of article. `troubleshooting` articles must have Symptoms, Cause and Resolution sections and an `appliesto` list.', values: ['troubleshooting', 'how-to', 'conceptual', 'reference', 'article', 'include'] },
  { key: 'ms.date', description: 'The date of the last substantive review, as `MM/DD/YYYY`. Not in the future; older than the KB\'s staleness window is reported.', valuesFrom: 'date' },
  { key: 'appliesto', description: 'The products and versions the article applies to (a list). Required for troubleshooting articles.', valuesFrom: 'products', list: true },
  { key: 'causes', description: 'Ids of the cause pages (`causes/<id>.md`) the article discusses (a list). Scenarios and the Resolution check use them.', valuesFrom: 'causes', list: true },
  { key: 'audience', description: 'Who the article is written for.', values: ['ITPro', 'Admin', 'Developer', 'End user'] },
  { key: 'author', description: 'GitHub account of the article\'s owner.' },
  { key: 'ms.author', description: 'Microsoft alias of the article\'s owner.' },
  { key: 'ms.reviewer', description: 'Aliases of the technical reviewers.' },
  { key: 'manager', description: 'Alias of the owner\'s manager.' },
  { key: 'ms.custom', description: 'Free-form tracking values (for example `sap:` categories); not checked.' },
  { key: 'search.appverid', description: 'Product identifiers used by search; not checked.' },
  { key: 'ms.service', description: 'The Learn service the article belongs to.' },
];

const DOMAIN_KEYS: Readonly<Partial<Record<FileKind, readonly FrontMatterKeyDoc[]>>> = {
  glossary: [
    { key: 'term', description: 'The canonical spelling of the term: what the glossary asks articles to write.' },
    { key: 'aliases', description: 'Other accepted spellings (abbreviations, older names); recognized and never flagged.', list: true },
    { key: 'avoid', description: 'Spellings to flag in articles; the `term-spelling` fix replaces them with `term`. Matched in their exact letter case.', list: true },
    { key: 'see', description: 'Ids of related glossary entries, shown as links in hovers.', valuesFrom: 'glossary', list: true },
    { key: 'summary', description: 'One sentence shown in completion and at the top of hovers.' },
  ],
  remediation: [
    { key: 'id', description: 'The remediation id; must equal the file name without `.md`.' },
    { key: 'title', description: 'What the remediation does, as an imperative sentence; used as link text in Resolution sections.' },
    { key: 'resolves', description: 'Ids of the causes this remediation resolves (a list).', valuesFrom: 'causes', list: true },
    { key: 'rank', description: 'Order among the remediations of a cause: 1 is recommended first.' },
    { key: 'changes', description: 'The model conditions the remediation changes, e.g. `credentialsCached: true`.' },
    { key: 'tradeoffs', description: 'One line: what the remediation costs; quoted after its link in Resolution sections.' },
  ],
  cause: [
    { key: 'id', description: 'The cause id; must equal the file name without `.md`.' },
    { key: 'title', description: 'The cause, stated as a fact.' },
    { key: 'signals', description: 'Lower-case phrases whose presence in an article suggests it discusses this cause (a list).', list: true },
  ],
};

/** The documented front matter keys of a kind of file (articles get the Learn keys). */
export function frontMatterKeysFor(kind: FileKind | undefined): readonly FrontMatterKeyDoc[] {
  if (kind === undefined || kind === 'article') return ARTICLE_KEYS;
  return DOMAIN_KEYS[kind] ?? [];
}
