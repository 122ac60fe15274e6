// The table behind `cvm at-risk` and `cvm win-back` (issue 12, memory and CPU at 1M customers): the
// customer table cut to the columns the lists read. On a generated demo business with products,
// channels, returns and a cost model (value at risk on the margin basis), both lists served from it
// equal the lists served from the whole customer table: the CSV export (every row, with and without
// filters on every kind of column) and sorted pages, cell for cell; and making it computes none of
// what no list reads (offers, headroom, feedback, the whole customer table).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  Analysis,
  loadCostModel,
  openWorkspace,
  ingestFile,
  tablePage,
  tableCsvStream,
  tableQuerySchema,
  retentionListTable,
  type Engine,
  type ListName,
  type ServedTable,
} from '../../src/index.js';
import { RETENTION_LIST_KEYS } from '../../src/retention/retention-columns.js';
import { RETENTION_LISTS_TABLE } from '../../src/analysis/retention-stages.js';
import { generateDemoBusiness } from '../../src/demo/demo.js';
import { tempDir } from '../helpers/temp-dir.js';

let engine: Engine;
let analysis: Analysis;
let lists: ServedTable;
const computedFirst: Record<string, string | undefined> = {};

before(async () => {
  const dir = tempDir('cvm-ret-lists-');
  generateDemoBusiness(dir, { customers: 1500, seed: 7, signal: true });
  engine = await openWorkspace();
  await ingestFile(engine, join(dir, 'transactions.csv'));
  analysis = new Analysis(engine, { costModel: await loadCostModel(join(dir, 'cost-model.yaml')) });
  lists = await analysis.retentionListsTable();
  for (const k of ['customer-table', 'expansion:baskets', 'expansion:offers', 'expansion:headroom:value_tier', 'feedback', 'retention'])
    computedFirst[k] = analysis.computedAt(k);
});
after(async () => engine?.close());

async function csv(t: ServedTable, filter: string[]): Promise<string> {
  const reader = tableCsvStream(engine, t, { filter }).getReader();
  const decoder = new TextDecoder();
  let out = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out + decoder.decode();
    out += decoder.decode(value, { stream: true });
  }
}

test('making the lists table computes the retention stage and nothing the lists do not read', () => {
  assert.ok(computedFirst.retention, 'the retention stage ran');
  for (const k of ['customer-table', 'expansion:baskets', 'expansion:offers', 'expansion:headroom:value_tier', 'feedback'])
    assert.equal(computedFirst[k], undefined, `${k} was computed for the lists`);
});

test('the lists table stores only the columns the lists read, in a table of its own', async () => {
  const stored = (
    await engine.rows<{ c: string }>(
      `SELECT column_name AS c FROM information_schema.columns WHERE table_name = '${RETENTION_LISTS_TABLE}' ORDER BY ordinal_position`,
    )
  ).map((r) => r.c);
  assert.ok(stored.length > 0, `${RETENTION_LISTS_TABLE} exists`);
  // ord, plus the list columns that are stored (overdue is SQL over two of them, the reasons are written per row)
  const expected = ['ord', ...RETENTION_LIST_KEYS.filter((k) => k !== 'overdue' && k !== 'retention_reason')];
  assert.deepEqual([...stored].sort(), [...expected].sort());
  assert.deepEqual(lists.columns.map((c) => c.key).sort(), [...RETENTION_LIST_KEYS].sort());
});

test('both lists from the lists table equal the lists from the whole customer table: CSV, filters, pages', async () => {
  const full = await analysis.customerTable();
  assert.ok(
    full.columns.some((c) => c.key === 'gross_margin'),
    'the whole table has the profit columns the lists table leaves out',
  );
  const channel = (await engine.rows<{ c: string }>(`SELECT channel AS c FROM ${full.from} WHERE channel <> '' LIMIT 1`))[0]!.c;
  for (const list of ['at_risk', 'win_back'] as ListName[]) {
    const filters: string[][] = [
      [],
      [`channel:eq:${channel}`],
      [`${list === 'at_risk' ? 'value_at_risk' : 'win_back_value'}:gte:5`, 'churn_risk:in:high|medium'],
      ['value_tier:in:Platinum|Gold', 'overdue:gt:1.5'],
      ['lifecycle_stage:ne:active', 'next_purchase:gte:2000-01-01'],
      ['customer_id:contains:1'],
    ];
    const a = retentionListTable(lists, list),
      b = retentionListTable(full, list);
    assert.deepEqual(a.columns, b.columns, `${list}: the same columns`);
    let rows = 0;
    for (const filter of filters) {
      const x = await csv(a, filter),
        y = await csv(b, filter);
      assert.equal(x, y, `${list} CSV with filter [${filter.join(', ')}]`);
      rows += x.split('\n').length - 2;
    }
    assert.ok(rows > 50, `${list}: the filters leave rows to compare (${rows})`);
    for (const q of [{}, { sort: 'overdue', dir: 'asc' }, { sort: 'p_alive', dir: 'desc', page: 2 }, { sort: 'next_purchase' }]) {
      const query = tableQuerySchema.parse({ pageSize: 40, ...q });
      const pa = await tablePage(engine, a, query),
        pb = await tablePage(engine, b, query);
      assert.ok(pa.rows.length > 0, `${list} page ${JSON.stringify(q)} has rows`);
      assert.deepEqual(pa, pb, `${list} page ${JSON.stringify(q)}`);
    }
  }
});
