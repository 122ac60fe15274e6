import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { segmentAsOf } from '../../src/segments/segment-as-of.js';
import type { Segmentation } from '../../src/segments/segmentation.js';
import { listSnapshots, loadSnapshot, saveSnapshot, snapshotRows } from '../../src/segments/snapshots.js';
import { migrateSnapshots, segmentFlows } from '../../src/segments/migration.js';
import { GONE, NOT_YET } from '../../src/segments/migration-sql.js';
import { dataPath } from '../helpers/read-csv.js';
import { assertClose } from '../helpers/assert-close.js';
import { logWorkspace } from '../cohorts/log-workspace.js';

// the CDNOW sample as `customer,date,amount` lines (sampleid, yyyymmdd → ISO, sales)
const CDNOW = readFileSync(dataPath('cdnow/cdnow_sample_elog.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => {
    const [, id, d, , sales] = l.split(',');
    return { id: id!, date: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}`, sales: sales! };
  });
const lines = (rows: typeof CDNOW): string[] => rows.map((r) => `${r.id},${r.date},${r.sales}`);

test('point in time: a snapshot of the full log as of D equals the one of the log cut at D (no leakage)', async () => {
  const asOf = '1997-09-30';
  const full = await logWorkspace(lines(CDNOW));
  const cut = await logWorkspace(lines(CDNOW.filter((r) => r.date <= asOf)));
  try {
    const a = await segmentAsOf(full, { asOf, computedAt: 'x' });
    const b = await segmentAsOf(cut, { asOf, computedAt: 'x' });
    assert.equal(a.length, b.length);
    assert.deepEqual(snapshotRows(a), snapshotRows(b));
    assert.deepEqual(a.rfm.cutPoints, b.rfm.cutPoints);
    assert.deepEqual(a.tiers.tiers, b.tiers.tiers);
    assert.deepEqual(a.lifecycle.rules, b.lifecycle.rules);
    // and later transactions matter once the as-of day moves past them
    const later = await segmentAsOf(full, { asOf: '1998-06-30', computedAt: 'x' });
    assert.notDeepEqual(
      snapshotRows(later).map((r) => r[7]),
      snapshotRows(a).map((r) => r[7]),
    );
  } finally {
    await full.close();
    await cut.close();
  }
});

test('save, list and load a snapshot; saving the same as-of day again replaces it', async () => {
  const engine = await logWorkspace(['a,1997-01-01,10', 'a,1997-02-01,20', 'b,1997-01-15,5', 'c,1997-03-01,100']);
  try {
    const seg = await segmentAsOf(engine, { asOf: '1997-03-31', computedAt: '2024-05-01T10:00:00.000Z' });
    await saveSnapshot(engine, seg);
    await saveSnapshot(engine, seg);
    const list = await listSnapshots(engine);
    assert.deepEqual(
      list.map((s) => [s.asOf, s.customers]),
      [['1997-03-31', 3]],
    );
    assert.equal(list[0]!.computedAt, '2024-05-01 10:00:00');
    const s = await loadSnapshot(engine, '1997-03-31');
    assert.deepEqual(s.customerId, ['a', 'b', 'c']);
    // 3 customers: the top 1%, 5% and 20% are each ceil(q·3) = 1 customer, so Gold and Silver are empty
    assert.deepEqual(s.valueTier, ['Bronze', 'Bronze', 'Platinum']);
    assert.deepEqual(Array.from(s.value), [30, 5, 100]);
    await assert.rejects(loadSnapshot(engine, '1999-01-01'), /No segment snapshot as of 1999-01-01; stored: 1997-03-31/);
  } finally {
    await engine.close();
  }
});

test('migration on the CDNOW sample: rows sum to the first snapshot, columns to the second', async () => {
  const engine = await logWorkspace(lines(CDNOW));
  try {
    const dates = ['1997-06-30', '1997-12-31', '1998-06-30'];
    const segs: Segmentation[] = [];
    for (const asOf of dates) {
      const seg = await segmentAsOf(engine, { asOf });
      await saveSnapshot(engine, seg);
      segs.push(seg);
    }
    for (const dim of ['value_tier', 'lifecycle_stage', 'rfm_segment'] as const) {
      const m = await migrateSnapshots(engine, { from: dates[0]!, to: dates[1]!, dimension: dim });
      const counts = (seg: Segmentation): Record<string, number> => {
        const out: Record<string, number> = {};
        for (const r of snapshotRows(seg)) {
          const k = String(r[dim === 'value_tier' ? 5 : dim === 'lifecycle_stage' ? 7 : 4]);
          out[k] = (out[k] ?? 0) + 1;
        }
        return out;
      };
      const want0 = counts(segs[0]!),
        want1 = counts(segs[1]!);
      for (const [s, n] of Object.entries(want0)) assert.equal(m.fromCounts[s], n, `${dim}: row total of ${s}`);
      for (const [s, n] of Object.entries(want1)) assert.equal(m.toCounts[s], n, `${dim}: column total of ${s}`);
      assert.equal(m.matrix.fromStates.includes(NOT_YET), false, 'CDNOW cohort is acquired in Q1 1997: nobody enters later');
      assert.equal(m.matrix.toStates.includes(GONE), false);
      for (const row of m.matrix.rowShare) {
        const s = row.reduce((a, b) => a + b, 0);
        if (s !== 0) assertClose(s, 1, 1e-12, `${dim}: row shares sum`);
      }
      for (const p of m.markov.transition)
        assertClose(
          p.reduce((a, b) => a + b, 0),
          1,
          1e-12,
          `${dim}: Markov row sums`,
        );
    }
    const m = await migrateSnapshots(engine, { from: dates[0]!, to: dates[1]! });
    for (const d of m.downgrades) assert.ok(d.reason.includes('tier down') || d.reason.includes('into at risk'), d.reason);
    const flows = await segmentFlows(engine, dates, 'lifecycle_stage');
    assert.equal(
      flows.filter((f) => f.from === dates[1]).reduce((s, f) => s + f.customers, 0),
      2357,
    );
  } finally {
    await engine.close();
  }
});

test('migration with entrants: new customers appear in the "not yet a customer" row', async () => {
  const engine = await logWorkspace(['a,1997-01-01,10', 'a,1997-05-01,20', 'b,1997-01-15,5', 'c,1997-04-01,100']);
  try {
    await saveSnapshot(engine, await segmentAsOf(engine, { asOf: '1997-02-28' }));
    await saveSnapshot(engine, await segmentAsOf(engine, { asOf: '1997-05-31' }));
    const m = await migrateSnapshots(engine, { from: '1997-02-28', to: '1997-05-31', dimension: 'lifecycle_stage' });
    const i = m.matrix.fromStates.indexOf(NOT_YET);
    assert.equal(m.matrix.rowTotals[i], 1);
    assert.equal(m.matrix.counts[i]![m.matrix.toStates.indexOf('new')], 1);
    assert.equal(
      m.matrix.rowTotals.reduce((a, b) => a + b, 0),
      3,
    );
  } finally {
    await engine.close();
  }
});
