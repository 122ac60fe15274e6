import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';

// The appender reuses one data chunk for the whole load (reset between appends): nothing of a chunk,
// its NULLs least of all, may leak into the next one.
test('load(): NULLs, strings and codes of one appender chunk do not leak into the next (one chunk reused)', async () => {
  const engine = createDuckDbEngine();
  try {
    const n = 2048 * 3 + 10; // four chunks, the last one short
    // NaN / missing only in the first chunk at rows 5 and 6; in the second chunk at row 2048 + 7
    const a = Float64Array.from({ length: n }, (_, i) => (i === 5 || i === 6 ? NaN : i));
    const b = Float64Array.from({ length: n }, (_, i) => (i === 2048 + 7 ? NaN : -i));
    const s = Array.from({ length: n }, (_, i) =>
      i === 6 ? (undefined as unknown as string) : i < 2048 ? `long text number ${i} in chunk one` : `s${i}`,
    );
    const codes = { k: { codes: Uint8Array.from({ length: n }, (_, i) => (i < 2048 ? 1 : 0)), labels: ['x', 'w'] } };
    await engine.load('t', { length: n, f64: { a, b }, strings: { s }, codes }, { order: ['a', 'b', 's', 'k'] });
    const back = await engine.columns("SELECT a, b, coalesce(s, '(null)') AS s, CAST(k AS VARCHAR) AS k FROM t", {
      a: 'f64',
      b: 'f64',
      s: 'string',
      k: 'string',
    });
    assert.equal(back.length, n);
    for (let i = 0; i < n; i++) {
      assert.ok(Object.is(back.f64.a![i], a[i]), `a at row ${i}: ${back.f64.a![i]} vs ${a[i]}`);
      assert.ok(Object.is(back.f64.b![i], b[i]), `b at row ${i}: ${back.f64.b![i]} vs ${b[i]}`);
      assert.equal(back.strings.s![i], i === 6 ? '(null)' : s[i], `s at row ${i}`);
      assert.equal(back.strings.k![i], i < 2048 ? 'w' : 'x', `k at row ${i}`);
    }
  } finally {
    await engine.close();
  }
});
