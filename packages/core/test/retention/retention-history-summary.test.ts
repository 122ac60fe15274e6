// The history read with the summary (summarize's historyLookbackDays, one pass over the netted
// purchase days) against the standalone history query it replaces (retentionHistorySql, its own scan
// and returns netting), row by row: on a generated demo business (channels, returns, cancellations),
// on a log whose cancellations wipe out whole days with channel ties and blank channels, and on the
// CDNOW sample (no channels, no returns). The standalone query itself is checked against a
// brute-force recomputation in retention-history.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace, ingestFile, summarize, loadRetentionHistory, type Engine } from '../../src/index.js';
import { generateDemoBusiness } from '../../src/demo/demo.js';
import { createRng } from '../../src/math/random/rng.js';
import { dataPath } from '../helpers/read-csv.js';
import { tempDir } from '../helpers/temp-dir.js';

async function sameHistory(engine: Engine, o: { calibrationEnd?: string; lookbackDays: number; channels: boolean }): Promise<number> {
  const base = { period: 'week' as const, ...(o.calibrationEnd ? { calibrationEnd: o.calibrationEnd } : {}) };
  const plain = await summarize(engine, base);
  const carried = await summarize(engine, { ...base, historyLookbackDays: o.lookbackDays });
  assert.equal(plain.history, undefined);
  assert.ok(carried.history, 'the summary carries the history');
  assert.deepEqual(carried.customerId, plain.customerId);
  for (const k of ['frequency', 'recency', 'T', 'monetaryValue', 'lastPurchase', 'netRevenue'] as const)
    assert.deepEqual(carried[k], plain[k], `summary column ${k} unchanged by the history columns`);
  const old = await loadRetentionHistory(engine, plain, o.lookbackDays); // the standalone query
  const now = await loadRetentionHistory(engine, carried, o.lookbackDays);
  assert.equal(now.before, old.before);
  assert.equal(old.channel !== null, o.channels);
  let acquired = 0;
  for (let i = 0; i < plain.length; i++) {
    for (const k of ['x', 'tx', 'T', 'acquiredSince'] as const) assert.equal(now[k][i], old[k][i], `customer ${plain.customerId[i]} ${k}`);
    if (old.channel) assert.equal(now.channel![i], old.channel[i], `customer ${plain.customerId[i]} channel`);
    acquired += old.acquiredSince[i]!;
  }
  assert.equal(now.channel === null, old.channel === null);
  return acquired;
}

test('demo business: the history read with the summary equals the standalone query, row by row', async () => {
  const dir = tempDir('cvm-hist-demo-');
  generateDemoBusiness(dir, { customers: 1500, seed: 3, signal: true });
  const engine = await openWorkspace();
  try {
    await ingestFile(engine, join(dir, 'transactions.csv'));
    const [r] = await engine.rows<{ returns: number }>('SELECT count(*) AS returns FROM transactions WHERE is_return');
    assert.ok(Number(r!.returns) > 0, 'the demo log has returns');
    const acquired = await sameHistory(engine, { lookbackDays: 90, channels: true });
    assert.ok(acquired > 0, `${acquired} customers acquired in the last 90 days`);
  } finally {
    await engine.close();
  }
});

test('cancelled days, channel ties, blank channels, dates before 1970: same history both ways', async () => {
  const rng = createRng(11);
  const channels = ['', 'App', 'app', 'Café', 'web'];
  const rows: string[] = ['customer,date,amount,channel'];
  const day0 = Date.UTC(1969, 6, 1) / 86_400_000;
  const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  for (let c = 1; c <= 400; c++) {
    const k = 1 + Math.floor(rng() * 6);
    for (let j = 0; j < k; j++) {
      const d = day0 + Math.floor(rng() * 400);
      const pick = () => channels[Math.floor(rng() * channels.length)];
      rows.push(`${c},${iso(d)},${(5 + rng() * 50).toFixed(2)},${pick()}`);
      if (rng() < 0.4) rows.push(`${c},${iso(d)},${(5 + rng() * 50).toFixed(2)},${pick()}`);
      if (rng() < 0.15) rows.push(`${c},${iso(d + 1)},-80.00,${pick()}`); // may cancel a whole day
    }
  }
  const file = join(tempDir('cvm-hist-'), 'log.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  const engine = await openWorkspace();
  try {
    await ingestFile(engine, file, { mapping: { customer: 'customer', date: 'date', amount: 'amount', channel: 'channel' } });
    for (const lookbackDays of [0, 90, 365]) await sameHistory(engine, { calibrationEnd: '1970-07-31', lookbackDays, channels: true });
  } finally {
    await engine.close();
  }
});

test('CDNOW sample: same history both ways, and a summary asked for another lookback falls back to the query', async () => {
  const engine = await openWorkspace();
  try {
    await ingestFile(engine, dataPath('cdnow/cdnow_sample_elog.csv'), { mapping: { customer: 'sampleid', quantity: 'cds' } });
    const acquired = await sameHistory(engine, { calibrationEnd: '1998-06-30', lookbackDays: 273, channels: false });
    assert.equal(acquired, 0, 'CDNOW acquires every customer in the first quarter of 1997');
    const s = await summarize(engine, { period: 'week', calibrationEnd: '1998-06-30', historyLookbackDays: 30 });
    const h = await loadRetentionHistory(engine, s, 90); // history for 30 days carried, 90 asked: the query runs
    const ref = await loadRetentionHistory(engine, await summarize(engine, { period: 'week', calibrationEnd: '1998-06-30' }), 90);
    assert.deepEqual(h.x, ref.x);
    assert.deepEqual(h.tx, ref.tx);
  } finally {
    await engine.close();
  }
});
