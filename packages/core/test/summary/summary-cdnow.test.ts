// Reproduces the published CDNOW calibration/holdout summary (BTYD's cdnowSummary$cbs and $m.x,
// data/cdnow/cdnow_sample_cbs_with_holdout.csv) from the raw event log with cvm's SQL summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { summarize } from '../../src/summary/summary.js';

const ELOG = new URL('../../../../data/cdnow/cdnow_sample_elog.csv', import.meta.url).pathname;
const CBS = new URL('../../../../data/cdnow/cdnow_sample_cbs_with_holdout.csv', import.meta.url).pathname;

function readCbs(): Map<string, number[]> {
  const lines = readFileSync(CBS, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'cust,x,t.x,T.cal,x.star,m.x');
  return new Map(
    lines.slice(1).map((l) => {
      const [cust, ...v] = l.split(',');
      return [cust!, v.map(Number)];
    }),
  );
}

test('summary reproduces the published CDNOW CBS (x, t.x, T.cal to 1e-9 weeks; x.star exact; m.x to 1e-9)', async () => {
  const engine = createDuckDbEngine();
  await ingestFile(engine, ELOG, { mapping: { customer: 'sampleid', quantity: 'cds', amount: 'sales', date: 'date' } });
  const s = await summarize(engine, { period: 'week', calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' });
  const cbs = readCbs();
  assert.equal(s.length, cbs.size, 'customer count');
  assert.equal(s.durationHoldout, 39, 'holdout is 39 weeks');
  let sumX = 0,
    sumXStar = 0;
  for (let i = 0; i < s.length; i++) {
    const ref = cbs.get(s.customerId[i]!);
    assert.ok(ref, `customer ${s.customerId[i]} not in the published table`);
    const [x, tx, Tcal, xstar, mx] = ref;
    const ctx = `customer ${s.customerId[i]}`;
    assert.equal(s.frequency[i], x, `${ctx} x`);
    assert.ok(Math.abs(s.recency[i]! - tx!) <= 1e-9, `${ctx} t.x: actual ${s.recency[i]}, expected ${tx}, tol 1e-9`);
    assert.ok(Math.abs(s.T[i]! - Tcal!) <= 1e-9, `${ctx} T.cal: actual ${s.T[i]}, expected ${Tcal}, tol 1e-9`);
    assert.equal(s.frequencyHoldout![i], xstar, `${ctx} x.star`);
    assert.ok(Math.abs(s.monetaryValue[i]! - mx!) <= 1e-9 * Math.max(1, mx!), `${ctx} m.x: actual ${s.monetaryValue[i]}, expected ${mx}`);
    sumX += s.frequency[i]!;
    sumXStar += s.frequencyHoldout![i]!;
  }
  // Published totals (data/README.md): Σx = 2,457 and Σx.star = 1,882.
  assert.equal(sumX, 2457);
  assert.equal(sumXStar, 1882);
  await engine.close();
});

test('period day gives the same summary in days (weeks × 7)', async () => {
  const engine = createDuckDbEngine();
  await ingestFile(engine, ELOG, { mapping: { customer: 'sampleid', quantity: 'cds' } });
  const w = await summarize(engine, { period: 'week', calibrationEnd: '1997-09-30' });
  const d = await summarize(engine, { period: 'day', calibrationEnd: '1997-09-30' });
  for (let i = 0; i < w.length; i++) {
    assert.ok(Math.abs(d.T[i]! - 7 * w.T[i]!) < 1e-9);
    assert.ok(Math.abs(d.recency[i]! - 7 * w.recency[i]!) < 1e-9);
    assert.ok(Number.isInteger(d.T[i]!));
  }
  // Customer 1: first purchase 1997-01-01, calibration end 1997-09-30 → 272 days.
  assert.equal(d.T[0], 272);
  await engine.close();
});
