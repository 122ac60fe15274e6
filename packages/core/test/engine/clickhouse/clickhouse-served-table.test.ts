// The customer table (core/customers: loaded through Engine.load) served by core/tables on every
// engine: pages sorted, filtered and searched in SQL on DuckDB, the 2-shard ClickHouse 18.16 cluster
// and chDB, each checked against a brute-force sort and filter of the same arrays in JavaScript;
// the CSV download (tableCsvStream, read in chunks of numbered rows) in the same order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../../src/engine/engine.js';
import { createDuckDbEngine } from '../../../src/engine/duckdb/duckdb-engine.js';
import { loadCustomerTable, type CustomerColumn } from '../../../src/customers/customer-table.js';
import { customerRow } from '../../../src/customers/customer-detail.js';
import { tableCsvStream, tablePage } from '../../../src/tables/table-page.js';
import type { TableQuery } from '../../../src/tables/served-table.js';
import { createRng } from '../../../src/math/random/rng.js';
import { openTestClickHouse, type ClickHouseBackend } from '../../helpers/clickhouse.js';

const N = 3000;
const rng = createRng(16);
const ids = Array.from({ length: N }, (_, i) => (i % 7 === 0 ? `x-${i}` : String(1000 + ((i * 7919) % N))));
const revenue = Float64Array.from({ length: N }, () => Math.round(rng() * 500) / 4); // ties on purpose
const pAlive = Float64Array.from({ length: N }, (_, i) => (i % 11 === 0 ? NaN : rng()));
const tiers = ['Top 1%', 'Top 20%', 'Middle', "Bottom's"];
const tier = Array.from({ length: N }, () => tiers[Math.floor(rng() * tiers.length)]!);
const COLUMNS: CustomerColumn[] = [
  { key: 'net_revenue', label: 'Net revenue', kind: 'money', values: revenue },
  { key: 'p_alive', label: 'P(alive)', kind: 'probability', values: pAlive },
  { key: 'value_tier', label: 'Value tier', kind: 'text', values: tier },
];

/** The page the query asks for, by sorting and filtering the arrays in JavaScript. */
function expectedPage(q: TableQuery): { total: number; ids: string[] } {
  const values: Record<string, ArrayLike<number | string>> = { customer_id: ids, net_revenue: revenue, p_alive: pAlive, value_tier: tier };
  let rows = Array.from({ length: N }, (_, i) => i);
  if (q.q) rows = rows.filter((i) => ids[i]!.toLowerCase().includes(q.q!.toLowerCase()));
  for (const f of q.filter) {
    const [col, op, value] = f.split(':') as [string, string, string];
    const v = values[col]!;
    rows = rows.filter((i) => {
      const x = v[i]!;
      if (typeof x === 'number' && Number.isNaN(x)) return false; // NULL never matches
      if (op === 'gte') return (x as number) >= Number(value);
      if (op === 'lt') return (x as number) < Number(value);
      if (op === 'in') return value.split('|').includes(String(x));
      if (op === 'contains') return String(x).toLowerCase().includes(value.toLowerCase());
      return String(x) === value;
    });
  }
  const key = values[q.sort!]!;
  const sign = q.dir === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const x = key[a]!,
      y = key[b]!;
    const xn = typeof x === 'number' && Number.isNaN(x),
      yn = typeof y === 'number' && Number.isNaN(y);
    if (xn !== yn) return xn ? 1 : -1; // NULLS LAST either way
    if (!xn && x !== y) return (x < y ? -1 : 1) * sign;
    return a - b; // tie-break: ord (load order)
  });
  const start = (q.page - 1) * q.pageSize;
  return { total: rows.length, ids: rows.slice(start, start + q.pageSize).map((i) => ids[i]!) };
}

const QUERIES: TableQuery[] = [
  { page: 1, pageSize: 25, format: 'json', sort: 'net_revenue', dir: 'desc', filter: [] },
  { page: 7, pageSize: 40, format: 'json', sort: 'p_alive', dir: 'asc', filter: [] },
  { page: 60, pageSize: 50, format: 'json', sort: 'p_alive', dir: 'desc', filter: [] }, // the NULLs at the end
  { page: 2, pageSize: 30, format: 'json', sort: 'value_tier', dir: 'asc', filter: ['net_revenue:gte:60', 'p_alive:lt:0.5'] },
  { page: 1, pageSize: 50, format: 'json', sort: 'net_revenue', dir: 'asc', filter: ["value_tier:in:Top 1%|Bottom's"], q: 'x-' },
  { page: 1, pageSize: 100, format: 'json', sort: 'customer_id', dir: 'desc', filter: ['value_tier:contains:TOP'] },
];

type Open = (t: import('node:test').TestContext) => Promise<{ engine: Engine; done: () => Promise<void> } | null>;
const ENGINES: [string, Open][] = [
  [
    'duckdb',
    async () => {
      const engine = createDuckDbEngine();
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

for (const [name, open] of ENGINES) {
  test(`${name}: customer table pages (sort with ties and NULLs, filters, search, permutation paging) and CSV downloads equal a brute-force sort in JavaScript`, async (t) => {
    const o = await open(t);
    if (!o) return;
    const { engine, done } = o;
    try {
      const table = await loadCustomerTable(engine, ids, COLUMNS);
      const cache = new Map<string, Float64Array>();
      const permutations = async (sort: string, dir: string, load: () => Promise<Float64Array>): Promise<Float64Array> => {
        const k = `${sort} ${dir}`;
        if (!cache.has(k)) cache.set(k, await load());
        return cache.get(k)!;
      };
      for (const q of QUERIES) {
        const want = expectedPage(q);
        assert.ok(want.ids.length > 0, `the query selects rows: ${JSON.stringify(q)}`);
        for (const perm of [undefined, permutations]) {
          const page = await tablePage(engine, table, q, perm);
          const what = `${JSON.stringify(q)}${perm ? ' (permutation)' : ''}`;
          assert.equal(page.total, want.total, `total ${what}`);
          assert.deepEqual(
            page.rows.map((r) => r[0]),
            want.ids,
            `ids ${what}`,
          );
        }
      }
      for (const q of [QUERIES[0]!, QUERIES[3]!]) {
        // the whole filtered table in chunks of 700 rows, in the page order
        const text = await new Response(tableCsvStream(engine, table, q, 700)).text();
        const lines = text.trimEnd().split('\n');
        assert.equal(lines[0], 'customer_id,net_revenue,p_alive,value_tier');
        const want = expectedPage({ ...q, page: 1, pageSize: N });
        assert.deepEqual(
          lines.slice(1).map((l) => l.split(',')[0]),
          want.ids,
          `CSV order ${JSON.stringify(q)}`,
        );
      }
      const left = await engine.rows<{ n: number }>(
        `SELECT count(*) AS n FROM ${engine.dialect.name === 'duckdb' ? 'duckdb_tables()' : 'system.tables'} WHERE ${engine.dialect.name === 'duckdb' ? 'table_name' : 'name'} LIKE 'cvm_export_%'`,
      );
      assert.equal(left[0]!.n, 0, 'the export tables are dropped');
      const i = 11; // a NaN p_alive comes back as null
      assert.deepEqual(await customerRow(engine, table, ids[i]!), {
        customer_id: ids[i],
        net_revenue: revenue[i],
        p_alive: null,
        value_tier: tier[i],
      });
      assert.equal(await customerRow(engine, table, 'nobody'), null);
    } finally {
      await done();
    }
  });
}
