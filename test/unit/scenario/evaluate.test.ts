import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { type OutcomeEvaluation, type ScenarioRun, conditionInsertionPoint, kindOfKeyword } from '../../../server/src/core/scenario/evaluate.js';
import { REPOSITORY_ROOT, catalogWith, evaluateText, lines } from './support.js';

const MAPI_MESSAGE_CANCELLED = 'A separate sign in was required to connect to Outlook, but the sign-in dialog box was canceled or closed';

/** The runs of the only scenario of a one-scenario feature. */
function runsOf(...scenarioLines: string[]): readonly ScenarioRun[] {
  const { evaluation } = evaluateText(lines('Feature: f', '  Scenario: s', ...scenarioLines.map((line) => `    ${line}`)));
  return evaluation.scenarios[0]?.runs ?? [];
}

function outcomesOf(...scenarioLines: string[]): readonly OutcomeEvaluation[] {
  return runsOf(...scenarioLines)[0]?.outcomes ?? [];
}

describe('evaluate: verdicts', () => {
  it('holds when the outcome follows for every value of the unset conditions', () => {
    const [outcome] = outcomesOf('Given the user is remote', 'And Outlook Anywhere uses Basic authentication', 'When Lync starts', 'Then the "Lync MAPI COM Server" prompt appears');
    assert.equal(outcome?.verdict, 'holds');
    assert.equal(outcome?.cases.length, 1);
    assert.match(outcome?.message ?? '', /^This holds: /);
  });

  it('is a contradiction when it follows for no value, and says what the model derives and why', () => {
    const [outcome] = outcomesOf('Given the user is internal', 'When Lync starts', 'Then the "Lync MAPI COM Server" prompt appears');
    assert.equal(outcome?.verdict, 'contradiction');
    assert.equal(
      outcome?.message,
      'The model derives that the "Lync MAPI COM Server" prompt does not appear instead, because an internal user whose Outlook Anywhere is not forced connects with MAPI over RPC directly, whatever the authentication method, so Lync connects without a prompt.',
    );
    assert.equal(outcome?.derivedPhrasing, 'the "Lync MAPI COM Server" prompt does not appear');
  });

  it('enumerates only the conditions the model reads', () => {
    // An internal user whose Outlook Anywhere is not forced never needs the authentication method.
    const [internal] = outcomesOf('Given the user is internal', 'Then no credential prompt appears');
    assert.deepEqual(internal?.cases.map((judged) => judged.assumed), [{}]);
    const [open] = outcomesOf('Then the MAPI process is ucmapi.exe');
    assert.deepEqual(open?.cases.map((judged) => judged.assumed), [
      { location: 'internal' },
      { location: 'remote', outlookAnywhereAuthentication: 'basic' },
      { location: 'remote', outlookAnywhereAuthentication: 'ntlm' },
    ]);
    assert.equal(open?.verdict, 'holds');
  });

  it('is underdetermined when it depends on unset conditions, and names them', () => {
    const [outcome] = outcomesOf('When Lync starts', 'Then the "Lync MAPI COM Server" prompt appears');
    assert.equal(outcome?.verdict, 'underdetermined');
    assert.deepEqual(outcome?.dependsOn, ['location', 'outlookAnywhereAuthentication']);
    assert.equal(
      outcome?.message,
      "This outcome depends on the user's location (internal or remote) and the Outlook Anywhere authentication method (Basic or NTLM), which the scenario does not state: it holds when the user is remote and Outlook Anywhere uses Basic authentication, but not when the user is internal, or when the user is remote and Outlook Anywhere uses NTLM authentication.",
    );
  });

  it('names only the condition that matters', () => {
    const [outcome] = outcomesOf('Given Outlook Anywhere uses Basic authentication', 'Then the "Lync MAPI COM Server" prompt appears');
    assert.deepEqual(outcome?.dependsOn, ['location']);
    const [auth] = outcomesOf('Given the user is remote', 'Then the "Lync MAPI COM Server" prompt appears');
    assert.deepEqual(auth?.dependsOn, ['outlookAnywhereAuthentication']);
  });

  it('is out of model for catalog steps without a model fact, and for messages the model does not know', () => {
    const catalog = catalogWith({ path: '/kb/steps/extra.yaml', text: 'steps:\n  - id: help-desk\n    kind: then\n    phrasing: the user calls the help desk\n' });
    const { evaluation } = evaluateText(lines('Feature: f', '  Scenario: s', '    Given the user is internal', '    Then the user calls the help desk', '    And the MAPI status message is "Everything is fine"'), catalog);
    const outcomes = evaluation.scenarios[0]?.runs[0]?.outcomes ?? [];
    assert.deepEqual(outcomes.map((outcome) => outcome.verdict), ['out-of-model', 'out-of-model']);
    assert.match(outcomes[0]?.message ?? '', /outside the MAPI prompt model/);
    assert.match(outcomes[1]?.message ?? '', /no MAPI status message for "MAPI Status OK"/);
  });

  it('speaks of prompts over the whole run and of status at the end', () => {
    const outcomes = outcomesOf(
      'Given the user is remote',
      'And Outlook Anywhere uses Basic authentication',
      'When Lync starts',
      'And the user enters valid credentials',
      'Then the "Lync MAPI COM Server" prompt appears',
      'And the MAPI status is "MAPI Status OK"',
    );
    assert.deepEqual(outcomes.map((outcome) => outcome.verdict), ['holds', 'holds']);
  });

  it('evaluates "prevents the prompt" counterfactually', () => {
    const joined = outcomesOf('Given the user is remote', 'And Outlook Anywhere uses Basic authentication', 'Then switching Outlook Anywhere to NTLM authentication prevents the prompt', 'And caching the credentials in Windows Credential Manager prevents the prompt');
    assert.deepEqual(joined.map((outcome) => outcome.verdict), ['holds', 'holds']);
    const notJoined = outcomesOf('Given the user is remote', 'And the computer is not domain-joined', 'And Outlook Anywhere uses Basic authentication', 'Then switching Outlook Anywhere to NTLM authentication prevents the prompt');
    assert.equal(notJoined[0]?.verdict, 'contradiction');
    assert.match(notJoined[0]?.message ?? '', /^The prompt still appears if Outlook Anywhere uses NTLM authentication, because .*not domain-joined/);
    const nothingToPrevent = outcomesOf('Given the user is internal', 'Then caching the credentials in Windows Credential Manager prevents the prompt');
    assert.equal(nothingToPrevent[0]?.verdict, 'contradiction');
    assert.match(nothingToPrevent[0]?.message ?? '', /^There is no prompt to prevent/);
    assert.equal(nothingToPrevent[0]?.derivedPhrasing, 'no credential prompt appears');
  });

  it('judges status outcomes when Lync never starts as contradictions', () => {
    const [outcome] = outcomesOf('Given the user is remote', 'And Outlook Anywhere uses Basic authentication', 'When Outlook starts', 'Then the MAPI status is "MAPI Unavailable"');
    assert.equal(outcome?.verdict, 'contradiction');
    assert.match(outcome?.message ?? '', /Lync never starts/);
  });

  it('matches the cancelled message loosely (case, spacing, trailing dots)', () => {
    const [outcome] = outcomesOf('Given the user is remote', 'And Outlook Anywhere uses Basic authentication', 'When Lync starts', 'And the user cancels the prompt', `Then the MAPI status message is "${MAPI_MESSAGE_CANCELLED.toUpperCase()} ...."`);
    assert.equal(outcome?.verdict, 'holds');
  });
});

