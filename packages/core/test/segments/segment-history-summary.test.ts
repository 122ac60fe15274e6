// The segments' history with the second-to-last purchase day read in the summary's pass
// (summarize's previousPurchase) against the standalone history query it replaces (historySql with
// its own last-purchase aggregate and join, ids read again), row by row: on a generated demo business
// (products, channels, returns), on a log whose cancellations wipe out whole days (products, few and
// many channels), and on the CDNOW sample (no product or channel column: then no
// history query runs at all).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace, ingestFile, summarize, microSegmentsOf, type Engine } from '../../src/index.js';
import { loadHistory, segmentAsOf, withMix } from '../../src/segments/segment-as-of.js';
import { segmentWithScores } from '../../src/pipeline-segments.js';
import { generateDemoBusiness } from '../../src/demo/demo.js';
import { createRng } from '../../src/math/random/rng.js';
import { dataPath } from '../helpers/read-csv.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The engine with its `columns` calls counted (the history query is the only one loadHistory reads that way). */
function counting(engine: Engine): { engine: Engine; calls: () => number } {
  let n = 0;
  const spy = Object.create(engine) as Engine;
  spy.columns = ((...a: Parameters<Engine['columns']>) => {
    n++;
    return engine.columns(...a);
  }) as Engine['columns'];
  return { engine: spy, calls: () => n };
}

/** Compares both ways as of `asOf`; returns how many customers have a second-to-last purchase day. */
async function sameHistory(engine: Engine, o: { asOf?: string; mix: boolean }): Promise<number> {
  const base = { period: 'day' as const, ...(o.asOf ? { calibrationEnd: o.asOf } : {}) };
  const plain = await summarize(engine, base);
  const carried = await summarize(engine, { ...base, previousPurchase: true });
  assert.equal(plain.prevPurchase, undefined);
  assert.ok(carried.prevPurchase, 'the summary carries prevPurchase');
  assert.deepEqual(carried.customerId, plain.customerId);
  for (const k of ['frequency', 'recency', 'T', 'monetaryValue', 'firstPurchase', 'lastPurchase', 'netRevenue'] as const)
    assert.deepEqual(carried[k], plain[k], `summary column ${k} unchanged by prev_purchase`);
  const old = await loadHistory(engine, plain.calibrationEnd); // the standalone query, ids read
  const spy = counting(engine);
  const now = await loadHistory(spy.engine, carried.calibrationEnd, carried);
  assert.equal(spy.calls(), o.mix ? 1 : 0, o.mix ? 'one query for the product and channel mix' : 'no history query without a mix');
  assert.deepEqual(old.customerId, plain.customerId);
  assert.equal(now.customerId, carried.customerId, 'the summary ids, not read again');
  assert.equal(now.prevPurchase, carried.prevPurchase, 'the summary column itself');
  assert.equal(old.products !== null || old.channels !== null, o.mix);
  let withPrev = 0;
  for (let i = 0; i < plain.length; i++) {
    const id = plain.customerId[i];
    assert.ok(
      Object.is(now.prevPurchase[i], old.prevPurchase[i]),
      `customer ${id} prevPurchase ${now.prevPurchase[i]} vs ${old.prevPurchase[i]}`,
    );
    if (!Number.isNaN(old.prevPurchase[i]!)) {
      withPrev++;
      assert.ok(old.prevPurchase[i]! < carried.lastPurchase[i]!, `customer ${id}: before the last purchase day`);
    }
  }
  for (const k of ['products', 'channels'] as const) {
    assert.equal(now[k] === null, old[k] === null, k);
    if (old[k]) assert.deepEqual(now[k], old[k], `${k} the same`);
  }
  return withPrev;
}

test('demo business (products, channels, returns): prevPurchase from the summary equals the standalone query', async () => {
  const dir = tempDir('cvm-seg-hist-demo-');
  generateDemoBusiness(dir, { customers: 1500, seed: 5, signal: true });
  const engine = await openWorkspace();
  try {
    await ingestFile(engine, join(dir, 'transactions.csv'));
    const [r] = await engine.rows<{ returns: number }>('SELECT count(*) AS returns FROM transactions WHERE is_return');
    assert.ok(Number(r!.returns) > 0, 'the demo log has returns');
    const withPrev = await sameHistory(engine, { mix: true });
    assert.ok(withPrev > 100, `${withPrev} customers with two purchase days or more`);
  } finally {
    await engine.close();
  }
});

