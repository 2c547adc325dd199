import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, type FileKind, InMemoryFileSystem, Knowledge, KnowledgeBase, parseMarkdown } from '../../../server/src/core/index.js';
import type { KnowledgeFiles } from '../../../server/src/core/domain/knowledge.js';
import { FIXTURE_TODAY } from '../../support/rule-fixtures.js';
import { bundledKbFiles } from '../../support/workspace-harness.js';

/**
 * Domain files that exercise every way an entry is read or rejected: valid
 * ones, missing and mistyped keys, broken YAML, no front matter, an unclosed
 * block, CRLF and lone CR line endings, byte order marks, fences with
 * trailing blanks, bodies with Markdown the front matter must not be
 * confused with, and a body beyond the Markdown parser's limits.
 */
const DOMAIN_FILES: Record<string, string> = {
  '/kb/kb.config.json': '{}',
  '/kb/glossary/mapi.md': '---\nterm: MAPI\naliases: [Messaging API]\navoid: [Mapi]\nsee: [ews, nowhere]\nsummary: The mail API.\n---\n\nThe **Messaging** API.\n\n---\n\n# Not front matter\n',
  '/kb/glossary/ews.md': '\uFEFF---  \r\nterm: EWS\r\naliases:\r\n  - Exchange Web Services\r\n---\t\r\n\r\nThe web services of Exchange.\r\n',
  '/kb/glossary/cr.md': '---\rterm: Lone CR\r---\r\rA definition after lone CR line endings.\r',
  '/kb/glossary/no-term.md': '---\naliases: 7\nsee: {a: 1}\n---\n',
  '/kb/glossary/broken-yaml.md': '---\nterm: [unclosed\nterm: twice\n---\n\nBody.\n',
  '/kb/glossary/no-front-matter.md': '# Heading\n\nterm: not a key\n',
  '/kb/glossary/unclosed.md': '---\nterm: Unclosed\n\nThe block never closes.\n',
  '/kb/glossary/list.md': '---\n- a\n- b\n---\nA list, not a mapping.\n',
  '/kb/glossary/too-deep.md': `---\nterm: Deep\n---\n\n${'> '.repeat(120)}Quoted too deeply to parse.\n`,
  '/kb/causes/basic-auth.md': '---\nid: basic-auth\ntitle: Basic authentication\nsignals: [Outlook Anywhere uses Basic]\n---\n\nThe cause.\n',
  '/kb/causes/wrong-id.md': '---\nid: other\ntitle: 3\nsignals: nope\n---\n',
  '/kb/remediations/ntlm.md': '---\nid: ntlm\ntitle: Switch to NTLM\nresolves: [basic-auth]\nrank: 1\nchanges: {auth: ntlm, cached: true}\ntradeoffs: Domain-joined computers only.\n---\n\nSteps.\n',
  '/kb/remediations/bad-rank.md': '---\ntitle: Bad rank\nresolves: basic-auth\nrank: -2\nchanges: [a]\n---\n\nSteps.\n',
  '/kb/claims/mapi-is-ews.md': '---\nid: mapi-is-ews\nseverity: error\nmessage: MAPI is not EWS.\nsee: ../glossary/mapi.md#top\nwhen:\n  - [term:mapi]\n  - ["is EWS", "re:is (the )?EWS"]\nunless: [not]\n---\n\nThe explanation.\n',
  '/kb/claims/broken.md': '---\nid: wrong\nseverity: fatal\nmessage: M.\nsee: https://contoso.com\nwhen:\n  - [term:unknown, "re:(unclosed"]\nstatement: {subject: x}\n---\n',
};

/** The files of each domain kind of `kb`, parsed in full (the parser's limits aside): how knowledge was read before front matter reads. */
function parsedDomainFiles(kb: KnowledgeBase): KnowledgeFiles {
  const ofKind = (kind: FileKind) =>
    kb.checkedPaths().flatMap((path) => {
      const text = kb.textOf(path);
      return kb.kindOf(path) === kind && text !== undefined ? [parseMarkdown(path, text)] : [];
    });
  return { glossary: ofKind('glossary'), remediations: ofKind('remediation'), causes: ofKind('cause'), claims: ofKind('claim'), steps: [], models: [] };
}

/** `value` as plain data: functions by name, expressions by source, maps and sets as lists, so that deep equality compares what they hold. */
function comparable(value: unknown): unknown {
  if (typeof value === 'function') return 'function';
  if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
  if (value instanceof Map) return [...value].map(comparable);
  if (value instanceof Set || Array.isArray(value)) return [...(value as Iterable<unknown>)].map(comparable);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, comparable(item)]));
  return value;
}

/** Everything a {@link Knowledge} holds of its glossary, remediations, causes, claims, relations and their problems. */
function contentsOf(knowledge: Knowledge): unknown {
  const { glossary, remediations, causes, claims, relations, problems } = knowledge;
  return comparable({ glossary, remediations, causes, claims, relations, problems });
}

