// Returns and cancellations in the model inputs (issue 21, item 4): the rule of
// summary/returns-netting-sql.ts, on hand-made cases and on the CDNOW master log with seeded
// synthetic cancellations, checked against an independent row-by-row recomputation in integer cents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { summarize } from '../../src/summary/summary.js';
import { loadHistory } from '../../src/segments/segment-as-of.js';
import { referenceSummary, writeCancellationsLog } from '../helpers/cancellations-log.js';
import { assertClose } from '../helpers/assert-close.js';
import { tempDir } from '../helpers/temp-dir.js';

async function summaryOf(csv: string, calibrationEnd: string, holdoutEnd?: string) {
  const dir = tempDir();
  const path = join(dir, 'log.csv');
  writeFileSync(path, csv);
  const engine = createDuckDbEngine();
  await ingestFile(engine, path, { mapping: { customer: 'customer_id', date: 'date', amount: 'amount', order: 'order_id' } });
  const s = await summarize(engine, { period: 'day', calibrationEnd, holdoutEnd });
  const history = await loadHistory(engine, s.calibrationEnd, s); // throws when it does not line up
  await engine.close();
  const at = (id: string): number => s.customerId.indexOf(id);
  return { s, at, history };
}

test('a purchase cancelled on the same day is not a purchase day; its value leaves net revenue and the spend model', async () => {
  // the case: a customer buys 168,469.60 and cancels it the same day (net 2.90 from another day)
  const { s, at } = await summaryOf(
    [
      'customer_id,date,order_id,amount',
      'a,2011-05-18,100,2.90',
      'a,2011-12-09,200,168469.60',
      'a,2011-12-09,C200,-168469.60',
      'b,2011-01-01,300,10',
      'b,2011-02-01,301,30',
    ].join('\n'),
    '2011-12-09',
  );
  const i = at('a');
  assert.equal(s.frequency[i], 0, 'the cancelled day is no repeat purchase');
  assert.equal(s.recency[i], 0);
  assert.equal(s.monetaryValue[i], 0);
  assert.equal(s.totalRevenue[i], 168472.5, 'gross keeps every purchase row');
  assert.equal(s.returnsValue[i], 168469.6);
  assertClose(s.netRevenue[i]!, 2.9, 1e-9, 'net revenue of a (exact sum, then DOUBLE)');
  assert.equal(s.frequency[at('b')], 1);
});

test('later returns: by order id when it matches, else against the latest purchase day on or before; partly returned days keep their net value', async () => {
  const { s, at } = await summaryOf(
    [
      'customer_id,date,order_id,amount',
      // c: order 1 (day 1, 100) returned in full on day 20 by order id; days 10 and 15 stay
      'c,2020-01-01,1,100',
      'c,2020-01-10,2,40',
      'c,2020-01-15,3,60',
      'c,2020-01-20,1,-100',
      // d: a return without a matching order id nets against the latest purchase day before it (day 10)
      'd,2020-01-01,4,100',
      'd,2020-01-10,5,40',
      'd,2020-01-20,ZZ,-40',
      // e: 30 of day 10's 90 returned later: day 10 counts at 60
      'e,2020-01-01,6,50',
      'e,2020-01-10,7,90',
      'e,2020-01-25,7,-30',
      // f: a return-only customer is no customer of the summary
      'f,2020-01-05,8,-25',
    ].join('\n'),
    '2020-01-31',
  );
  const c = at('c');
  assert.equal(s.frequency[c], 1, 'c: days 10 and 15 remain, day 10 is the first purchase');
  assert.equal(s.recency[c], 5);
  assert.equal(s.T[c], 21, 'c: T from the first purchase that stands (day 10)');
  assert.equal(s.monetaryValue[c], 60);
  assert.equal(s.firstPurchase[c], Date.UTC(2020, 0, 10) / 86_400_000);
  const d = at('d');
  assert.equal(s.frequency[d], 0, 'd: day 10 fully returned');
  assert.equal(s.T[d], 30);
  const e = at('e');
  assert.equal(s.frequency[e], 1);
  assert.equal(s.monetaryValue[e], 60, 'e: the spend model sees 90 − 30');
  assert.equal(at('f'), -1, 'f: only returns');
});

test('no look-ahead: a return after the calibration end leaves the calibration days alone and nets nothing in the holdout', async () => {
  const { s, at } = await summaryOf(
    ['customer_id,date,order_id,amount', 'g,2020-01-01,1,100', 'g,2020-01-10,2,40', 'g,2020-02-10,2,-40', 'g,2020-02-12,3,20'].join('\n'),
    '2020-01-31',
    '2020-03-31',
  );
  const g = at('g');
  assert.equal(s.frequency[g], 1, 'calibration: day 10 stands (its return comes later)');
  assert.equal(s.returns[g], 0);
  assert.equal(s.frequencyHoldout![g], 1, 'holdout: day 42 only; the return is matched to day 10 (order 2), not to a holdout day');
  assert.equal(s.monetaryValueHoldout![g], 20);
});

test('a zero-value purchase day without returns is still a purchase day (BTYD counts it)', async () => {
  const { s, at } = await summaryOf(['customer_id,date,order_id,amount', 'h,2020-01-01,1,10', 'h,2020-01-05,2,0'].join('\n'), '2020-01-31');
  assert.equal(s.frequency[at('h')], 1);
  assert.equal(s.monetaryValue[at('h')], 0);
});

test('CDNOW master with seeded cancellations: the SQL summary equals a row-by-row recomputation of the rule', async () => {
  const dir = tempDir();
  const log = writeCancellationsLog(dir);
  for (const [kind, n] of Object.entries(log.returns)) assert.ok(n > 0, `the log has returns of kind ${kind}`);
  const engine = createDuckDbEngine();
  await ingestFile(engine, log.path, { mapping: { customer: 'customer_id', date: 'date', amount: 'sales', order: 'order_id' } });
  const s = await summarize(engine, { period: 'day', calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' });
  await loadHistory(engine, s.calibrationEnd, s);
  await engine.close();
  const ref = referenceSummary(log.rows, '1997-09-30', '1998-06-30');
  assert.equal(s.length, ref.size, 'customers with a purchase day that stands');
  let dropped = 0;
  for (let i = 0; i < s.length; i++) {
    const id = s.customerId[i]!;
    const r = ref.get(id);
    assert.ok(r, `customer ${id} is not in the reference`);
    const label = `customer ${id}`;
    assert.equal(s.frequency[i], r.x, `${label} x`);
    assert.equal(s.recency[i], r.tx, `${label} t_x (days)`);
    assert.equal(s.T[i], r.T, `${label} T (days)`);
    assertClose(s.monetaryValue[i]!, r.mx, 1e-12 * Math.max(1, r.mx), `${label} mean net repeat spend`);
    assert.equal(s.transactions[i], r.transactions, `${label} purchase rows`);
    assert.equal(Math.round(s.totalRevenue[i]! * 100), r.grossCents, `${label} gross`);
    assert.equal(s.returns[i], r.returns, `${label} returns`);
    assert.equal(Math.round(s.returnsValue[i]! * 100), r.returnsCents, `${label} returns value`);
    assert.equal(s.frequencyHoldout![i], r.xHoldout, `${label} x*`);
    assertClose(s.monetaryValueHoldout![i]!, r.mxHoldout, 1e-12 * Math.max(1, r.mxHoldout), `${label} holdout mean`);
    if (r.returnsCents > 0) dropped++;
  }
  assert.ok(dropped > 500, `many customers have returns (${dropped})`);
});
