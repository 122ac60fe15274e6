// The long form of a cohort report (the CSV of `cvm cohorts` and of GET /api/cohorts), checked on the
// hand-checked log of cohorts.test.ts: one row per cohort × observed period, the level column only
// when the report is split, every cell equal to the report's own arrays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohortReport } from '../../src/cohorts/cohorts.js';
import { COHORT_LONG_COLUMNS, cohortLongTable } from '../../src/cohorts/cohort-long-table.js';
import { logWorkspace } from './log-workspace.js';

// January cohort: a (Jan 50, Feb 30, Apr 20), b (Jan 10, return −5 in Mar); February cohort: c (Feb 40, Mar 40), d (Feb 8).
const LOG = [
  'a,1997-01-03,50',
  'a,1997-02-10,30',
  'a,1997-04-01,20',
  'b,1997-01-20,10',
  'b,1997-03-05,-5',
  'c,1997-02-02,40',
  'c,1997-03-09,40',
  'd,1997-02-28,8',
];

const keys = (t: { columns: { key: string }[] }): string[] => t.columns.map((c) => c.key);

test('no breakdown: no level column; rows = Σ observed periods, cells from the report', async () => {
  const engine = await logWorkspace(LOG);
  try {
    const r = await cohortReport(engine, { by: 'month' });
    const t = cohortLongTable(r);
    assert.deepEqual(keys(t), [...COHORT_LONG_COLUMNS]);
    assert.equal(t.columns.find((c) => c.key === 'period')!.unit, 'months since acquisition');
    assert.equal(t.rows.length, 4 + 3); // January observed Jan–Apr, February Feb–Apr
    assert.deepEqual(t.rows[0], ['1997-01', 2, 0, 2, 2, 1, 60, 1, 30]);
    assert.deepEqual(t.rows[2], ['1997-01', 2, 2, 0, 1, 0, -5, -5 / 60, 42.5]); // b's return: revenue −5, nobody bought
  } finally {
    await engine.close();
  }
});

test('split by channel: the level column first, overall rows first as "all", then each channel', async () => {
  const engine = await logWorkspace(
    LOG.map((l, i) => `${l},${i % 2 === 0 ? 'web' : 'store'}`),
    'customer,date,amount,channel',
  );
  try {
    const r = await cohortReport(engine, { by: 'month' });
    assert.ok(r.byChannel && r.byChannel.length > 0);
    const t = cohortLongTable(r);
    assert.deepEqual(keys(t), ['acquisition_channel', ...COHORT_LONG_COLUMNS]);
    const expected = [{ level: 'all', table: r.overall }, ...r.byChannel.map((c) => ({ level: c.channel, table: c.table }))].flatMap(
      ({ level, table }) =>
        table.rows.flatMap((c) => Array.from({ length: c.observed }, (_, k) => [level, c.cohort, c.size, k, c.active[k]])),
    );
    assert.deepEqual(
      t.rows.map((row) => row.slice(0, 5)),
      expected,
    );
  } finally {
    await engine.close();
  }
});
