// The ClickHouse engine's pure pieces: literals, parameter inlining, statement splitting, the URL,
// CTE inlining and the Native reader (no server needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickhouseDialect, clickhouseString } from '../../../src/engine/clickhouse/clickhouse-dialect.js';
import { bindParams, splitStatements } from '../../../src/engine/clickhouse/clickhouse-params.js';
import { parseClickHouseUrl } from '../../../src/engine/clickhouse/clickhouse-url.js';
import { NativeReader } from '../../../src/engine/clickhouse/clickhouse-native.js';
import { encodeRowBinary } from '../../../src/engine/clickhouse/clickhouse-row-binary.js';
import { specsFromDuckDbDdl } from '../../../src/engine/clickhouse/clickhouse-ddl.js';
import { duckdbDialect } from '../../../src/engine/duckdb/duckdb-dialect.js';
import { clickhouseInputTables } from '../../../src/inputs/input-schema-clickhouse.js';
import { INPUTS_DDL } from '../../../src/inputs/input-schema.js';

test('string literals escape backslash and quote; NUL is refused', () => {
  assert.equal(clickhouseString("it's a\\b"), "'it\\'s a\\\\b'");
  assert.throws(() => clickhouseString('a\u0000b'), TypeError);
});

test('parameters are inlined outside literals, identifiers and comments; a missing one throws', () => {
  assert.equal(
    bindParams('SELECT $1, \'$1\', "$1", `$1` -- $1\n/* $1 */ , $2', ["o'k", 2]),
    "SELECT 'o\\'k', '$1', \"$1\", `$1` -- $1\n/* $1 */ , 2",
  );
  assert.equal(bindParams('SELECT $a + $a, $b', { a: 1.5, b: null }), 'SELECT 1.5 + 1.5, NULL');
  assert.equal(bindParams('SELECT $t', { t: true }), 'SELECT 1');
  assert.equal(bindParams("SELECT 'a\\'$1'", [1]), "SELECT 'a\\'$1'", 'escaped quote stays inside the literal');
  assert.throws(() => bindParams('SELECT $3', [1]), /no value for \$3/);
  assert.throws(() => bindParams('SELECT $1', [Number.NaN]), /finite/);
});

test('scripts split at top-level semicolons only', () => {
  assert.deepEqual(splitStatements("DROP TABLE a; SELECT ';' ; -- x;\nSELECT 2;"), ['DROP TABLE a', "SELECT ';'", '-- x;\nSELECT 2']);
});

test('engine URLs: database, cluster, shards; credentials never in the URL', () => {
  assert.deepEqual(parseClickHouseUrl('clickhouse://127.0.0.1:8124/shop?cluster=c1&shards=h1:1,h2:2', {}, {}), {
    url: 'http://127.0.0.1:8124',
    database: 'shop',
    cluster: 'c1',
    shards: ['http://h1:1', 'http://h2:2'],
  });
  assert.deepEqual(parseClickHouseUrl('clickhouse://db.example', {}, { CVM_CLICKHOUSE_USER: 'u', CVM_CLICKHOUSE_PASSWORD: 'p' }), {
    url: 'http://db.example:8123',
    database: 'cvm',
    cluster: null,
    shards: null,
    user: 'u',
    password: 'p',
  });
  assert.equal(parseClickHouseUrl('clickhouse://h:1/shop?ingest_lease=90', {}, {}).ingestLeaseSeconds, 90, 'the ingest lease');
  for (const [url, why] of [
    ['postgres://h:1', /unknown scheme/],
    ['clickhouse://u:p@h:1', /not in the URL/],
    ['clickhouse://h:1/bad-name', /letters, digits/],
    ['clickhouse://h:1?shards=h:2', /needs cluster/],
    ['clickhouse://h:1?x=1', /unknown option/],
    ['clickhouse://h:1?ingest_lease=2', /at least 3/],
    ['clickhouse://h:1?ingest_lease=1.5', /whole number/],
  ] as const) {
    assert.throws(
      () => parseClickHouseUrl(url, {}, {}),
      (e: Error & { code?: string }) => e.code === 'bad_engine_url' && why.test(e.message),
      url,
    );
  }
});

test('with(): each CTE reference becomes its subquery, later CTEs may use earlier ones', () => {
  const d = clickhouseDialect;
  const sql = d.with(
    [
      ['a', 'SELECT 1 AS x'],
      ['b', `SELECT x FROM ${d.cte('a')}`],
    ],
    `SELECT * FROM ${d.cte('b')} JOIN ${d.cte('a')} USING (x)`,
  );
  assert.equal(sql, 'SELECT * FROM (SELECT x FROM (SELECT 1 AS x) AS a) AS b JOIN (SELECT 1 AS x) AS a USING (x)');
  assert.throws(() => d.with([['a', `SELECT * FROM ${d.cte('b')}`]], 'SELECT 1'), /before it is defined/);
});