describe('evaluate: Scenario Outlines', () => {
  const text = lines(
    'Feature: f',
    '  Scenario Outline: by location',
    '    Given the user is <where>',
    '    And Outlook Anywhere uses Basic authentication',
    '    When Lync starts',
    '    Then the "Lync MAPI COM Server" prompt <appears>',
    '',
    '    Examples:',
    '      | where    | appears         |',
    '      | remote   | appears         |',
    '      | internal | appears         |',
    '      | internal | does not appear |',
  );
  const { evaluation } = evaluateText(text);
  const runs = evaluation.scenarios[0]?.runs ?? [];

  it('evaluates each Examples row on its own', () => {
    assert.equal(runs.length, 3);
    assert.deepEqual(runs.map((run) => run.outcomes.map((outcome) => outcome.verdict)), [['holds'], ['contradiction'], ['holds']]);
  });

  it('keeps the row, so findings can point at it', () => {
    assert.deepEqual(runs.map((run) => run.row?.range.start.line), [9, 10, 11]);
    assert.deepEqual(runs[1]?.steps.map((step) => [step.text, step.substituted]).slice(0, 1), [['the user is internal', true]]);
  });
});

describe('evaluate: steps, conflicts and order', () => {
  it('flags givens that set the same fact to different values, and does not judge such a run', () => {
    const [run] = runsOf('Given the user is remote', 'And the user is on the corporate network', 'And the user is remote', 'Then no credential prompt appears');
    assert.deepEqual(run?.conflicts.map((conflict) => [conflict.condition, conflict.first.text, conflict.second.text]), [['location', 'the user is remote', 'the user is on the corporate network']]);
    assert.deepEqual(run?.outcomes, []);
  });

  it('flags a condition after the first When and an outcome before the first Then', () => {
    const [run] = runsOf('Given the user is remote', 'And the "Lync MAPI COM Server" prompt appears', 'When Lync starts', 'And Outlook Anywhere uses Basic authentication', 'Then the MAPI status is "MAPI Unavailable"');
    assert.deepEqual(run?.orderProblems.map((problem) => [problem.problem, problem.step.text, problem.boundary?.text]), [
      ['outcome-before-then', 'the "Lync MAPI COM Server" prompt appears', 'the MAPI status is "MAPI Unavailable"'],
      ['condition-after-when', 'Outlook Anywhere uses Basic authentication', 'Lync starts'],
    ]);
  });

  it('lets Given, When, And and But only position a step: its meaning comes from the catalog', () => {
    const [run] = runsOf('Given the user is remote', 'And Outlook Anywhere uses Basic authentication', 'And Lync starts', 'Then the "Lync MAPI COM Server" prompt appears');
    assert.deepEqual(run?.events, ['lync-starts']);
    assert.deepEqual(run?.orderProblems, []);
    assert.equal(run?.outcomes[0]?.verdict, 'holds');
  });

  it('leaves unknown steps unmatched, and still judges the others', () => {
    const [run] = runsOf('Given the moon is full', 'And the user is internal', 'Then no credential prompt appears');
    assert.equal(run?.steps[0]?.match, undefined);
    assert.equal(run?.outcomes[0]?.verdict, 'holds');
  });

  it('includes Background steps first', () => {
    const { evaluation } = evaluateText(lines('Feature: f', '  Background:', '    Given the user is remote', '  Scenario: s', '    Given Outlook Anywhere uses NTLM authentication', '    Then no credential prompt appears'));
    const run = evaluation.scenarios[0]?.runs[0];
    assert.deepEqual(run?.steps.map((step) => step.fromBackground), [true, false, false]);
    assert.equal(run?.outcomes[0]?.verdict, 'holds');
  });

  it('maps keywords to catalog kinds', () => {
    const [run] = runsOf('Given a', 'And b', 'When c', 'Then d', 'But e');
    assert.deepEqual(run?.steps.map((step) => kindOfKeyword(step.step)), ['given', 'given', 'when', 'then', 'then']);
  });
});

