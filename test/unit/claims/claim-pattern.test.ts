import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePattern, type GlossaryLookup } from '../../../server/src/core/domain/claim-pattern.js';
import type { GlossaryEntry } from '../../../server/src/core/domain/domain-types.js';

const EWS: GlossaryEntry = {
  id: 'exchange-web-services',
  path: '/kb/glossary/exchange-web-services.md',
  source: 'kb',
  term: 'Exchange Web Services',
  aliases: ['EWS'],
  avoid: [],
  see: [],
  summary: undefined,
  definition: 'The web service interface of Exchange.',
};
const glossary: GlossaryLookup = (id) => (id === EWS.id ? EWS : undefined);

function matcher(...alternatives: string[]): { test(sentence: string): boolean } {
  const { pattern, problems } = compilePattern(alternatives, glossary);
  assert.deepEqual(problems, []);
  assert.ok(pattern);
  return pattern;
}

function problemsOf(...alternatives: string[]): string[] {
  const { pattern, problems } = compilePattern(alternatives, glossary);
  assert.equal(pattern, undefined);
  return problems.map((problem) => problem.message);
}

describe('compilePattern', () => {
  it('matches phrases case-insensitively, on word boundaries only', () => {
    const regex = matcher('comes from');
    assert.ok(regex.test('The prompt COMES FROM ews.'));
    assert.ok(!regex.test('It becomes fromage.'));
    assert.ok(!matcher('EWS').test('Read the NEWS today.'));
  });

  it('takes literal text literally', () => {
    const regex = matcher('ucmapi.exe');
    assert.ok(regex.test('Lync starts ucmapi.exe first.'));
    assert.ok(!regex.test('Lync starts ucmapiXexe first.'));
    assert.ok(matcher('free/busy (calendar)').test('Shows free/busy (calendar) data.'));
  });

  it('matches any white space between words and either apostrophe', () => {
    const regex = matcher("doesn't come from");
    assert.ok(regex.test('It doesn\u2019t come\nfrom EWS.'));
    assert.ok(regex.test("It doesn't  come from EWS."));
  });

  it('expands term: alternatives and {term:} placeholders to the term and its aliases', () => {
    assert.ok(matcher('term:exchange-web-services').test('It uses Exchange   Web Services.'));
    assert.ok(matcher('term:exchange-web-services').test('It uses EWS.'));
    const regex = matcher('caused by {term:exchange-web-services}');
    assert.ok(regex.test('The prompt is caused by EWS.'));
    assert.ok(regex.test('The prompt is caused by Exchange Web Services.'));
    assert.ok(!regex.test('The prompt is caused by MAPI.'));
  });

  it('treats [words] as optional, with the white space around them', () => {
    const regex = matcher('comes from [the] {term:exchange-web-services}');
    assert.ok(regex.test('It comes from EWS.'));
    assert.ok(regex.test('It comes from the EWS connection.'));
    assert.ok(!regex.test('It comes fromthe EWS.'));
    const trailing = matcher('hands out [both]');
    assert.ok(trailing.test('Autodiscover hands out both.'));
    assert.ok(trailing.test('Autodiscover hands out one.'));
  });

  it('accepts safe regular expressions with {term:} placeholders', () => {
    const regex = matcher('re:{term:exchange-web-services}[^.;]{0,20}\\b2003\\b');
    assert.ok(regex.test('EWS works on Exchange 2003.'));
    assert.ok(!regex.test('EWS works. Exchange 2003 does not.'));
  });

  it('runs in linear time whatever the expression: shapes that make a backtracking engine take minutes answer at once', () => {
    // On a backtracking engine each of these takes minutes or more on the 32-letter word below (a check that passed safe-regex before).
    for (const expression of ['re:(?:a|a)*c', 're:(a+)+b', 're:(?:\\w+\\s*)*x', 're:(?:a|aa)*$b']) {
      const pattern = matcher(expression);
      assert.equal(pattern.test(`${'a'.repeat(32)}!`), false);
      assert.equal(pattern.test(`${'a'.repeat(20_000)}!`), false);
    }
    assert.ok(matcher('re:(?:a|a)*c').test('say aaac now'));
  });

  it('rejects look-around, which has no linear-time engine, and never compiles it into a pattern', () => {
    const [message] = problemsOf('re:(?<!x)EWS');
    assert.match(message ?? '', /rejected: .*RE2 syntax only/);
    assert.equal(problemsOf('re:EWS(?=x)').length, 1);
  });

  it('rejects regular expressions that do not compile', () => {
    assert.match(problemsOf('re:\\p{Nope}')[0] ?? '', /rejected/);
    assert.match(problemsOf('re:a{2000}')[0] ?? '', /rejected/);
  });

  it('rejects backreferences, whose group numbers shift when alternatives are joined', () => {
    assert.match(problemsOf('re:(a)\\1')[0] ?? '', /backreference/);
    assert.match(problemsOf('re:(?<x>a)\\k<x>')[0] ?? '', /backreference/);
  });

  it('never throws when alternatives clash once joined (a group name used twice, which older engines refuse)', () => {
    const { pattern, problems } = compilePattern(['re:(?<x>a)', 're:(?<x>b)'], glossary);
    assert.ok(pattern !== undefined || /do not compile together/.test(problems[0]?.message ?? ''));
  });

  it('rejects unknown glossary entries, unbalanced brackets and empty alternatives', () => {
    assert.match(problemsOf('term:exchange-web-service')[0] ?? '', /No glossary entry "exchange-web-service"/);
    assert.match(problemsOf('comes from {term:nope}')[0] ?? '', /No glossary entry "nope"/);
    assert.match(problemsOf('re:{term:nope} x')[0] ?? '', /No glossary entry "nope"/);
    assert.match(problemsOf('comes from [the')[0] ?? '', /must enclose optional words/);
    assert.match(problemsOf('comes from the]')[0] ?? '', /Unmatched "\]"/);
    assert.match(problemsOf('comes from {EWS}')[0] ?? '', /must start a `\{term:<glossary-id>\}` placeholder/);
    assert.match(problemsOf('  ')[0] ?? '', /empty/);
    assert.match(problemsOf()[0] ?? '', /at least one alternative/);
  });

  it('reports every rejected alternative, not only the first', () => {
    const { problems } = compilePattern(['re:(?=a)', 'fine', 'term:nope'], glossary);
    assert.deepEqual(problems.map((problem) => problem.alternative), ['re:(?=a)', 'term:nope']);
  });
});
