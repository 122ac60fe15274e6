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
