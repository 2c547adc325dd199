import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScenario, stepKeyword } from '../../../server/src/core/scenario/gherkin/parse-scenario.js';
import { parseScenarioFile } from '../../../server/src/core/scenario/gherkin/scenario-file.js';
import type { Range } from '../../../server/src/core/types.js';
import { evaluateText, fixture, lines } from './support.js';

describe('parse-scenario: structure', () => {
  const text = fixture('structure.scenario');
  const parsed = parseScenario(text);
  const textOf = (range: Range): string => {
    const line = text.split('\n')[range.start.line] ?? '';
    return range.start.line === range.end.line ? line.slice(range.start.character, range.end.character) : '<multi-line>';
  };

  it('parses without errors', () => {
    assert.deepEqual(parsed.errors, []);
  });

  it('reads the feature with its tags, name and description', () => {
    assert.equal(parsed.feature?.name, 'Structure of a scenario file');
    assert.equal(parsed.feature?.language, 'en');
    assert.deepEqual(parsed.feature?.tags.map((tag) => [tag.name, textOf(tag.range)]), [
      ['@article:articles/lync-or-outlook-prompts-first.md', '@article:articles/lync-or-outlook-prompts-first.md'],
      ['@smoke', '@smoke'],
    ]);
    assert.equal(parsed.feature?.description.trim(), 'A description line.');
    assert.equal(textOf(parsed.feature?.nameRange ?? zero()), 'Structure of a scenario file');
  });

  it('reads scenarios, including those inside a Rule', () => {
    assert.deepEqual(parsed.scenarios.map((scenario) => [scenario.keyword, scenario.name, scenario.isOutline, scenario.rule]), [
      ['Scenario', 'Plain', false, undefined],
      ['Scenario Outline', 'With examples', true, undefined],
      ['Example', 'Inside the rule', false, 'A rule with its own background'],
    ]);
    const [plain] = parsed.scenarios;
    assert.equal(textOf(plain?.range ?? zero()), 'Scenario: Plain');
    assert.equal(textOf(plain?.keywordRange ?? zero()), 'Scenario');
    assert.equal(textOf(plain?.nameRange ?? zero()), 'Plain');
    assert.deepEqual(parsed.scenarios[1]?.tags.map((tag) => tag.name), ['@outline']);
  });

  it('reads steps with keyword, keyword type and the ranges of keyword and text', () => {
    const steps = parsed.scenarios[0]?.steps ?? [];
    assert.deepEqual(steps.map((step) => [step.keyword, step.keywordType, step.effectiveKeywordType]), [
      ['Given', 'context', 'context'],
      ['And', 'conjunction', 'context'],
      ['When', 'action', 'action'],
      ['Then', 'outcome', 'outcome'],
      ['But', 'conjunction', 'outcome'],
      ['*', 'unknown', 'outcome'],
    ]);
    for (const step of steps) {
      assert.equal(textOf(step.keywordRange), step.keyword);
      assert.equal(textOf(step.textRange), step.text);
      assert.equal(textOf(step.range), `${step.keyword} ${step.text}`);
      assert.equal(step.indent, '    ');
    }
  });

  it('gives each scenario the backgrounds that apply to it', () => {
    assert.deepEqual(parsed.scenarios.map((scenario) => scenario.backgroundSteps.map((step) => step.text)), [
      ['the client is Lync 2010'],
      ['the client is Lync 2010'],
      ['the client is Lync 2010', 'Outlook Anywhere uses NTLM authentication'],
    ]);
    assert.equal(parsed.backgrounds.length, 2);
    // The same step objects, so findings on background steps can be told apart from copies.
    assert.equal(parsed.scenarios[0]?.backgroundSteps[0], parsed.scenarios[1]?.backgroundSteps[0]);
  });

  it('reads Examples with header, rows and cell ranges', () => {
    const outline = parsed.scenarios[1];
    assert.deepEqual(outline?.examples.map((examples) => [examples.name, examples.header?.cells.map((cell) => cell.value), examples.rows.map((row) => row.cells.map((cell) => cell.value))]), [
      ['First block', ['where', 'status'], [['internal', 'MAPI Status OK']]],
      ['', ['where', 'status'], [['remote', 'MAPI Unavailable']]],
    ]);
    const row = outline?.examples[0]?.rows[0];
    assert.equal(textOf(row?.range ?? zero()), '| internal | MAPI Status OK |');
    assert.deepEqual(row?.cells.map((cell) => textOf(cell.range)), ['internal', 'MAPI Status OK']);
  });

  it('tracks where a step and a scenario end, after doc strings and tables', () => {
    const outline = parsed.scenarios[1];
    const withDocString = outline?.steps[2];
    assert.equal(text.split('\n')[withDocString?.endLine ?? 0]?.trim(), '"""');
    assert.equal(text.split('\n')[outline?.endLine ?? 0]?.trim(), '| remote | MAPI Unavailable |');
  });

  it('keeps comments with their ranges', () => {
    assert.deepEqual(parsed.comments.map((comment) => [comment.text, comment.range.start.line, comment.range.start.character]), [['# A comment before a scenario.', 8, 2]]);
  });
});

