import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  closestPhrasings,
  matchStep,
  mergeStepCatalogs,
  normalizeStepText,
  phrasingFor,
  stepCompletions,
} from '../../../server/src/core/scenario/steps/step-catalog.js';
import { parseStepCatalog } from '../../../server/src/core/scenario/steps/parse-catalog.js';
import { bundledCatalogFile, bundledModel, catalogWith, fixture } from './support.js';

describe('step catalog: the bundled catalog', () => {
  it('parses without problems', () => {
    const file = bundledCatalogFile();
    assert.deepEqual(file.problems, []);
    assert.ok(file.entries.length >= 30);
    assert.deepEqual(mergeStepCatalogs([file], [bundledModel()]).problems, []);
  });

  // Every canonical phrasing the issue requires, with the meaning it must have.
  const REQUIRED: ReadonlyArray<[string, string]> = [
    ['the client is Lync 2010', 'condition client=lync-2010'],
    ['Lync runs as a 32-bit process', 'condition bitness=32-bit'],
    ['Lync runs as a 64-bit process', 'condition bitness=64-bit'],
    ['the mailbox is on Exchange Server 2003', 'condition exchangeVersion=2003'],
    ['the mailbox is on Exchange Server 2007', 'condition exchangeVersion=2007'],
    ['the mailbox is on Exchange Server 2010', 'condition exchangeVersion=2010'],
    ['the user is internal', 'condition location=internal'],
    ['the user is remote', 'condition location=remote'],
    ['the user is on the corporate network', 'condition location=internal'],
    ['the user is outside the corporate network', 'condition location=remote'],
    ['Outlook Anywhere is forced for internal connections', 'condition outlookAnywhereForcedInternally=true'],
    ['Outlook Anywhere uses Basic authentication', 'condition outlookAnywhereAuthentication=basic'],
    ['Outlook Anywhere uses NTLM authentication', 'condition outlookAnywhereAuthentication=ntlm'],
    ['the computer is domain-joined', 'condition domainJoined=true'],
    ['the computer is not domain-joined', 'condition domainJoined=false'],
    ['the credentials are cached in Windows Credential Manager', 'condition credentialsCached=true'],
    ['no credentials are cached in Windows Credential Manager', 'condition credentialsCached=false'],
    ['Outlook is closed', 'condition outlookState=closed'],
    ['Outlook is running and connected to Exchange', 'condition outlookState=connected'],
    ['Lync starts automatically at sign-in', 'condition lyncAutostart=true'],
    ['Lync starts', 'event lync-starts'],
    ['Outlook starts', 'event outlook-starts'],
    ['the user cancels the prompt', 'event user-cancels'],
    ['the user enters valid credentials', 'event user-enters-credentials'],
    ['the "Lync MAPI COM Server" prompt appears', 'outcome lyncPrompt=true'],
    ['the "Lync MAPI COM Server" prompt does not appear', 'outcome lyncPrompt=false'],
    ['Outlook prompts for credentials', 'outcome outlookPrompt=true'],
    ['no credential prompt appears', 'outcome credentialPrompt=false'],
    ['the MAPI status is "MAPI Unavailable"', 'outcome mapiStatus=MAPI Unavailable'],
    ['the MAPI status is "MAPI Status OK"', 'outcome mapiStatus=MAPI Status OK'],
    ['the MAPI status message is "Any text at all"', 'outcome mapiMessage=Any text at all'],
    ['the EWS status is "EWS Status OK"', 'outcome ewsStatus=EWS Status OK'],
    ['EWS is not available', 'outcome ewsStatus=unavailable'],
    ['the MAPI process is ucmapi.exe', 'outcome mapiProcess=ucmapi.exe'],
    ['the MAPI process is ucmapi64.exe', 'outcome mapiProcess=ucmapi64.exe'],
    ['ucmapi sends no network traffic before credentials are provided', 'outcome ucmapiTrafficBeforeCredentials=false'],
    ['switching Outlook Anywhere to NTLM authentication prevents the prompt', 'outcome preventsPrompt={"outlookAnywhereAuthentication":"ntlm"}'],
    ['caching the credentials in Windows Credential Manager prevents the prompt', 'outcome preventsPrompt={"credentialsCached":true}'],
  ];
  const catalog = catalogWith();

  for (const [text, meaning] of REQUIRED) {
    it(`matches "${text}"`, () => {
      assert.equal(describeMeaning(matchStep(catalog, text)?.meaning), meaning);
    });
  }

  it('ignores case, surrounding whitespace and a trailing period', () => {
    assert.equal(describeMeaning(matchStep(catalog, '  THE USER IS REMOTE.  ')?.meaning), 'condition location=remote');
    assert.equal(describeMeaning(matchStep(catalog, 'the mailbox is on exchange server 2007.')?.meaning), 'condition exchangeVersion=2007');
    assert.equal(normalizeStepText('  a b.  '), 'a b');
  });

  it('does not ignore anything else', () => {
    assert.equal(matchStep(catalog, 'the user is remote!'), undefined);
    assert.equal(matchStep(catalog, 'the user is  remote'), undefined);
    assert.equal(matchStep(catalog, 'the mailbox is on Exchange Server 2013'), undefined);
  });

  it('binds placeholders to the catalog spelling, and free text as written', () => {
    const version = matchStep(catalog, 'the mailbox is on Exchange Server 2007');
    assert.deepEqual(version?.bindings, { version: '2007' });
    const process = matchStep(catalog, 'the MAPI process is UCMAPI64.EXE');
    assert.deepEqual(process?.bindings, { process: 'ucmapi64.exe' });
    const message = matchStep(catalog, 'the MAPI status message is "Lync is in the process ..."');
    assert.deepEqual(message?.bindings, { text: 'Lync is in the process ...' });
  });

  it('reports the form that matched', () => {
    const match = matchStep(catalog, 'the user is outside the corporate network');
    assert.equal(match?.entry.id, 'user-remote');
    assert.equal(match?.form, 'the user is outside the corporate network');
  });
});

