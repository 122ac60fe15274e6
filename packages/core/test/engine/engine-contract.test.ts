// The Engine contract (src/engine/engine.ts) on every engine: DuckDB, the local 2-shard ClickHouse
// 18.16 cluster and chDB (a current ClickHouse). Same statements, same answers; serial wrapping on DuckDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../src/engine/engine.js';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ensureWorkspace } from '../../src/transactions/ingest.js';
import { serialEngine } from '../../src/engine/serial-engine.js';
import { openTestClickHouse, type ClickHouseBackend } from '../helpers/clickhouse.js';

type Open = (t: import('node:test').TestContext) => Promise<{ engine: Engine; done: () => Promise<void> } | null>;

const ENGINES: [string, Open][] = [
  [
    'duckdb',
    async () => {
      const engine = createDuckDbEngine();
      await ensureWorkspace(engine);
      return { engine, done: () => engine.close() };
    },
  ],
  ...(['cluster', 'chdb'] as ClickHouseBackend[]).map((b): [string, Open] => [
    `clickhouse ${b}`,
    async (t) => {
      const ch = await openTestClickHouse(t, b);
      return ch && { engine: ch.engine, done: ch.drop };
    },
  ]),
];

const rows = (e: Engine): string => `INSERT INTO transactions VALUES
  (1, 2, 'c1', '1997-01-01 10:00:00', '1997-01-01', 10.5, 1, NULL, 'o1', NULL, 'web', NULL, 0, NULL),
  (1, 3, 'c1', '1997-01-03 00:00:00', '1997-01-03', -2.25, -1, NULL, 'o2', NULL, NULL, NULL, 1, NULL),
  (1, 4, 'c2', '1997-02-01 00:00:00', '1997-02-01', 7, 2, 3.5, NULL, ${e.dialect.string("p\\x'y")}, 'shop', 1.25, 0, NULL),
  (1, 5, '10', '1997-02-01 00:00:00', '1997-02-01', 1, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL),
  (1, 6, '9', '1997-02-02 00:00:00', '1997-02-02', 2, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL)`;

for (const [name, open] of ENGINES) {
  test(`${name}: rows() maps types as the contract says (integers and sums → number, dates → ISO text, NULL → null)`, async (t) => {
    const o = await open(t);
    if (!o) return;
    const { engine: e, done } = o;
    try {
      await e.exec(rows(e));
      const [r] = await e.rows<
        Record<string, unknown>
      >(`SELECT count(*) AS n, sum(amount) AS total, min(event_date) AS first, max(ts) AS last_ts,
        ${e.dialect.countDistinct('customer_id')} AS customers, ${e.dialect.sumIf('amount', 'is_return')} AS returned,
        ${e.dialect.maxIf('event_date', "customer_id = 'nobody'")} AS none FROM transactions`);
      assert.deepEqual(r, {
        n: 5,
        total: 18.25,
        first: '1997-01-01',
        last_ts: '1997-02-02 00:00:00',
        customers: 4,
        returned: -2.25,
        none: null,
      });
      const [p] = await e.rows<Record<string, unknown>>('SELECT product_id FROM transactions WHERE product_id IS NOT NULL');
      assert.equal(p!.product_id, "p\\x'y", 'backslash and quote survive the round trip');
    } finally {
      await done();
    }
  });

  test(`${name}: bound parameters are values, never SQL ($1 and $name; quotes and backslashes inside)`, async (t) => {
    const o = await open(t);
    if (!o) return;
    const { engine: e, done } = o;
    try {
      const tricky = "it's \\ a '; DROP TABLE transactions; --";
      const [r] = await e.rows<{ a: string; b: number; c: null }>('SELECT $1 AS a, $2 AS b, $3 AS c', [tricky, 2.5, null]);
      assert.deepEqual({ ...r }, { a: tricky, b: 2.5, c: null });
      const [s] = await e.rows<{ a: string }>("SELECT $name AS a, '$name' AS lit", { name: 'x' });
      assert.deepEqual({ ...s }, { a: 'x', lit: '$name' });
    } finally {
      await done();
    }
  });

  test(`${name}: columns() reads 200,000 rows into typed columns in order, NULL → NaN / ''`, async (t) => {
    const o = await open(t);
    if (!o) return;
    const { engine: e, done } = o;
    try {
      const gen =
        e.dialect.name === 'duckdb' ? 'SELECT range AS i FROM range(200000)' : 'SELECT number AS i FROM system.numbers LIMIT 200000';
      const b = await e.columns(
        `SELECT ${e.dialect.double('i')} * 0.5 AS x, CAST(i AS VARCHAR) AS s,
        CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS n FROM (${gen}) ORDER BY i`,
        { x: 'f64', s: 'string', n: 'f64' },
      );
      assert.equal(b.length, 200000);
      for (const i of [0, 1, 2, 3, 65535, 65536, 199999]) {
        assert.equal(b.f64.x![i], i * 0.5, `x[${i}]`);
        assert.equal(b.strings.s![i], String(i), `s[${i}]`);
        if (i % 3 === 0) assert.ok(Number.isNaN(b.f64.n![i]!), `n[${i}] is NULL`);
        else assert.equal(b.f64.n![i], i, `n[${i}]`);
      }
      await assert.rejects(e.columns('SELECT 1 AS a', { b: 'f64' }), /no column "b"/);
    } finally {
      await done();
    }
  });

  test(`${name}: a failing statement raises EngineError query_failed with the engine's message`, async (t) => {
    const o = await open(t);
    if (!o) return;
    const { engine: e, done } = o;
    try {
      await assert.rejects(
        e.rows('SELECT no_such_column FROM transactions'),
        (err: Error & { code?: string }) => err.name === 'EngineError' && err.code === 'query_failed' && /no_such_column/.test(err.message),
      );
    } finally {
      await done();
    }
  });
}

