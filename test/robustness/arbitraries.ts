/**
 * Generators of hostile and broken KB files for the property tests and the
 * longer fuzz run: Markdown built from the constructs the rules look at,
 * YAML front matter, Gherkin, step catalogs, kb.config.json, and byte-,
 * character- and line-level mutations of real articles.
 */
import fc from 'fast-check';
import type { KnowledgeBase } from '../../server/src/core/index.js';

/** Words and names the generated files use, taken from the KB under test so that its rules have something to find. */
export interface Vocabulary {
  /** Terms, aliases and spellings to avoid of the glossary. */
  readonly spellings: readonly string[];
  /** Link destinations, relative to `articles/`: existing files, wrong letter case, fragments, escapes. */
  readonly targets: readonly string[];
  /** Glossary, remediation and cause ids. */
  readonly ids: readonly string[];
  /** Phrasings of the step catalog. */
  readonly steps: readonly string[];
  /** Rule ids, for suppression comments. */
  readonly ruleIds: readonly string[];
}

/** The vocabulary of `kb` (a loaded KB with articles in `articles/`). */
export function vocabularyOf(kb: KnowledgeBase, ruleIds: readonly string[]): Vocabulary {
  const knowledge = kb.knowledge;
  const spellings = knowledge.glossary.flatMap((entry) => [entry.term, ...entry.aliases, ...entry.avoid]);
  const files = kb.checkedPaths().map((path) => path.slice(kb.root.length + 1));
  const fromArticles = files.map((file) => (file.startsWith('articles/') ? file.slice('articles/'.length) : `../${file}`));
  const targets = [
    ...fromArticles,
    ...fromArticles.map((target) => target.toUpperCase()),
    ...fromArticles.map((target) => `${target}#cause`),
    'missing.md', '#symptoms', '#', '', '../../../../etc/passwd', 'file:///etc/passwd', 'C:\\Windows\\win.ini', '\\\\server\\share',
    'https://learn.microsoft.com/', '/skypeforbusiness/x', '//host/x', 'mailto:a@example.com', '%E0%A4%A', 'a%20b.md', '<with space.md>',
    'media/image.png', '../includes/note.md', 'xref:System.String', '?query', 'javascript:alert(1)',
  ];
  const ids = [...knowledge.glossary.map((entry) => entry.id), ...knowledge.remediations.map((entry) => entry.id), ...knowledge.causes.map((entry) => entry.id)];
  const steps = knowledge.steps.forms.map((form) => form.text);
  return { spellings, targets, ids, steps, ruleIds };
}

const WORDS = ['the', 'Lync', 'prompt', 'MAPI', 'appears', 'when', 'Outlook', 'is', 'closed', 'credentials', 'user', 'cancels', 'NTLM', 'sends', 'password', 'not'];

/** Characters that parsers treat specially, plus ones that break naive code (surrogate halves, NUL, BOM, CR, RTL). */
const AWKWARD = ['\\', '`', '*', '_', '[', ']', '(', ')', '<', '>', '#', '|', '-', ':', '!', '~', '"', "'", '\t', '\r', '\u0000', '\uFEFF', '\uD800', '\uDC00', '\u202E', '\u200B', '😀', 'é', '\u00A0'];

const awkwardText = fc.array(fc.oneof(fc.constantFrom(...AWKWARD), fc.constantFrom(...WORDS), fc.string({ maxLength: 6, unit: 'binary' })), { maxLength: 8 }).map((parts) => parts.join(''));

