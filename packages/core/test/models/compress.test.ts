import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressRfm, compressRows, distinctValues } from '../../src/models/shared/compress.js';
import { dataPath, readNumericCsv } from '../helpers/read-csv.js';

test('compressRows merges identical rows, sums weights, keeps first-appearance order', () => {
  const c = compressRows([Float64Array.of(1, 2, 1, 2, 3), Float64Array.of(5, 6, 5, 7, 5)], Float64Array.of(1, 2, 3, 4, 5));
  assert.equal(c.size, 4);
  assert.deepEqual(Array.from(c.columns[0]), [1, 2, 2, 3]);
  assert.deepEqual(Array.from(c.columns[1]), [5, 6, 7, 5]);
  assert.deepEqual(Array.from(c.weights), [4, 2, 4, 5]);
  assert.deepEqual(Array.from(c.rowPattern), [0, 1, 0, 2, 3]);
  assert.equal(c.totalWeight, 15);
});

test('compressRows: empty input, −0 equals +0', () => {
  const e = compressRows([new Float64Array(0)]);
  assert.equal(e.size, 0);
  assert.equal(e.totalWeight, 0);
  const z = compressRows([Float64Array.of(0, -0)]);
  assert.equal(z.size, 1);
  assert.ok(Object.is(z.columns[0][0], 0));
});

test('compressRfm on the CDNOW sample keeps the total weight and every row maps back', () => {
  const d = readNumericCsv(dataPath('cdnow/cdnow_sample_rfm_summary.csv'));
  const data = { x: d.x, tx: d.t_x, T: d.T };
  const c = compressRfm(data);
  assert.equal(c.totalWeight, 2357);
  assert.ok(c.size < 2357 && c.size > 100, `distinct patterns ${c.size}`);
  for (let i = 0; i < 2357; i++) {
    const p = c.rowPattern[i];
    assert.ok(c.x[p] === data.x[i] && c.tx[p] === data.tx[i] && c.T[p] === data.T[i]);
  }
  // recompressing compressed data with weights is idempotent
  const c2 = compressRfm({ x: c.x, tx: c.tx, T: c.T, weights: c.weights });
  assert.equal(c2.size, c.size);
  assert.deepEqual(Array.from(c2.weights), Array.from(c.weights));
});

test('compressRows scales linearly (1M rows with many collisions)', () => {
  const n = 1_000_000;
  const x = new Float64Array(n),
    t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i % 97;
    t[i] = (i * 7919) % 1013;
  }
  const c = compressRows([x, t]);
  let total = 0;
  for (let i = 0; i < c.size; i++) total += c.weights[i];
  assert.equal(total, n);
  assert.equal(c.size, 97 * 1013);
});

test('distinctValues groups one column', () => {
  const d = distinctValues(Float64Array.of(3, 0, 3), Float64Array.of(1, 5, 2));
  assert.deepEqual(Array.from(d.values), [3, 0]);
  assert.deepEqual(Array.from(d.weights), [3, 5]);
  assert.deepEqual(Array.from(d.index), [0, 1, 0]);
});
