// Each customer's history as of the lookback day (retention/retention-history.ts) against a
// brute-force recomputation in JavaScript from a seeded synthetic log with channels, same-day
// purchases and returns: x, tₓ, T as of the earlier day, customers acquired since, the channel of
// the last purchase day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace, ingestFile, summarize, loadRetentionHistory } from '../../src/index.js';
import { createRng } from '../../src/math/random/rng.js';
import { tempDir } from '../helpers/temp-dir.js';
import { channelDictionarySql, retentionHistorySql } from '../../src/retention/retention-sql.js';

test('loadRetentionHistory equals the history recomputed from the rows, channels and returns included', async () => {
  const rng = createRng(7);
  const channels = ['app', 'store', 'web'];
  const rows: string[] = ['customer,date,amount,channel'];
  const day0 = Date.UTC(2023, 0, 1) / 86_400_000;
  const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  for (let c = 1; c <= 300; c++) {
    const k = 1 + Math.floor(rng() * 8);
    for (let j = 0; j < k; j++) {
      const d = day0 + Math.floor(rng() * 365);
      rows.push(`${c},${iso(d)},${(5 + rng() * 50).toFixed(2)},${channels[Math.floor(rng() * 3)]}`);
      if (rng() < 0.2) rows.push(`${c},${iso(d)},${(5 + rng() * 50).toFixed(2)},${channels[Math.floor(rng() * 3)]}`); // same day, maybe another channel
      if (rng() < 0.1) rows.push(`${c},${iso(d + 2)},-3.00,${channels[Math.floor(rng() * 3)]}`); // a return
    }
  }
  const file = join(tempDir('cvm-hist-'), 'log.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  const engine = await openWorkspace();
  try {
    await ingestFile(engine, file, { mapping: { customer: 'customer', date: 'date', amount: 'amount', channel: 'channel' } });
    const asOf = '2023-12-31';
    const summary = await summarize(engine, { period: 'week', calibrationEnd: asOf });
    const h = await loadRetentionHistory(engine, summary, 90);
    assert.equal(h.before, '2023-10-02');
    const before = Date.UTC(2023, 9, 2) / 86_400_000;
    // brute force: purchase days (returns excluded) per customer, and the channels bought on each day
    const days = new Map<string, Map<number, Set<string>>>();
    for (const line of rows.slice(1)) {
      const [c, date, amount, ch] = line.split(',');
      if (Number(amount) < 0) continue;
      const d = Date.parse(date!) / 86_400_000;
      if (!days.has(c!)) days.set(c!, new Map());
      const m = days.get(c!)!;
      if (!m.has(d)) m.set(d, new Set());
      m.get(d)!.add(ch!);
    }
    let acquired = 0;
    summary.customerId.forEach((id, i) => {
      const ds = [...days.get(id)!.keys()].sort((a, b) => a - b);
      const known = ds.filter((d) => d <= before);
      const last = ds[ds.length - 1]!;
      assert.equal(h.channel![i], [...days.get(id)!.get(last)!].sort().pop(), `customer ${id} channel`);
      if (known.length === 0) {
        acquired++;
        assert.equal(h.acquiredSince[i], 1, `customer ${id} acquired since`);
        assert.deepEqual([h.x[i], h.tx[i], h.T[i]], [0, 0, 0]);
        return;
      }
      assert.equal(h.acquiredSince[i], 0);
      assert.equal(h.x[i], known.length - 1, `customer ${id} x`);
      assert.equal(h.tx[i], (known[known.length - 1]! - ds[0]!) / 7, `customer ${id} tx`);
      assert.equal(h.T[i], (before - ds[0]!) / 7, `customer ${id} T`);
    });
    assert.ok(acquired > 10 && acquired < 150, `${acquired} customers acquired since the lookback day`);
  } finally {
    await engine.close();
  }
});

// The last channel as the max of integer keys day × 2³¹ + code (retention-sql.ts) against the max of
// 'YYYY-MM-DD|channel' texts it replaced, on one log: ties on the last day, blank channels, upper and
// lower case and non-ASCII names (text order is byte order in both forms), dates before 1970.
test('the coded last channel equals the max of day|channel texts, row by row', async () => {
  const rng = createRng(11);
  const channels = ['', 'App', 'app', 'Café', 'café', 'web', 'Zoo'];
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
      if (rng() < 0.1) rows.push(`${c},${iso(d + 1)},-80.00,${pick()}`); // may cancel a whole day
    }
  }
  const file = join(tempDir('cvm-hist-'), 'log.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  const engine = await openWorkspace();
  try {
    await ingestFile(engine, file, { mapping: { customer: 'customer', date: 'date', amount: 'amount', channel: 'channel' } });
    const o = { asOf: '1970-07-31', before: '1970-05-02', netReturns: true };
    const dict = (await engine.rows<{ channel: string }>(channelDictionarySql(engine.dialect, o))).map((r) => r.channel);
    assert.ok(dict.length >= 5, `dictionary ${JSON.stringify(dict)}`);
    const kinds = { days_after: 'f64', last_before: 'f64', last_purchase: 'f64' } as const;
    const coded = await engine.columns(retentionHistorySql(engine.dialect, { ...o, channels: dict }), {
      ...kinds,
      last_channel_code: 'f64',
    });
    const text = await engine.columns(retentionHistorySql(engine.dialect, { ...o, channels: 'text' }), {
      ...kinds,
      last_channel: 'string',
    });
    assert.equal(coded.length, text.length);
    assert.ok(coded.length > 300);
    for (let i = 0; i < coded.length; i++) {
      for (const k of Object.keys(kinds)) assert.equal(coded.f64[k]![i], text.f64[k]![i], `row ${i} ${k}`);
      assert.equal(dict[coded.f64.last_channel_code![i]!], text.strings.last_channel![i]!.slice(11), `row ${i} channel`);
    }
  } finally {
    await engine.close();
  }
});
