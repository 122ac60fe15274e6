import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohortReport } from '../../src/cohorts/cohorts.js';
import { periodIndexOf, periodLabel, periodStart } from '../../src/cohorts/cohort-periods.js';
import { assertClose } from '../helpers/assert-close.js';
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

test('bucket indexes and labels', () => {
  assert.equal(periodIndexOf('1997-01-01', 'month'), 324);
  assert.equal(periodLabel(324, 'month'), '1997-01');
  assert.equal(periodLabel(periodIndexOf('1997-05-17', 'quarter'), 'quarter'), '1997-Q2');
  assert.equal(periodStart(periodIndexOf('1997-01-01', 'week'), 'week'), '1996-12-30'); // that week's Monday
  assert.equal(periodStart(periodIndexOf('1997-01-06', 'week'), 'week'), '1997-01-06');
});

test('monthly cohorts, hand-checked', async () => {
  const engine = await logWorkspace(LOG);
  try {
    const r = await cohortReport(engine, { by: 'month' });
    assert.equal(r.asOf, '1997-04-01');
    const [jan, feb] = r.overall.rows;
    assert.equal(jan!.cohort, '1997-01');
    assert.equal(jan!.size, 2);
    assert.equal(jan!.observed, 4);
    assert.deepEqual(jan!.active, [2, 1, 0, 1]); // b's March return is not a purchase
    assert.deepEqual(jan!.revenue, [60, 30, -5, 20]);
    assert.deepEqual(jan!.retention, [1, 0.5, 0, 0.5]);
    assert.deepEqual(jan!.inOrAfter, [2, 1, 1, 1]); // a's last purchase is in April (k = 3), b's in January
    assert.deepEqual(jan!.cumulativeRevenuePerCustomer, [30, 45, 42.5, 52.5]);
    assert.deepEqual(jan!.revenueRetention, [1, 0.5, -5 / 60, 20 / 60]);
    assert.deepEqual(feb!.active, [2, 1, 0]);
    assert.deepEqual(feb!.revenue, [48, 40, 0]);
    // weighted average: k = 1 → (1 + 1) / (2 + 2); k = 3 → January only
    assert.deepEqual(r.overall.average.retention, [1, 0.5, 0, 0.5]);
    assert.deepEqual(r.overall.average.customers, [4, 4, 4, 2]);
    assertClose(r.overall.average.cumulativeRevenuePerCustomer[1]!, (90 + 88) / 4, 1e-12, 'average cumulative revenue per customer, k = 1');
    assert.equal(r.byChannel, null);
    const inOrAfter = await cohortReport(engine, { by: 'month', mode: 'in_or_after' });
    assert.deepEqual(inOrAfter.overall.rows[0]!.retention, [1, 0.5, 0.5, 0.5]);
  } finally {
    await engine.close();
  }
});

test('cohort sums equal the log totals', async () => {
  const engine = await logWorkspace(LOG);
  try {
    for (const by of ['week', 'month', 'quarter'] as const) {
      const r = await cohortReport(engine, { by });
      const revenue = r.overall.rows.reduce((s, row) => s + row.revenue.reduce((a, b) => a + b, 0), 0);
      assertClose(revenue, 193, 1e-9, `${by}: sum of cohort revenue vs log net total 50+30+20+10−5+40+40+8`);
      assert.equal(
        r.overall.rows.reduce((s, row) => s + row.size, 0),
        4,
        `${by}: cohort sizes vs customers`,
      );
      assert.equal(r.overall.totals.customers, 4);
    }
  } finally {
    await engine.close();
  }
});

test('a cohort with no one left shows zeros, not gaps', async () => {
  const engine = await logWorkspace(['x,1997-01-05,10', 'y,1997-01-09,12', 'z,1997-03-30,5']);
  try {
    const r = await cohortReport(engine, { by: 'month' });
    const jan = r.overall.rows[0]!;
    assert.deepEqual(jan.active, [2, 0, 0]);
    assert.deepEqual(jan.retention, [1, 0, 0]);
    assert.deepEqual(jan.cumulativeRevenuePerCustomer, [11, 11, 11]);
    assert.equal(r.overall.rows[1]!.observed, 1); // March cohort: only k = 0 observed
  } finally {
    await engine.close();
  }
});

test('breakdown by acquisition channel (channel of the first purchase day)', async () => {
  const engine = await logWorkspace(
    ['a,1997-01-03,50,web', 'a,1997-02-10,30,store', 'b,1997-01-20,10,store', 'c,1997-02-02,40,web'],
    'customer,date,amount,channel',
  );
  try {
    const r = await cohortReport(engine, { by: 'month' });
    assert.deepEqual(
      r.byChannel!.map((c) => c.channel),
      ['store', 'web'],
    );
    const web = r.byChannel![1]!.table;
    assert.deepEqual(
      web.rows.map((x) => [x.cohort, x.size]),
      [
        ['1997-01', 1],
        ['1997-02', 1],
      ],
    );
    assert.deepEqual(web.rows[0]!.revenue, [50, 30]); // a's later store purchase stays with its acquisition channel
  } finally {
    await engine.close();
  }
});

test('as-of cut: later transactions do not change the table', async () => {
  const engine = await logWorkspace(LOG);
  try {
    const r = await cohortReport(engine, { by: 'month', asOf: '1997-02-28' });
    assert.deepEqual(
      r.overall.rows.map((x) => x.revenue),
      [[60, 30], [48]],
    );
  } finally {
    await engine.close();
  }
});