/** Inline Markdown: words, glossary spellings, links, images, code, emphasis, HTML, directives. */
function inline(vocabulary: Vocabulary): fc.Arbitrary<string> {
  const target = fc.constantFrom(...vocabulary.targets);
  const spelling = fc.constantFrom(...vocabulary.spellings);
  const word = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, { weight: 3, arbitrary: spelling }, { weight: 1, arbitrary: awkwardText });
  const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
  const token = fc.oneof(
    { weight: 6, arbitrary: text },
    { weight: 2, arbitrary: fc.tuple(text, target).map(([label, url]) => `[${label}](${url})`) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(text, fc.constant('')), target).map(([alt, url]) => `![${alt}](${url})`) },
    { weight: 1, arbitrary: fc.tuple(text, target, fc.constantFrom('content', 'icon', 'complex')).map(([alt, url, type]) => `:::image type="${type}" source="${url}" alt-text="${alt}":::`) },
    { weight: 1, arbitrary: fc.tuple(text, target).map(([label, url]) => `[!INCLUDE [${label}](${url})]`) },
    { weight: 1, arbitrary: text.map((words) => `\`${words}\``) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('*', '**', '_', '~~'), text).map(([mark, words]) => `${mark}${words}${mark}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'span'), fc.constantFrom('name', 'id'), text).map(([tag, attribute, value]) => `<${tag} ${attribute}="${value}"></${tag}>`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('disable', 'enable', 'disable-next-line', 'disable-line'), fc.subarray([...vocabulary.ruleIds.slice(0, 12), 'no-such-rule'], { maxLength: 3 })).map(([directive, ids]) => `<!-- kb-${directive} ${ids.join(' ')} -->`) },
    { weight: 1, arbitrary: fc.constantFrom('<https://example.com>', 'https://example.com/a_(b)', 'www.example.com', '[ref]', '[ref][]', '[^1]', '\\[not a link\\]', '<!-- unclosed', '-->', '<br>', '&amp;', '&#0;') },
  );
  return fc.array(token, { minLength: 1, maxLength: 6 }).map((tokens) => tokens.join(' '));
}

/** One block of Markdown. */
function block(vocabulary: Vocabulary): fc.Arbitrary<string> {
  const line = inline(vocabulary);
  const lines = fc.array(line, { minLength: 1, maxLength: 4 });
  const sectionName = fc.constantFrom('Symptoms', 'Cause', 'Resolution', 'Workaround', 'Problem', 'More information', 'Causes', 'symptoms:', '  Resolution  ');
  return fc.oneof(
    { weight: 4, arbitrary: lines.map((parts) => parts.join('\n')) },
    { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), fc.oneof(sectionName, line), fc.constantFrom('', ' #', ' ##')).map(([depth, text, closing]) => `${'#'.repeat(depth)} ${text}${closing}`) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(sectionName, line), fc.constantFrom('===', '---')).map(([text, underline]) => `${text}\n${underline}`) },
    { weight: 2, arbitrary: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom('- ', '* ', '1. ', '2) ', '- [ ] '), line), { minLength: 1, maxLength: 5 }).map((items) => items.map(([depth, marker, text]) => `${'  '.repeat(depth)}${marker}${text}`).join('\n')) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom('', '[!NOTE]\n', '[!IMPORTANT]\n'), lines).map(([depth, alert, parts]) => `${'> '.repeat(depth)}${alert}${parts.join(`\n${'> '.repeat(depth)}`)}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'powershell', 'console'), lines, fc.boolean()).map(([fence, language, parts, closed]) => `${fence}${language}\n${parts.join('\n')}${closed ? `\n${fence}` : ''}`) },
    { weight: 1, arbitrary: fc.array(fc.array(line, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((rows) => [`| ${rows[0]?.join(' | ') ?? ''} |`, '|---|---|', ...rows.slice(1).map((row) => `| ${row.join(' | ')} |`)].join('\n')) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('ref', '1', 'x y'), fc.constantFrom(...vocabulary.targets)).map(([label, url]) => `[${label}]: ${url} "title"`) },
    { weight: 1, arbitrary: lines.map((parts) => `<div>\n${parts.join('\n')}\n</div>`) },
    { weight: 1, arbitrary: fc.constantFrom('---', '***', '---\ntitle: not front matter\n---', '<!--\n', '    indented code', '\\', '') },
  );
}

