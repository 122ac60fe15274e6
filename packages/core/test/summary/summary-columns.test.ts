// engine.columns(), which reads the summary into typed arrays: DOUBLE vectors are bulk-copied and
// NULLs become NaN at exactly their rows (validity mask words of 64 rows, chunks of 2,048 rows);
// other numeric types are read item by item. Expected values are computed in JS from the row index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';

test('columns(): DOUBLE with NULLs across mask words and chunks, BIGINT, DECIMAL and text', async () => {
  const engine = createDuckDbEngine();
  const n = 5000;
  const b = await engine.columns(
    `SELECT i, CASE WHEN i % 7 = 3 OR i = 4999 THEN NULL ELSE i * CAST(0.5 AS DOUBLE) END AS d, i * 2 AS big, CAST(i AS DECIMAL(10, 2)) / 4 AS dec, 'c' || i AS s
     FROM range(${n}) t(i) ORDER BY i`,
    { d: 'f64', big: 'f64', dec: 'f64', s: 'string' },
  );
  assert.equal(b.length, n);
  for (let i = 0; i < n; i++) {
    const expected = i % 7 === 3 || i === 4999 ? Number.NaN : i * 0.5;
    assert.ok(Object.is(b.f64.d![i], expected), `row ${i}: d actual ${b.f64.d![i]}, expected ${expected}`);
    assert.equal(b.f64.big![i], i * 2);
    assert.equal(b.f64.dec![i], i / 4);
    assert.equal(b.strings.s![i], `c${i}`);
  }
  const none = await engine.columns('SELECT 1.5::DOUBLE AS d WHERE false', { d: 'f64' });
  assert.equal(none.length, 0);
  await engine.close();
});
