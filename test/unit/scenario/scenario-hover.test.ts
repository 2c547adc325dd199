import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderScenarioHover, scenarioHoverAt } from '../../../server/src/core/scenario/scenario-hover.js';
import { evaluateText, lines } from './support.js';

const TEXT = lines(
  'Feature: f',
  '  Background:',
  '    Given the user is remote',
  '  Scenario: prompted',
  '    Given Outlook Anywhere uses Basic authentication',
  '    When Lync starts',
  '    Then the "Lync MAPI COM Server" prompt appears',
  '    And the moon is full',
  '  Scenario Outline: by authentication',
  '    Given Outlook Anywhere uses <auth> authentication',
  '    Then the MAPI status is "MAPI Unavailable"',
  '    Examples:',
  '      | auth  |',
  '      | Basic |',
  '      | NTLM  |',
);
const { evaluation } = evaluateText(TEXT);

describe('scenario hovers', () => {
  it('shows a Then step\'s verdict and the trace', () => {
    const hover = scenarioHoverAt(evaluation, { line: 6, character: 12 });
    assert.equal(hover?.kind, 'outcome');
    const markdown = hover === undefined ? '' : renderScenarioHover(hover);
    assert.match(markdown, /^\*\*Holds\*\*: This holds: /);
    assert.match(markdown, /1\. The user is remote, so MAPI goes through Outlook Anywhere \(RPC over HTTP\)\. _\(the user is remote\)_/);
    assert.match(markdown, /Outlook is closed: default/);
  });

  it('shows one verdict per Examples row of an outline', () => {
    const hover = scenarioHoverAt(evaluation, { line: 10, character: 10 });
    assert.equal(hover?.kind === 'outcome' && hover.evaluations.length, 2);
    const markdown = hover === undefined ? '' : renderScenarioHover(hover);
    assert.match(markdown, /\*\*Holds\*\* \(Examples row 14: Basic\)/);
    assert.match(markdown, /\*\*Contradiction\*\* \(Examples row 15: NTLM\)/);
  });

  it('shows the fact a Given step sets, also in a Background', () => {
    const hover = scenarioHoverAt(evaluation, { line: 2, character: 20 });
    assert.equal(hover?.kind, 'condition');
    const markdown = hover === undefined ? '' : renderScenarioHover(hover);
    assert.match(markdown, /^Sets the user's location \(internal or remote\): the user is remote\./);
    assert.match(markdown, /no default for this condition/);
  });

  it('shows the whole derived state on a scenario title', () => {
    const hover = scenarioHoverAt(evaluation, { line: 3, character: 5 });
    assert.equal(hover?.kind, 'scenario');
    const markdown = hover === undefined ? '' : renderScenarioHover(hover);
    for (const expected of ['| Credential prompt | the "Lync MAPI COM Server" prompt (Lync) |', '| MAPI status | "MAPI Unavailable" with the message', '| EWS status | "EWS Status OK" |', '| MAPI process | ucmapi.exe |', '| ucmapi traffic before credentials | none until credentials are given |', 'Why: the user is remote']) {
      assert.ok(markdown.includes(expected), `missing ${expected} in\n${markdown}`);
    }
  });

  it('shows nothing on unknown steps and between scenarios', () => {
    assert.equal(scenarioHoverAt(evaluation, { line: 7, character: 10 }), undefined);
    assert.equal(scenarioHoverAt(evaluation, { line: 0, character: 3 }), undefined);
  });

  it('describes events', () => {
    const hover = scenarioHoverAt(evaluation, { line: 5, character: 10 });
    assert.equal(hover?.kind, 'step');
    assert.match(hover === undefined ? '' : renderScenarioHover(hover), /^Event: /);
  });
});