/** The line endings a generated file uses. */
export type LineEndings = 'lf' | 'crlf' | 'mixed' | 'cr';

/** Rewrites the `\n` line endings of `text`. */
export function withLineEndings(text: string, endings: LineEndings, seed = 0): string {
  if (endings === 'lf') return text;
  if (endings === 'crlf') return text.replace(/\n/g, '\r\n');
  if (endings === 'cr') return text.replace(/\n/g, '\r');
  let index = seed;
  return text.replace(/\n/g, () => ['\n', '\r\n', '\n', '\r'][index++ % 4] ?? '\n');
}

const lineEndings = fc.constantFrom<LineEndings>('lf', 'lf', 'crlf', 'mixed', 'cr');

/** A YAML value: scalars of every style, dates right and wrong, lists, maps, anchors, tags. */
const yamlValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Lync MAPI COM Server prompt', 'troubleshooting', 'conceptual', '"quoted: value"', "'single'", '', '~', 'null', 'true', '42', '-1', '1e400', '.inf', '0x1F') },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }), fc.integer({ min: 1900, max: 2100 })).map(([month, day, year]) => `${month}/${day}/${year}`) },
  { weight: 1, arbitrary: fc.constantFrom('2025-01-02', '02/29/2023', '02/29/2024', '01/02/2999', '1/2/2025', 'yesterday') },
  { weight: 2, arbitrary: fc.array(fc.constantFrom('Lync 2010', 'Outlook 2010', 'outlook-anywhere-basic-auth', 'prompt-cancelled', '', '[nested]', '{a: 1}'), { maxLength: 4 }).map((items) => (items.length === 0 ? '[]' : `\n${items.map((item) => `  - ${item}`).join('\n')}`)) },
  { weight: 1, arbitrary: fc.constantFrom('[a, b, c]', '{ outlookAnywhereAuthentication: ntlm }', '{ a: [1, {b: 2}] }', '[unclosed', '{unclosed: 1', '&anchor value', '*anchor', '!!binary aGVsbG8=', '!custom tag', '!!js/function "function () {}"', '|\n  literal\n  block', '>\n  folded', '"\\u0000\\uD800"', '"unterminated') },
  { weight: 1, arbitrary: awkwardText.map((text) => JSON.stringify(text)) },
);

const FRONT_MATTER_KEYS = ['title', 'description', 'ms.topic', 'ms.date', 'appliesto', 'ms.custom', 'author', 'causes', 'remediations', 'term', 'aliases', 'avoid', 'see', 'summary', 'id', 'resolves', 'rank', 'changes', 'tradeoffs', 'signals', 'severity', 'when', 'unless', 'explanation'];

/** A front matter block (or the lack of one, or a broken one), ending with a line break. */
export const frontMatter: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FRONT_MATTER_KEYS), fc.constantFrom('<<', 'ms.date ', '"quoted key"', 'k: v: w', '- list')), yamlValue), { maxLength: 10 }), fc.constantFrom('---', '---', '...', '--- ', '')).map(([entries, closing]) => `---\n${entries.map(([key, value]) => `${key}: ${value}`).join('\n')}\n${closing}\n`) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((raw) => `---\n${raw}\n---\n`) },
  { weight: 1, arbitrary: fc.constantFrom('---\n- a\n- b\n---\n', '---\nplain scalar\n---\n', '---\n\ttabbed: 1\n---\n', '---\na: 1\na: 2\n---\n', '---\na: &x 1\nb: *x\nc: *missing\n---\n', '---\n---\n---\n', '---\r\ntitle: CRLF\r\n---\r\n', '\uFEFF---\ntitle: BOM\n---\n') },
);