describe('evaluate: quick-fix data', () => {
  it('offers one settling Given per value of each missing condition, with the verdict it leads to', () => {
    const [outcome] = outcomesOf('When Lync starts', 'Then the "Lync MAPI COM Server" prompt appears');
    assert.deepEqual(outcome?.settlingConditions.map((settling) => [settling.phrasing, settling.verdict]), [
      ['the user is internal', 'contradiction'],
      ['the user is remote', 'underdetermined'],
      ['Outlook Anywhere uses Basic authentication', 'underdetermined'],
      ['Outlook Anywhere uses NTLM authentication', 'contradiction'],
    ]);
  });

  it('inserts settling Givens before the first When', () => {
    const { parsed } = evaluateText(lines('Feature: f', '  Scenario: s', '    Given the user is remote', '    When Lync starts', '    Then no credential prompt appears'));
    const scenario = parsed.scenarios[0];
    assert.ok(scenario);
    assert.deepEqual(conditionInsertionPoint(scenario), { line: 3, indent: '    ', afterStep: true });
    const { parsed: noWhen } = evaluateText(lines('Feature: f', '  Scenario: s', '      Then no credential prompt appears'));
    assert.ok(noWhen.scenarios[0]);
    assert.deepEqual(conditionInsertionPoint(noWhen.scenarios[0]), { line: 2, indent: '      ', afterStep: false });
  });

  it('gives the derived phrasing only when every case derives the same', () => {
    const [process] = outcomesOf('Given Lync runs as a 64-bit process', 'Then the MAPI process is ucmapi.exe');
    assert.equal(process?.derivedPhrasing, 'the MAPI process is ucmapi64.exe');
    const [status] = outcomesOf('Given the user is internal', 'When Lync starts', 'Then the MAPI status is "MAPI Unavailable"');
    assert.equal(status?.derivedPhrasing, 'the MAPI status is "MAPI Status OK"');
  });
});