describe('domain knowledge read from front matter', () => {
  it('equals the knowledge read from fully parsed files, on the bundled KB', async () => {
    const kb = await KnowledgeBase.load(bundledKbFiles(), '/kb');
    const files = kb.domainFiles();
    const fromFrontMatter = Knowledge.build(files, 'kb', undefined);
    const fromParses = Knowledge.build({ ...parsedDomainFiles(kb), steps: files.steps, models: files.models }, 'kb', undefined);
    assert.ok(fromFrontMatter.glossary.length > 10 && fromFrontMatter.claims.length > 5 && fromFrontMatter.relations.length > 0);
    assert.deepEqual(contentsOf(fromFrontMatter), contentsOf(fromParses));
  });

  it('equals it on a KB of malformed entries: the same entries, problems and ranges', async () => {
    const kb = await KnowledgeBase.load(new InMemoryFileSystem(DOMAIN_FILES), '/kb');
    const fromParses = Knowledge.build(parsedDomainFiles(kb), 'kb', undefined);
    assert.ok([...kb.knowledge.problems.values()].flat().length >= 20, 'the files have problems to compare');
    assert.deepEqual(contentsOf(kb.knowledge), contentsOf(fromParses));
    assert.equal(kb.knowledge.glossaryEntry('too-deep')?.term, 'Deep', 'a body the Markdown parser would not be given does not hide the entry');
    assert.equal(kb.knowledge.glossaryEntry('ews')?.definition, 'The web services of Exchange.');
  });

  it('parses no domain file body to build the knowledge', async () => {
    const kb = await KnowledgeBase.load(new InMemoryFileSystem(DOMAIN_FILES), '/kb');
    const files = kb.domainFiles();
    const read = [...files.glossary, ...files.remediations, ...files.causes, ...files.claims];
    assert.equal(read.length, Object.keys(DOMAIN_FILES).length - 1, 'every domain file is read');
    assert.deepEqual(read.filter((file) => 'tree' in file).map((file) => file.path), []);
  });

  it('reads a domain file again after its text changes, and after the configuration moves the folder', async () => {
    const kb = await KnowledgeBase.load(new InMemoryFileSystem(DOMAIN_FILES), '/kb');
    assert.equal(kb.knowledge.glossaryEntry('mapi')?.term, 'MAPI');
    kb.setText('/kb/glossary/mapi.md', '---\nterm: MAPI (edited)\n---\n\nEdited.\n');
    assert.equal(kb.knowledge.glossaryEntry('mapi')?.term, 'MAPI (edited)');
    kb.setText('/kb/kb.config.json', '{ "glossary": "causes" }');
    assert.equal(kb.knowledge.glossaryEntry('mapi'), undefined);
    assert.equal(kb.knowledge.glossaryEntry('basic-auth')?.term, undefined, 'a cause read as a glossary entry has no term');
    assert.ok(kb.knowledge.problems.get('/kb/causes/basic-auth.md')?.some((problem) => problem.message === 'Missing required key "term".'));
  });
});

describe('a domain file checked as a file', () => {
  it('is parsed in full and gets the same findings whether or not knowledge was read first', async () => {
    const engine = new Engine({ fs: new InMemoryFileSystem(DOMAIN_FILES), today: () => FIXTURE_TODAY });
    const knowledgeFirst = await engine.openKb('/kb');
    assert.ok(knowledgeFirst.knowledge.glossary.length > 0);
    const filesFirst = await engine.openKb('/kb');
    const paths = filesFirst.checkedPaths().filter((path) => path.endsWith('.md'));
    const findingsOf = (kb: KnowledgeBase) => paths.map((path) => [path, engine.check(kb, path)] as const);
    const parsedFirst = paths.map((path) => filesFirst.parse(path));
    assert.deepEqual(findingsOf(knowledgeFirst), findingsOf(filesFirst));

    const mapi = knowledgeFirst.markdown('/kb/glossary/mapi.md');
    assert.deepEqual(mapi?.headings.map((heading) => heading.text), ['Not front matter'], 'rules get the syntax tree and what derives from it');
    assert.ok(parsedFirst.every((file) => file?.kind === 'markdown' || file?.kind === 'unreadable'));
    const findings = new Map(findingsOf(knowledgeFirst));
    assert.ok(findings.get('/kb/glossary/mapi.md')?.some((finding) => finding.ruleId === 'glossary-entry' && finding.message.includes('"nowhere"')));
    assert.ok(findings.get('/kb/claims/broken.md')?.some((finding) => finding.ruleId === 'claim-entry'));
    assert.deepEqual(findings.get('/kb/glossary/too-deep.md')?.map((finding) => finding.ruleId), ['file-unreadable']);
  });
});
