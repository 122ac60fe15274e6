// ensureSnapshot: a stored snapshot is reused only while it reflects the workspace's data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSnapshot } from '../../src/segments/ensure-snapshot.js';
import { loadSnapshot } from '../../src/segments/snapshots.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { logWorkspace } from '../cohorts/log-workspace.js';
import { tempDir } from '../helpers/temp-dir.js';

const LOG = ['a,2024-01-05,10', 'a,2024-02-01,20', 'b,2024-01-20,5', 'c,2024-03-01,7', 'c,2024-03-20,9', 'd,2024-02-11,3'];

test('reused while fresh; recomputed after an ingest, on request, or when micro-segments are missing', async () => {
  const engine = await logWorkspace(LOG);
  try {
    const first = await ensureSnapshot(engine, '2024-03-31');
    assert.equal(first.source, 'computed');
    assert.equal((await ensureSnapshot(engine, '2024-03-31')).source, 'stored');
    assert.equal((await ensureSnapshot(engine, '2024-03-31', { recompute: true })).source, 'computed');
    // no micro labels stored yet: a micro migration needs them
    const micro = await ensureSnapshot(engine, '2024-03-31', { micro: true });
    assert.equal(micro.source, 'computed');
    assert.ok((await loadSnapshot(engine, '2024-03-31')).microSegment.some((m) => m !== ''));
    assert.equal((await ensureSnapshot(engine, '2024-03-31', { micro: true })).source, 'stored');
    // a later file with an earlier purchase changes what was known on 2024-03-31
    const file = join(tempDir(), 'more.csv');
    writeFileSync(file, 'customer,date,amount\ne,2024-03-10,50\n');
    await ingestFile(engine, file, { mapping: { customer: 'customer', date: 'date', amount: 'amount' }, dateFormat: 'iso' });
    const after = await ensureSnapshot(engine, '2024-03-31');
    assert.equal(after.source, 'computed');
    assert.equal((await loadSnapshot(engine, '2024-03-31')).customerId.length, 5);
  } finally {
    await engine.close();
  }
});
