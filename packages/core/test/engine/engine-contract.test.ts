// The Engine contract, checked on the embedded DuckDB engine (the ClickHouse engine runs the same
// checks in its own test): rows, columns with NULLs across chunks, bulk load, serial wrapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { serialEngine } from '../../src/engine/serial-engine.js';

test('load: columns in bulk (NaN as NULL, awkward strings kept), read back in order across chunks', async () => {
  const engine = createDuckDbEngine();
  try {
    const n = 5000; // more than two appender chunks of 2,048
    const id = Array.from({ length: n }, (_, i) => (i === 7 ? `it's "quoted", ok\n` : `c${i}`));
    const v = Float64Array.from({ length: n }, (_, i) => (i % 1000 === 3 ? NaN : i / 4));
    await engine.load('loaded', { length: n, f64: { v }, strings: { id } }, { order: ['id', 'v'] });
    const [meta] = await engine.rows<{ n: number; nulls: number; s: number }>('SELECT count(*) AS n, count(*) FILTER (WHERE v IS NULL) AS nulls, sum(v) AS s FROM loaded');
    let s = 0;
    for (const x of v) if (!Number.isNaN(x)) s += x;
    assert.deepEqual(meta, { n, nulls: 5, s });
    const back = await engine.columns('SELECT id, v FROM loaded', { id: 'string', v: 'f64' });
    assert.deepEqual(back.strings.id, id);
    assert.deepEqual(Array.from(back.f64.v!), Array.from(v));
    // replacing the table
    await engine.load('loaded', { length: 1, f64: {}, strings: { id: ['only'] } });
    assert.deepEqual(await engine.rows('SELECT * FROM loaded'), [{ id: 'only' }]);
  } finally {
    await engine.close();
  }
});

test('serialEngine queues calls and is idempotent', async () => {
  const base = createDuckDbEngine();
  const engine = serialEngine(base);
  try {
    assert.equal(serialEngine(engine), engine);
    const results = await Promise.all([
      engine.columns('SELECT range AS x FROM range(10000)', { x: 'f64' }),
      engine.rows<{ y: number }>('SELECT 42 AS y'),
      engine.load('t', { length: 2, f64: { a: Float64Array.of(1, 2) }, strings: {} }),
    ]);
    assert.equal(results[0].length, 10000);
    assert.deepEqual(results[1], [{ y: 42 }]);
    assert.deepEqual(await engine.rows('SELECT sum(a) AS s FROM t'), [{ s: 3 }]);
  } finally {
    await engine.close();
  }
});