/** A whole Markdown file: front matter, then blocks separated by blank or single lines. */
export function markdownFile(vocabulary: Vocabulary, endings: fc.Arbitrary<LineEndings> = lineEndings): fc.Arbitrary<string> {
  return fc.tuple(frontMatter, fc.array(fc.tuple(block(vocabulary), fc.constantFrom('\n\n', '\n', '\n\n\n')), { maxLength: 12 }), endings, fc.nat())
    .map(([head, blocks, endings, seed]) => withLineEndings(head + blocks.map(([text, gap]) => text + gap).join(''), endings, seed));
}

/** A Gherkin file: feature, background, scenarios and outlines with steps from the catalog, tables, doc strings and junk. */
export function gherkinFile(vocabulary: Vocabulary, endings: fc.Arbitrary<LineEndings> = lineEndings): fc.Arbitrary<string> {
  const step = fc.tuple(fc.constantFrom('Given', 'When', 'Then', 'And', 'But', '*', 'given', 'Soit'), fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...vocabulary.steps) }, { weight: 1, arbitrary: awkwardText }))
    .map(([keyword, text]) => `    ${keyword} ${text.replace(/<([a-z-]+)>/gi, (_all, name: string) => (name.length % 2 === 0 ? `<${name}>` : 'remote'))}`);
  const line = fc.oneof(
    { weight: 8, arbitrary: step },
    { weight: 2, arbitrary: fc.constantFrom('  Scenario: s', '  Scenario Outline: o', '  Example: e', '  Background:', '  Rule: r', '    Examples:', '  Scenario:', 'Feature: again') },
    { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom('remote', 'internal', 'Basic', 'NTLM', '', 'a\\|b'), awkwardText), { minLength: 1, maxLength: 4 }).map((cells) => `      | ${cells.join(' | ')} |`) },
    { weight: 1, arbitrary: fc.constantFrom('      """', '      ```', '      text in a doc string', '@article:articles/lync-or-outlook-prompts-first.md', '@article:../outside.md', '@tag @other', '# comment', '# language: fr', '# language: xx', '', '   ', 'junk line') },
    { weight: 1, arbitrary: awkwardText },
  );
  return fc.tuple(fc.constantFrom('Feature: Generated\n', '', '@article:articles/x.md\nFeature: F\n', '# language: en\nFeature: F\n'), fc.array(line, { maxLength: 30 }), endings)
    .map(([head, lines, endings]) => withLineEndings(head + lines.join('\n'), endings));
}

/** A step catalog file: items with ids, kinds, phrasings, placeholders and facts, right and wrong. */
export const stepCatalogFile: fc.Arbitrary<string> = fc.array(
  fc.tuple(
    fc.constantFrom('client-lync-2010', 'user-remote', 'new-step', '', 'x y', '42'),
    fc.constantFrom('given', 'when', 'then', 'other', ''),
    fc.constantFrom('the user is remote', 'a <where> user', 'the <unknown> thing', 'Lync starts', '', '<a><b>', '(.+)+$', '<x> and <x>'),
    fc.constantFrom('', '\n    placeholders:\n      where: [remote, internal]', '\n    placeholders:\n      x: text', '\n    fact: client\n    value: lync-2010', '\n    fact: nonsense\n    value: [1, 2]', '\n    synonyms: [a, b]', '\n    synonyms: not a list'),
  ),
  { maxLength: 6 },
).chain((items) => fc.tuple(fc.constantFrom(
  `steps:\n${items.map(([id, kind, phrasing, rest]) => `  - id: ${id}\n    kind: ${kind}\n    phrasing: ${phrasing}${rest}`).join('\n')}\n`,
  `steps: ${JSON.stringify(items)}\n`,
  items.map(([id]) => id).join('\n'),
), lineEndings)).map(([text, endings]) => withLineEndings(text, endings));