test('mix deferred (the analysis path): no query, micro-segments refused until withMix reads it, then the same as eager', async () => {
  const dir = tempDir('cvm-seg-mix-demo-');
  generateDemoBusiness(dir, { customers: 1500, seed: 5, signal: true });
  const engine = await openWorkspace();
  try {
    await ingestFile(engine, join(dir, 'transactions.csv'));
    const summary = await summarize(engine, { period: 'week', previousPurchase: true });
    const spy = counting(engine);
    const h = await loadHistory(spy.engine, summary.calibrationEnd, summary, { mix: false });
    assert.equal(spy.calls(), 0, 'no history query');
    assert.equal(h.mixDeferred, true);
    assert.equal(h.products, null);
    const clv = Float64Array.from(summary.netRevenue, (v) => v * 1.5),
      pAlive = new Float64Array(summary.length).fill(0.7);
    const lazy = await segmentWithScores(engine, {
      asOf: summary.calibrationEnd,
      scores: { customerId: summary.customerId, clv, pAlive },
      summary,
    });
    assert.equal(lazy.history.mixDeferred, true);
    assert.throws(() => microSegmentsOf(lazy), /withMix/);
    const read = await withMix(engine, lazy, summary);
    assert.equal(read.history.mixDeferred, undefined);
    assert.ok(read.history.products && read.history.channels, 'the demo log has products and channels');
    assert.equal(await withMix(engine, read, summary), read, 'read once');
    const eager = await segmentAsOf(engine, { summary, clv, pAlive, computedAt: lazy.computedAt });
    assert.equal(eager.history.mixDeferred, undefined);
    assert.deepEqual(read.history, eager.history);
    assert.deepEqual(microSegmentsOf(read, { seed: 3 }), microSegmentsOf(eager, { seed: 3 }));
    assert.deepEqual({ ...read, history: null }, { ...eager, history: null }, 'the rest of the segmentation is the same');
    await assert.rejects(withMix(engine, lazy, await summarize(engine, { period: 'week' })), /history_mismatch|summary/);
  } finally {
    await engine.close();
  }
});

for (const nChannels of [4, 20]) {
  test(`cancelled days, ${nChannels} channels, products: same history both ways at several as-of days`, async () => {
    const rng = createRng(17 + nChannels);
    const channels = ['', ...Array.from({ length: nChannels }, (_, k) => `ch${k}`)];
    const rows: string[] = ['customer,date,amount,channel,product'];
    const day0 = Date.UTC(1969, 6, 1) / 86_400_000;
    const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
    for (let c = 1; c <= 400; c++) {
      const k = 1 + Math.floor(rng() * 6);
      for (let j = 0; j < k; j++) {
        const d = day0 + Math.floor(rng() * 400);
        const product = rng() < 0.1 ? '' : `p${Math.floor(rng() * 30)}`;
        rows.push(`${c},${iso(d)},${(5 + rng() * 50).toFixed(2)},${pick(channels)},${product}`);
        if (rng() < 0.4) rows.push(`${c},${iso(d)},${(5 + rng() * 50).toFixed(2)},${pick(channels)},p${Math.floor(rng() * 30)}`);
        if (rng() < 0.2) rows.push(`${c},${iso(d + Math.floor(rng() * 3))},-80.00,${pick(channels)},`); // may cancel a whole day
      }
    }
    const file = join(tempDir('cvm-seg-hist-'), 'log.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const engine = await openWorkspace();
    try {
      await ingestFile(engine, file, {
        mapping: { customer: 'customer', date: 'date', amount: 'amount', channel: 'channel', product: 'product' },
      });
      for (const asOf of ['1970-03-15', '1970-05-20', '1970-07-31']) await sameHistory(engine, { asOf, mix: true });
    } finally {
      await engine.close();
    }
  });
}

test('CDNOW sample (no products or channels): the history is the summary column alone, no query', async () => {
  const engine = await openWorkspace();
  try {
    await ingestFile(engine, dataPath('cdnow/cdnow_sample_elog.csv'), { mapping: { customer: 'sampleid', quantity: 'cds' } });
    for (const asOf of ['1997-06-30', '1998-06-30']) {
      const withPrev = await sameHistory(engine, { asOf, mix: false });
      assert.ok(withPrev > 300, `${withPrev} repeat customers as of ${asOf}`);
    }
  } finally {
    await engine.close();
  }
});
