// The customer table's text columns with few distinct values (retention's churn risk, list, channel
// and three next-purchase dates; the segment labels; the first and last purchase days) are loaded as
// codes (a DuckDB ENUM), not one string per customer. On a generated demo business with returns and
// channels:
// 1. every value read back from the table equals an independent derivation from the stage's numbers
//    (the label from P(return) and the printed thresholds, dates by calendar arithmetic on the as-of
//    day, the list's name, the last purchase day's channel as the stage read it);
// 2. the served table answers exactly as the same table with every text column as plain VARCHAR (the
//    path before codes): pages sorted by and filtered on each text column, in both directions, and the
//    whole CSV export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  Analysis,
  openWorkspace,
  ingestFile,
  tablePage,
  tableCsvStream,
  tableQuerySchema,
  retentionListTable,
  type Engine,
  type RetentionStage,
  type ServedTable,
} from '../../src/index.js';
import { generateDemoBusiness } from '../../src/demo/demo.js';
import { tempDir } from '../helpers/temp-dir.js';

const TEXT = ['churn_risk', 'retention_list', 'channel', 'next_purchase', 'next_purchase_lo', 'next_purchase_hi'] as const;
/** The other coded columns: segment labels (values checked in segment-columns.test.ts) and purchase days. */
const BASE = ['value_tier', 'lifecycle_stage', 'rfm_segment', 'rfm_check', 'rfm_score', 'first_purchase', 'last_purchase'] as const;

let engine: Engine;
let stage: RetentionStage;
let table: ServedTable;
let plain: ServedTable;
let ids: string[];
let analysis: Analysis;