/** A kb.config.json text: schema keys with values of the right and wrong types, unknown keys, broken JSON. */
export const configFile: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(
    fc.constantFrom('articles', 'scenarios', 'exclude', 'glossary', 'remediations', 'causes', 'claims', 'steps', 'useBundledKb', 'rules', 'frontMatter', 'sections', 'staleAfterDays', '$schema', 'unknown', '__proto__', 'constructor'),
    fc.oneof(
      fc.constantFrom<unknown>(['**/*.md'], ['articles/**'], [], ['**/**/**/**'], ['*a*a*a*a*b'], ['+(a)'], ['{a,b}/**'], ['[z-a]'], ['!(x)'], ['\\'], [''], ['../**'], ['/abs/**']),
      fc.constantFrom<unknown>('glossary', '', '../..', '/', 'articles', true, false, null, 0, -1, 1, 1e308, 'x', { 'link-target': 'off', 'term-spelling': 'loud' }, { required: ['title'], requiredForTroubleshooting: 'x' }, [{ name: 'Cause' }, { name: '' }, {}]),
      fc.jsonValue({ maxDepth: 3 }),
    ),
    { maxKeys: 8 },
  ).chain((value) => fc.tuple(fc.constantFrom(JSON.stringify(value), JSON.stringify(value, null, 2)), lineEndings)).map(([text, endings]) => withLineEndings(text, endings)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '{"articles": ["**/*.md",]} // comment', '{"rules": {"x": "off"}} trailing', '/* only a comment */') },
);

/** A byte-level mutation of `bytes`: flips, insertions, deletions and copies; decoded leniently as an editor would show it. */
export function mutateBytes(bytes: Uint8Array): fc.Arbitrary<Uint8Array> {
  const operation = fc.tuple(fc.constantFrom('flip', 'insert', 'delete', 'copy'), fc.nat(bytes.length), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 64 }));
  return fc.array(operation, { minLength: 1, maxLength: 8 }).map((operations) => {
    const current = Array.from(bytes);
    for (const [kind, at, value, length] of operations) {
      const index = Math.min(at, current.length);
      if (kind === 'flip' && index < current.length) current[index] = value;
      else if (kind === 'insert') current.splice(index, 0, value);
      else if (kind === 'delete') current.splice(index, length);
      else current.splice(index, 0, ...current.slice(Math.max(0, index - length), index));
    }
    return Uint8Array.from(current);
  });
}

/** A line- and character-level mutation of `text`: lines dropped, repeated, swapped, re-indented; awkward characters inserted; truncation. */
export function mutateLines(text: string): fc.Arbitrary<string> {
  const lines = text.split('\n');
  const operation = fc.tuple(fc.constantFrom('drop', 'repeat', 'swap', 'indent', 'dedent', 'insert', 'truncate', 'crlf'), fc.nat(lines.length), fc.nat(lines.length), fc.constantFrom(...AWKWARD, '---', '```', '> ', '- ', '# ', '    '));
  return fc.array(operation, { minLength: 1, maxLength: 10 }).map((operations) => {
    const current = [...lines];
    let truncateAt: number | undefined;
    for (const [kind, first, second, piece] of operations) {
      const a = Math.min(first, current.length - 1);
      const b = Math.min(second, current.length - 1);
      if (a < 0) break;
      if (kind === 'drop') current.splice(a, 1);
      else if (kind === 'repeat') current.splice(a, 0, current[a] ?? '');
      else if (kind === 'swap') [current[a], current[b]] = [current[b] ?? '', current[a] ?? ''];
      else if (kind === 'indent') current[a] = `  ${current[a] ?? ''}`;
      else if (kind === 'dedent') current[a] = (current[a] ?? '').replace(/^\s{1,4}/, '');
      else if (kind === 'insert') current[a] = `${(current[a] ?? '').slice(0, second)}${piece}${(current[a] ?? '').slice(second)}`;
      else if (kind === 'crlf') current[a] = `${current[a] ?? ''}\r`;
      else truncateAt = second;
    }
    const joined = current.join('\n');
    return truncateAt === undefined ? joined : joined.slice(0, Math.floor((joined.length * truncateAt) / Math.max(1, lines.length)));
  });
}