describe('parse-scenario: positions', () => {
  it('counts UTF-16 characters, where the parser counts code points', () => {
    const text = lines('Feature: 😀 emoji', '  Scenario: 😀😀 faces', '    Given the user is 😀', '    Examples:', '      | 😀a | b |');
    const parsed = parseScenario(text);
    const scenario = parsed.scenarios[0];
    assert.deepEqual(scenario?.nameRange, { start: { line: 1, character: 12 }, end: { line: 1, character: 22 } });
    const cells = scenario?.examples[0]?.header?.cells ?? [];
    assert.deepEqual(cells.map((cell) => [cell.value, cell.range.start.character, cell.range.end.character]), [['😀a', 8, 11], ['b', 14, 15]]);
  });

  it('gives the same positions for CRLF line endings', () => {
    const lf = parseScenario(lines('Feature: f', '  Scenario: s', '    Given the user is remote'));
    const crlf = parseScenario('Feature: f\r\n  Scenario: s\r\n    Given the user is remote\r\n');
    assert.deepEqual(crlf.scenarios[0]?.steps[0]?.textRange, lf.scenarios[0]?.steps[0]?.textRange);
    assert.equal(crlf.scenarios[0]?.steps[0]?.text, 'the user is remote');
  });

  it('does not count an escaped pipe as a cell boundary', () => {
    const parsed = parseScenario(lines('Feature: f', '  Scenario: s', '    Given x', '      | a\\|b | c |'));
    const cells = parsed.scenarios[0]?.steps[0] === undefined ? [] : parseScenario(lines('Feature: f', '  Scenario Outline: s', '    Given <a>', '    Examples:', '      | a\\|b | c |')).scenarios[0]?.examples[0]?.header?.cells ?? [];
    assert.deepEqual(cells.map((cell) => [cell.value, cell.range.start.character, cell.range.end.character]), [['a|b', 8, 12], ['c', 15, 16]]);
    assert.deepEqual(parsed.errors, []);
  });
});