before(async () => {
  const dir = tempDir('cvm-ret-coded-');
  generateDemoBusiness(dir, { customers: 1500, seed: 5, signal: true });
  engine = await openWorkspace();
  await ingestFile(engine, join(dir, 'transactions.csv'));
  analysis = new Analysis(engine);
  stage = await analysis.retention();
  table = await analysis.customerTable();
  ids = (await analysis.overview()).summary.customerId;
  // the old path: the same table with each text column as VARCHAR (DuckDB's own cast of the stored values)
  const types = await engine.rows<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'cvm_customers'`,
  );
  const coded = types.filter((t) => t.data_type.startsWith('ENUM')).map((t) => t.column_name);
  assert.deepEqual(coded.sort(), [...TEXT, ...BASE].sort(), 'exactly the low-cardinality text columns are coded');
  await engine.exec(
    `CREATE TEMP TABLE cvm_customers_plain AS SELECT * REPLACE (${coded.map((c) => `CAST(${c} AS VARCHAR) AS ${c}`).join(', ')}) FROM cvm_customers`,
  );
  plain = { ...table, from: table.from.replace('cvm_customers', 'cvm_customers_plain') };
});
after(async () => engine?.close());

test('the demo has what the coded columns must handle: returns, channels, both lists, empty next-purchase dates', async () => {
  const [r] = await engine.rows<{ n: number }>('SELECT count(*) AS n FROM transactions WHERE is_return');
  assert.ok(Number(r!.n) > 0, 'the log has returns');
  const s = stage.scores;
  assert.ok(stage.channel, 'the log has channels');
  assert.ok(s.list.includes(1) && s.list.includes(2), 'both lists have customers');
  assert.ok(
    s.nextHighDays.some((w) => !(w <= s.options.maxNextPurchaseDays)),
    'some 90% ends lie beyond the longest shown wait (empty dates)',
  );
});

test('each coded value read back equals an independent derivation from the stage', async () => {
  const b = await engine.columns(
    `SELECT customer_id, ${TEXT.join(', ')} FROM cvm_customers ORDER BY ord`,
    Object.fromEntries(['customer_id', ...TEXT].map((k) => [k, 'string' as const])),
  );
  const s = stage.scores;
  const o = s.options;
  assert.deepEqual(b.strings.customer_id, ids);
  const asOf = Date.parse(`${s.asOf}T00:00:00Z`);
  const date = (w: number): string =>
    w <= o.maxNextPurchaseDays ? new Date(asOf + Math.max(1, Math.ceil(w)) * 86_400_000).toISOString().slice(0, 10) : '';
  const lists = ['', 'at_risk', 'win_back'];
  for (let i = 0; i < s.length; i++) {
    const want = {
      churn_risk: s.pReturn[i]! < o.highRiskBelow ? 'high' : s.pReturn[i]! < o.mediumRiskBelow ? 'medium' : 'low',
      retention_list: lists[s.list[i]!],
      channel: stage.channel![i],
      next_purchase: date(s.nextDays[i]!),
      next_purchase_lo: date(s.nextLowDays[i]!),
      next_purchase_hi: date(s.nextHighDays[i]!),
    };
    const got = Object.fromEntries(TEXT.map((k) => [k, b.strings[k]![i]]));
    assert.deepEqual(got, want, `customer ${ids[i]}`);
  }
  // the purchase days by calendar arithmetic on the summary's day numbers
  const { summary } = await analysis.overview();
  const days = await engine.columns('SELECT first_purchase, last_purchase FROM cvm_customers ORDER BY ord', {
    first_purchase: 'string',
    last_purchase: 'string',
  });
  const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
  assert.deepEqual(days.strings.first_purchase, Array.from(summary.firstPurchase, iso));
  assert.deepEqual(days.strings.last_purchase, Array.from(summary.lastPurchase, iso));
});

test('pages sorted by and filtered on each text column, and the CSV export, equal the plain-text table', async () => {
  const queries: Record<string, unknown>[] = [];
  for (const sort of [...TEXT, ...BASE]) for (const dir of ['asc', 'desc']) queries.push({ sort, dir }, { sort, dir, page: 3 });
  queries.push(
    { filter: ['churn_risk:eq:high'], sort: 'churn_risk' },
    { filter: ['churn_risk:in:medium|low', 'retention_list:ne:'] },
    { filter: ['churn_risk:gt:low'] },
    { filter: ['channel:contains:e'], sort: 'channel', dir: 'desc' },
    { filter: ['next_purchase:lte:2030-01-01'], sort: 'next_purchase_hi' },
    { filter: ['next_purchase_hi:eq:'], sort: 'next_purchase_lo', dir: 'desc' },
    { filter: ['retention_list:eq:nonsense'] },
    { filter: ['value_tier:in:Gold|Silver', 'lifecycle_stage:ne:active'], sort: 'rfm_segment' },
    { filter: ['rfm_check:ne:', 'rfm_segment:contains:loyal'], sort: 'last_purchase', dir: 'desc' },
    { filter: ['rfm_score:gte:333', 'first_purchase:lt:2024-06-01'], sort: 'first_purchase' },
  );
  for (const q of queries) {
    const query = tableQuerySchema.parse({ pageSize: 40, ...q });
    const got = await tablePage(engine, table, query);
    const want = await tablePage(engine, plain, query);
    assert.deepEqual(got, want, JSON.stringify(q));
  }
  for (const list of ['at_risk', 'win_back'] as const) {
    const query = tableQuerySchema.parse({ pageSize: 100, filter: ['churn_risk:ne:low'] });
    const got = await tablePage(engine, retentionListTable(table, list), query);
    const want = await tablePage(
      engine,
      { ...retentionListTable(table, list), from: retentionListTable(table, list).from.replace('cvm_customers', 'cvm_customers_plain') },
      query,
    );
    assert.ok(got.total > 0, `${list} has customers`);
    assert.deepEqual(got, want, list);
  }
  const csv = async (t: ServedTable): Promise<string> =>
    new Response(tableCsvStream(engine, t, { sort: 'next_purchase', filter: [] }, 700)).text();
  const [a, p] = [await csv(table), await csv(plain)];
  assert.equal(a.split('\n').length, ids.length + 2, 'header, every customer, final newline');
  assert.equal(a, p);
});