for (const [name, open] of ENGINES) {
  test(`${name}: dialect.perShard evaluates its subquery once per shard (2 on the cluster, 1 elsewhere); the outer query combines`, async (t) => {
    const o = await open(t);
    if (!o) return;
    const { engine: e, done } = o;
    try {
      await e.exec(rows(e));
      const d = e.dialect;
      const parts = await e.rows<{ n: number }>(`SELECT n FROM ${d.perShard('SELECT count(*) AS n FROM transactions')} s ORDER BY n`);
      assert.equal(parts.length, name === 'clickhouse cluster' ? 2 : 1, JSON.stringify(parts));
      assert.equal(
        parts.reduce((a, r) => a + r.n, 0),
        5,
      );
      const [all] = await e.rows<{ n: number; c: number }>(
        `SELECT sum(n) AS n, count(*) AS c FROM ${d.perShard(`SELECT customer_id, count(*) AS n FROM transactions GROUP BY customer_id`)} s`,
      );
      assert.deepEqual({ ...all }, { n: 5, c: 4 }, 'per-customer groups are complete on their shard');
    } finally {
      await done();
    }
  });
}

for (const [name, open] of ENGINES) {
  test(`${name}: load() puts columns in bulk (NaN as NULL, awkward strings kept), read back in order; a second load replaces the table`, async (t) => {
    const o = await open(t);
    if (!o) return;
    const { engine, done } = o;
    try {
      const n = 5000; // more than two DuckDB appender chunks of 2,048
      const id = Array.from({ length: n }, (_, i) => (i === 7 ? `it's "quoted", \\ ok\n` : i === 8 ? 'Zoë €' : `c${i}`));
      const v = Float64Array.from({ length: n }, (_, i) => (i % 1000 === 3 ? NaN : i / 4));
      await engine.load('loaded', { length: n, f64: { v }, strings: { id } }, { order: ['id', 'v'] });
      const [meta] = await engine.rows<{ n: number; nulls: number; s: number }>(
        `SELECT count(*) AS n, ${engine.dialect.countIf('v IS NULL')} AS nulls, sum(v) AS s FROM loaded`,
      );
      let s = 0;
      for (const x of v) if (!Number.isNaN(x)) s += x;
      assert.deepEqual({ ...meta }, { n, nulls: 5, s });
      const back = await engine.columns('SELECT id, v FROM loaded ORDER BY v', { id: 'string', v: 'f64' });
      const expected = Array.from(v, (x, i) => [x, id[i]] as const).sort((p, q) =>
        Number.isNaN(p[0]) ? 1 : Number.isNaN(q[0]) ? -1 : p[0] - q[0],
      );
      assert.deepEqual(
        back.strings.id!.slice(0, n - 5),
        expected.slice(0, n - 5).map((e) => e[1]),
      );
      assert.deepEqual(
        Array.from(back.f64.v!),
        expected.map((e) => e[0]),
      );
      const cols = await engine.rows<Record<string, unknown>>('SELECT * FROM loaded WHERE v = 1');
      assert.deepEqual(
        cols.map((r) => Object.keys(r)),
        [['id', 'v']],
        'columns in the given order',
      );
      await engine.load('loaded', { length: 1, f64: {}, strings: { id: ['only'] } });
      assert.deepEqual(
        (await engine.rows('SELECT * FROM loaded')).map((r) => ({ ...(r as object) })),
        [{ id: 'only' }],
      );
      await engine.load('empty', { length: 0, f64: { x: new Float64Array(0) }, strings: {} });
      assert.deepEqual(
        (await engine.rows('SELECT count(*) AS n FROM empty')).map((r) => ({ ...(r as object) })),
        [{ n: 0 }],
      );
    } finally {
      await done();
    }
  });

  test(`${name}: load() of coded text reads, sorts, filters and compares exactly as the same strings loaded as text`, async (t) => {
    const o = await open(t);
    if (!o) return;
    const { engine, done } = o;
    try {
      // labels out of byte order, one repeated, '', a quote, non-ASCII (é sorts after z in bytes), > 2,048 rows
      const labels = ['low', 'Zoë', '', "it's", 'high', 'low', 'édith', 'z', 'medium'];
      const n = 5000;
      const codes = Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >> 5)) % labels.length);
      const text = Array.from(codes, (k) => labels[k]!);
      const ord = Float64Array.from({ length: n }, (_, i) => i);
      await engine.load(
        'coded',
        { length: n, f64: { ord }, strings: {}, codes: { label: { codes, labels } } },
        { order: ['ord', 'label'] },
      );
      await engine.load('plain', { length: n, f64: { ord }, strings: { label: text } }, { order: ['ord', 'label'] });
      const read = async (sql: string, params?: Record<string, string>) => {
        const b = await engine.columns(sql, { label: 'string', ord: 'f64' }, params);
        return { label: b.strings.label, ord: Array.from(b.f64.ord!) };
      };
      assert.deepEqual((await read('SELECT ord, label FROM coded ORDER BY ord')).label, text, 'values in row order');
      for (const q of [
        'SELECT ord, label FROM {t} ORDER BY label, ord',
        'SELECT ord, label FROM {t} ORDER BY label DESC, ord DESC',
        'SELECT ord, label FROM {t} WHERE label = $v ORDER BY ord',
        'SELECT ord, label FROM {t} WHERE label <> $v ORDER BY ord',
        'SELECT ord, label FROM {t} WHERE label > $v ORDER BY ord',
        'SELECT ord, label FROM {t} WHERE label <= $v ORDER BY ord',
        'SELECT ord, label FROM {t} WHERE label IN ($v, $w) ORDER BY ord',
        `SELECT ord, label FROM {t} WHERE ${engine.dialect.contains('lower(label)', '$w')} ORDER BY ord`,
      ])
        for (const [v, w] of [
          ['low', 'o'],
          ['m', ''],
          ['nope', 'é'],
          ['', "'"],
        ] as const) {
          const params = q.includes('$') ? { v, w } : undefined;
          const used: Record<string, string> | undefined = params && (q.includes('$w') ? (q.includes('$v') ? params : { w }) : { v });
          assert.deepEqual(await read(q.replace('{t}', 'coded'), used), await read(q.replace('{t}', 'plain'), used), `${q} (${v}, ${w})`);
        }
      await assert.rejects(
        engine.load('bad', { length: 1, f64: {}, strings: {}, codes: { label: { codes: Uint8Array.of(3), labels: ['a'] } } }),
        /code 3 of column label/,
      );
    } finally {
      await done();
    }
  });

  test(`${name}: dialect.contains and dialect.isoDate`, async (t) => {
    const o = await open(t);
    if (!o) return;
    const { engine: e, done } = o;
    try {
      const d = e.dialect;
      const [r] = await e.rows<Record<string, unknown>>(
        `SELECT ${d.isoDate(d.dateLiteral('1997-03-05'))} AS day, ${d.contains(d.string('a%b_c'), d.string('%b_'))} AS yes,
        ${d.contains(d.string('abc'), d.string('%'))} AS no, ${d.contains(d.string('Abc'), '$1')} AS bound`,
        ['bc'],
      );
      assert.deepEqual(
        { ...r, yes: Boolean(r!.yes), no: Boolean(r!.no), bound: Boolean(r!.bound) },
        { day: '1997-03-05', yes: true, no: false, bound: true },
      );
    } finally {
      await done();
    }
  });
}

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