test('Native reader: blocks split at any byte boundary give the same columns (numbers, Nullable, strings)', () => {
  // one block: x Float64 [1.5, -2], s String ['a', 'é'], n Nullable(Int32) [NULL, 7]
  const parts: Buffer[] = [Buffer.from([3, 2])];
  const str = (v: string): Buffer => Buffer.concat([Buffer.from([Buffer.byteLength(v)]), Buffer.from(v)]);
  const f = Buffer.alloc(16);
  f.writeDoubleLE(1.5, 0);
  f.writeDoubleLE(-2, 8);
  parts.push(str('x'), str('Float64'), f, str('s'), str('String'), str('a'), str('é'));
  const i = Buffer.alloc(8);
  i.writeInt32LE(0, 0);
  i.writeInt32LE(7, 4);
  parts.push(str('n'), str('Nullable(Int32)'), Buffer.from([1, 0]), i);
  const bytes = Buffer.concat(parts);
  for (const cut of [1, 3, 7, 20, bytes.length]) {
    const r = new NativeReader({ x: 'f64', s: 'string', n: 'f64' });
    for (let at = 0; at < bytes.length; at += cut) r.push(bytes.subarray(at, at + cut));
    const b = r.end();
    assert.equal(b.length, 2);
    assert.deepEqual([...b.f64.x!], [1.5, -2]);
    assert.deepEqual(b.strings.s, ['a', 'é']);
    assert.ok(Number.isNaN(b.f64.n![0]!));
    assert.equal(b.f64.n![1], 7);
  }
  const truncated = new NativeReader({ x: 'f64' });
  truncated.push(bytes.subarray(0, bytes.length - 1));
  assert.throws(() => truncated.end(), /ended inside a block/);
});

test('RowBinary: the bytes ClickHouse expects for each supported type', () => {
  const buf = encodeRowBinary(
    [
      ['a', 'Int32'],
      ['b', 'Int64'],
      ['c', 'Nullable(Float64)'],
      ['d', 'Nullable(String)'],
      ['e', 'Date'],
      ['f', 'UInt8'],
    ],
    {
      length: 1,
      f64: {
        a: Float64Array.of(-1),
        b: Float64Array.of(2 ** 40 + 3),
        c: Float64Array.of(Number.NaN),
        'null:d': Float64Array.of(0),
        e: Float64Array.of(10),
        f: Float64Array.of(1),
      },
      strings: { d: ['é'] },
    },
  );
  const b64 = Buffer.alloc(8);
  b64.writeBigInt64LE(2n ** 40n + 3n);
  assert.deepEqual(
    buf,
    Buffer.concat([
      Buffer.from([0xff, 0xff, 0xff, 0xff]),
      b64,
      Buffer.from([1]),
      Buffer.from([0, 2, 0xc3, 0xa9]),
      Buffer.from([10, 0]),
      Buffer.from([1]),
    ]),
  );
});

test('DuckDB DDL → ClickHouse table specs: types, NOT NULL → non-Nullable, first column orders, unknown types and tables throw (issue 16)', () => {
  const ddl = `CREATE TABLE IF NOT EXISTS t (
  id VARCHAR NOT NULL,
  n BIGINT NOT NULL,
  x DOUBLE,
  d DATE,
  at TIMESTAMP NOT NULL,
  k INTEGER
);
-- a comment between statements
CREATE TABLE IF NOT EXISTS u (
  c VARCHAR
);`;
  assert.deepEqual(specsFromDuckDbDdl(ddl, { t: 'cityHash64(id)', u: 'rand()' }), [
    {
      name: 't',
      columns: [
        ['id', 'String'],
        ['n', 'Int64'],
        ['x', 'Nullable(Float64)'],
        ['d', 'Nullable(Date)'],
        ['at', 'DateTime'],
        ['k', 'Nullable(Int32)'],
      ],
      orderBy: 'id',
      shardKey: 'cityHash64(id)',
    },
    { name: 'u', columns: [['c', 'Nullable(String)']], orderBy: 'c', shardKey: 'rand()' },
  ]);
  assert.throws(() => specsFromDuckDbDdl(ddl, { t: 'x' }), /no shard key for u/);
  assert.throws(() => specsFromDuckDbDdl('CREATE TABLE IF NOT EXISTS v (\n  b BOOLEAN\n);', { v: 'x' }), /no ClickHouse type for BOOLEAN/);
  // every input table of the real DDL is covered
  assert.deepEqual(
    clickhouseInputTables().map((s) => s.name),
    [...INPUTS_DDL.matchAll(/CREATE TABLE IF NOT EXISTS (\w+)/g)].map((m) => m[1]),
  );
});

test('trim and tableExists in both dialects (issue 16)', () => {
  assert.equal(clickhouseDialect.trim("' a '"), "replaceRegexpAll(' a ', '^ +| +$', '')");
  assert.match(clickhouseDialect.tableExists("o'k"), /FROM system\.tables WHERE database = currentDatabase\(\) AND name = 'o\\'k'/);
  assert.match(duckdbDialect.tableExists("o'k"), /information_schema\.tables WHERE table_name = 'o''k'/);
});