describe('parse-scenario: syntax errors', () => {
  it('reports an error at the parser\'s position and still checks the rest of the file', () => {
    const text = fixture('syntax-error.scenario');
    const { parsed, evaluation } = evaluateText(text);
    assert.equal(parsed.errors.length, 1);
    const [error] = parsed.errors;
    // The parser reports (6:5): line 6, column 5, one-based.
    assert.deepEqual(error?.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 45 } });
    assert.match(error?.message ?? '', /^Unexpected "this line is neither a step nor a comment": expected .*a step \(Given, When, Then, And, But\)/);
    assert.deepEqual(parsed.scenarios.map((scenario) => scenario.name), ['Broken by a stray line', 'Still checked after the error']);
    const verdicts = evaluation.scenarios[1]?.runs[0]?.outcomes.map((outcome) => outcome.verdict);
    assert.deepEqual(verdicts, ['contradiction']);
  });

  it('recovers the scenarios after more than ten errors', () => {
    const junk = Array.from({ length: 12 }, (_, index) => `    | row ${index} |\n    | a | b |\n    """`);
    const text = lines('Feature: f', '  Scenario: first', '    Given the user is remote', ...junk, '  Scenario: last', '    Given the user is internal', '    Then no credential prompt appears');
    const parsed = parseScenario(text);
    assert.ok(parsed.errors.length > 10, `only ${parsed.errors.length} errors`);
    assert.deepEqual(parsed.scenarios.map((scenario) => scenario.name), ['first', 'last']);
    assert.equal(parsed.scenarios[1]?.steps[1]?.text, 'no credential prompt appears');
    assert.equal(parsed.scenarios[1]?.steps[1]?.range.start.line, 41);
  });

  it('reads scenarios of a file without a Feature line, and says what is missing', () => {
    const parsed = parseScenario(lines('# a comment', 'Scenario: lonely', '  Given the user is remote', '  Then the "Lync MAPI COM Server" prompt appears'));
    assert.deepEqual(parsed.errors.map((error) => [error.range.start.line, error.message]), [[1, 'Missing "Feature:" line: a scenario file starts with "Feature: <name>" before its scenarios.']]);
    assert.equal(parsed.scenarios[0]?.name, 'lonely');
    assert.equal(parsed.scenarios[0]?.steps[1]?.range.start.line, 3);
  });

  it('reports an inconsistent table in plain words', () => {
    const parsed = parseScenario(lines('Feature: f', '  Scenario: s', '    Given x', '      | a | b |', '      | c |'));
    assert.match(parsed.errors[0]?.message ?? '', /^Inconsistent cell count within the table/);
    assert.equal(parsed.errors[0]?.range.start.line, 4);
  });

  it('reports an unknown language and parses the rest as English', () => {
    const parsed = parseScenario(lines('# language: xx', 'Feature: f', '  Scenario: s', '    Given the user is remote'));
    assert.equal(parsed.errors[0]?.message, 'Language not supported: xx.');
    assert.equal(parsed.scenarios[0]?.steps[0]?.text, 'the user is remote');
  });

  it('gives an empty file no feature and no errors', () => {
    for (const text of ['', '\n\n', '# only a comment\n']) {
      const parsed = parseScenario(text);
      assert.equal(parsed.feature, undefined);
      assert.deepEqual(parsed.errors, []);
    }
  });

  it('never throws on arbitrary text', () => {
    const samples = ['Feature', '"""', '| a |', '@', 'Feature: a\n  Examples:\n', 'Feature: a\nBackground:\nBackground:\n', '\u0000\uffff', 'Feature: x\n  Scenario: y\n    Given """\n'];
    for (const sample of samples) assert.doesNotThrow(() => parseScenario(sample));
  });
});

describe('parse-scenario: helpers', () => {
  it('names the keywords to insert in the file\'s language', () => {
    assert.equal(stepKeyword('en', 'given'), 'Given ');
    assert.equal(stepKeyword('en', 'and'), 'And ');
    assert.equal(stepKeyword('fr', 'and'), 'Et que ');
    assert.equal(stepKeyword('no-such-language', 'given'), 'Given ');
  });

  it('wraps the parse as the engine\'s ScenarioFile', () => {
    const file = parseScenarioFile('/kb/a.scenario', lines('Feature: f', '  Scenario: s'));
    assert.equal(file.kind, 'scenario');
    assert.equal(file.path, '/kb/a.scenario');
    assert.equal(file.document.lineCount, 3);
    assert.equal(file.scenarios[0]?.name, 's');
  });
});

function zero(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