describe('step catalog: closest phrasings', () => {
  const catalog = catalogWith();

  it('offers the closest phrasings by edit distance, best first', () => {
    const suggestions = closestPhrasings(catalog, 'the user is remot');
    assert.equal(suggestions[0]?.text, 'the user is remote');
    assert.equal(suggestions[0]?.distance, 1);
    assert.ok(suggestions.length <= 3);
  });

  it('expands listed placeholder values', () => {
    const suggestions = closestPhrasings(catalog, 'the mailbox is on Exchange Server 2013');
    assert.deepEqual(suggestions.map((suggestion) => suggestion.text).sort(), [
      'the mailbox is on Exchange Server 2003',
      'the mailbox is on Exchange Server 2007',
      'the mailbox is on Exchange Server 2010',
    ]);
  });

  it('fills free text from the quoted part of the step', () => {
    const suggestions = closestPhrasings(catalog, 'the MAPI status text is "Connecting"', { kind: 'then' });
    assert.ok(suggestions.some((suggestion) => suggestion.text === 'the MAPI status message is "Connecting"'));
  });

  it('filters by kind', () => {
    const suggestions = closestPhrasings(catalog, 'Lync start', { kind: 'when' });
    assert.ok(suggestions.length > 0);
    assert.ok(suggestions.every((suggestion) => suggestion.entry.kind === 'when'));
    assert.equal(suggestions[0]?.text, 'Lync starts');
  });

  it('offers nothing for a text that resembles no phrasing', () => {
    assert.deepEqual(closestPhrasings(catalog, 'the weather in Brussels is rainy today and tomorrow'), []);
  });
});

describe('step catalog: problems as data', () => {
  it('reports each bad item with its line and keeps the good ones', () => {
    const file = parseStepCatalog(fixture('catalog-problems.yaml'), '/kb/steps/problems.yaml');
    // Facts and values are checked against the model when the catalog is merged with it.
    const merged = mergeStepCatalogs([file], [bundledModel()]);
    const problems = [...file.problems, ...merged.problems].map((problem) => `${problem.range.start.line + 1}:${problem.severity}: ${problem.message}`);
    const expectations: ReadonlyArray<[number, RegExp]> = [
      [3, /needs an `id` in kebab-case/],
      [7, /`kind` of step "no-kind" must be/],
      [13, /`moonPhase` is not a condition of the model/],
      [18, /"moon" is not a value of `location`/],
      [21, /uses <status>, which `placeholders` does not declare/],
      [30, /"2013" is not a value of `exchangeVersion`/],
      [33, /must not start or end with spaces or end with a period/],
      [38, /Unknown key `colour`/],
    ];
    assert.equal(problems.length, expectations.length, problems.join('\n'));
    for (const [line, pattern] of expectations) {
      assert.ok(problems.some((problem) => problem.startsWith(`${line}:`) && pattern.test(problem)), `no problem on line ${line} matching ${pattern}: ${problems.join('\n')}`);
    }
    assert.deepEqual(merged.catalog.entries.map((entry) => entry.id), ['good-out-of-model']);
    assert.equal(file.problems.find((problem) => problem.message.includes('colour'))?.severity, 'warning');
  });

  it('turns YAML syntax errors and a missing steps list into problems', () => {
    const broken = parseStepCatalog('steps:\n  - id: a\n   kind: : given\n', '/kb/steps/broken.yaml');
    assert.ok(broken.problems.some((problem) => problem.message.startsWith('YAML syntax error')));
    const empty = parseStepCatalog('', '/kb/steps/empty.yaml');
    assert.match(empty.problems[0]?.message ?? '', /top-level `steps:` list/);
    const notList = parseStepCatalog('steps: 3\n', '/kb/steps/scalar.yaml');
    assert.equal(notList.problems.length, 1);
  });

  it('never throws on arbitrary text', () => {
    for (const text of ['\u0000', ':::', '- - -', 'steps:\n  - [1, 2]\n  - null\n', '{steps: [{id: x, synonyms: 3}]}', 'steps:\n  - id: a\n    id: b\n']) {
      assert.doesNotThrow(() => parseStepCatalog(text, '/x.yaml'));
    }
  });
});

