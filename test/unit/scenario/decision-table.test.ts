import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderDecisionTable } from '../../../server/src/core/scenario/decision-table.js';
import { bundledModel } from './support.js';

describe('decision table', () => {
  const page = renderDecisionTable(bundledModel()) ?? '';
  const rows = page.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Location') && !line.startsWith('| ---'));
  const cells = rows.map((row) => row.slice(2, -2).split(' | '));

  it('is a Markdown page with one heading and a table of 8 columns', () => {
    assert.match(page, /^# Lync MAPI COM Server prompt: decision table\n/);
    assert.equal(page.match(/^# /gm)?.length, 1);
    assert.ok(page.endsWith('\n'));
    assert.ok(cells.every((row) => row.length === 8));
  });

  it('has one row per location x authentication x domain-joined x cached x first application', () => {
    assert.equal(rows.length, 2 * 2 * 2 * 2 * 2);
    assert.equal(new Set(cells.map((row) => row.slice(0, 5).join('/'))).size, 32);
  });

  it('agrees with the seed on the rows that prompt', () => {
    const prompting = cells.filter((row) => row[5] !== 'nobody').map((row) => `${row.slice(0, 5).join(' ')} -> ${row[5]} / ${row[6]}`);
    assert.deepEqual(prompting, [
      'remote Basic yes no Lync -> Lync ("Lync MAPI COM Server") / MAPI Unavailable',
      'remote Basic yes no Outlook -> Outlook / MAPI Status OK',
      'remote Basic no no Lync -> Lync ("Lync MAPI COM Server") / MAPI Unavailable',
      'remote Basic no no Outlook -> Outlook / MAPI Status OK',
      'remote NTLM no no Lync -> Lync ("Lync MAPI COM Server") / MAPI Unavailable',
      'remote NTLM no no Outlook -> Outlook / MAPI Status OK',
    ]);
  });

  it('explains each row', () => {
    assert.ok(cells.every((row) => (row[7] ?? '').length > 20 && row[7]?.endsWith('.')));
  });

  it('is deterministic', () => {
    assert.equal(renderDecisionTable(bundledModel()), page);
  });
});