describe('evaluate: the repository\'s scenarios', () => {
  const folder = path.join(REPOSITORY_ROOT, 'kb', 'scenarios');
  const files = readdirSync(folder).filter((name) => name.endsWith('.scenario'));

  it('has scenario files to check', () => {
    assert.ok(files.length > 0);
  });

  for (const name of files) {
    it(`${name} checks clean`, () => {
      const { parsed, evaluation } = evaluateText(readFileSync(path.join(folder, name), 'utf8'));
      assert.deepEqual(parsed.errors, []);
      for (const run of evaluation.scenarios.flatMap((scenario) => scenario.runs)) {
        const where = `${run.scenario.name}${run.row === undefined ? '' : ` (row ${run.row.range.start.line + 1})`}`;
        assert.deepEqual(run.steps.filter((step) => step.match === undefined).map((step) => step.text), [], `unknown steps in ${where}`);
        assert.deepEqual(run.conflicts, [], `conflicts in ${where}`);
        assert.deepEqual(run.orderProblems, [], `order problems in ${where}`);
        assert.deepEqual(run.outcomes.filter((outcome) => outcome.verdict !== 'holds').map((outcome) => `${outcome.step.text}: ${outcome.message}`), [], where);
      }
    });
  }
});

describe('evaluate: speed', () => {
  it('parses and evaluates a 200-scenario file without blow-up', () => {
    const scenario = [
      '  Scenario: s',
      '    Given Outlook Anywhere uses Basic authentication',
      '    When Lync starts',
      '    And the user cancels the prompt',
      '    Then the "Lync MAPI COM Server" prompt appears',
      '    And the MAPI status is "MAPI Unavailable"',
      '    And caching the credentials in Windows Credential Manager prevents the prompt',
      '    And the MAPI process is ucmapi.exe',
    ];
    const text = lines('Feature: many', ...Array.from({ length: 200 }, () => scenario).flat());
    const catalog = catalogWith();
    // The best of a few runs measures the code, not the JIT. The 50 ms budget belongs to the benchmark on a quiet
    // machine (about 10 ms there); test files run in parallel, so this only guards against super-linear growth.
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 8; round++) {
      const start = performance.now();
      const { evaluation } = evaluateText(text, catalog);
      best = Math.min(best, performance.now() - start);
      assert.equal(evaluation.scenarios.length, 200);
    }
    assert.ok(best < 500, `took ${best.toFixed(1)} ms`);
  });
});