describe('step catalog: merging a KB catalog into the bundled one', () => {
  const kb = parseStepCatalog(fixture('kb-steps.yaml'), '/kb/steps/kb-steps.yaml');
  const { catalog, problems } = mergeStepCatalogs([bundledCatalogFile(), kb], [bundledModel()]);

  it('adds synonyms to bundled entries', () => {
    assert.equal(describeMeaning(matchStep(catalog, 'the user works from home')?.meaning), 'condition location=remote');
    assert.equal(describeMeaning(matchStep(catalog, 'The user signs in to Lync.')?.meaning), 'event lync-starts');
  });

  it('adds new entries, which may be outside the model', () => {
    assert.deepEqual(matchStep(catalog, 'the user calls the help desk')?.meaning, { kind: 'none' });
  });

  it('reports extensions of unknown ids and phrasings that are taken', () => {
    assert.deepEqual(problems.map((problem) => `${problem.path}:${problem.range.start.line + 1}`).sort(), ['/kb/steps/kb-steps.yaml:13', '/kb/steps/kb-steps.yaml:16']);
    assert.ok(problems.some((problem) => /"no-such-step" is not defined/.test(problem.message)));
    assert.ok(problems.some((problem) => /already used by step "user-remote"/.test(problem.message)));
    assert.equal(describeMeaning(matchStep(catalog, 'the user is remote')?.meaning), 'condition location=remote');
  });

  it('merges the same catalog loaded twice without problems', () => {
    const twice = mergeStepCatalogs([bundledCatalogFile(), bundledCatalogFile()], [bundledModel()]);
    assert.deepEqual(twice.problems, []);
    assert.equal(twice.catalog.entries.length, bundledCatalogFile().entries.length);
  });

  it('reports a KB entry that redefines a bundled id', () => {
    const clash = parseStepCatalog('steps:\n  - id: user-remote\n    kind: given\n    phrasing: the user roams\n    fact: location\n    value: internal\n', '/kb/steps/clash.yaml');
    const merged = mergeStepCatalogs([bundledCatalogFile(), clash], [bundledModel()]);
    assert.match(merged.problems[0]?.message ?? '', /already defined in \/bundled\/steps\/catalog.yaml with a different meaning/);
  });
});

describe('step catalog: phrasings and completion', () => {
  const catalog = catalogWith();

  it('phrases a meaning with the canonical phrasing, placeholders filled', () => {
    assert.equal(phrasingFor(catalog, { kind: 'condition', condition: 'location', value: 'internal' }), 'the user is internal');
    assert.equal(phrasingFor(catalog, { kind: 'condition', condition: 'exchangeVersion', value: '2003' }), 'the mailbox is on Exchange Server 2003');
    assert.equal(phrasingFor(catalog, { kind: 'outcome', outcome: { fact: 'mapiMessage', value: 'Hello' } }), 'the MAPI status message is "Hello"');
    assert.equal(phrasingFor(catalog, { kind: 'outcome', outcome: { fact: 'preventsPrompt', value: { credentialsCached: true } } }), 'caching the credentials in Windows Credential Manager prevents the prompt');
    assert.equal(phrasingFor(catalog, { kind: 'outcome', outcome: { fact: 'preventsPrompt', value: { domainJoined: true } } }), undefined);
    assert.equal(phrasingFor(catalog, { kind: 'none' }), undefined);
  });

  it('offers completions by kind, with snippets for placeholders', () => {
    const given = stepCompletions(catalog, 'given');
    assert.ok(given.every((completion) => completion.entry.kind === 'given'));
    assert.equal(given.find((completion) => completion.entry.id === 'exchange-version')?.snippet, 'the mailbox is on Exchange Server ${1|2003,2007,2010|}');
    const then = stepCompletions(catalog, 'then');
    assert.equal(then.find((completion) => completion.entry.id === 'mapi-status-message')?.snippet, 'the MAPI status message is "${1:text}"');
    assert.ok(then.every((completion) => completion.entry.description !== ''));
    assert.equal(stepCompletions(catalog).length, catalog.entries.length);
  });
});

function describeMeaning(meaning: ReturnType<typeof matchStep> extends infer M ? (M extends { meaning: infer T } ? T | undefined : never) : never): string | undefined {
  if (meaning === undefined) return undefined;
  switch (meaning.kind) {
    case 'condition':
      return `condition ${meaning.condition}=${String(meaning.value)}`;
    case 'event':
      return `event ${meaning.event}`;
    case 'outcome':
      return `outcome ${meaning.outcome.fact}=${typeof meaning.outcome.value === 'object' ? JSON.stringify(meaning.outcome.value) : String(meaning.outcome.value)}`;
    default:
      return 'none';
  }
}
