// Breakdowns by channel and attribute (--by) on the demo business (2,000 customers, seed 5) whose
// customers file lost every 5th row: every number is recounted here by brute force from the CSV files
// themselves (customers file values, else "unknown"; channel from the file, else the first order's),
// and no customer is dropped (the "all" row and the level rows add up to every customer).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoBusiness } from '../../src/demo/demo.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { ingestInputFile } from '../../src/inputs/input-ingest.js';
import { summarize } from '../../src/summary/summary.js';
import { runModelsWithScores } from '../../src/pipeline.js';
import { requireScores } from '../../src/pipeline-models.js';
import { segmentAsOf } from '../../src/segments/segment-as-of.js';
import { loadCostModel } from '../../src/profitability/cost-model.js';
import { computeProfitability } from '../../src/profitability/profitability.js';
import { cohortReport } from '../../src/cohorts/cohorts.js';
import { clvBy, profitBy, segmentsBy } from '../../src/breakdowns/report-breakdowns.js';
import type { Engine } from '../../src/engine/engine.js';
import type { ReportTable } from '../../src/report/report-table.js';
import { assertClose } from '../helpers/assert-close.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('cvm-by-');
generateDemoBusiness(dir, { customers: 2000, seed: 5 });
const rows = (name: string): string[][] =>
  readFileSync(join(dir, name), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
const [header, ...people] = rows('customers.csv');
const kept = people.filter((_, i) => i % 5 !== 4);
writeFileSync(join(dir, 'customers-partial.csv'), [header, ...kept].map((r) => r.join(',')).join('\n') + '\n');

/** Level of a customers-file column per customer id (missing rows → unknown). */
const column = (name: string): ((id: string) => string) => {
  const j = header!.indexOf(name);
  const m = new Map(kept.map((r) => [r[0]!, r[j]!.toLowerCase()]));
  return (id) => m.get(id) || 'unknown';
};
/** Per customer with a purchase: first purchase day and the smallest lower-cased channel that day; all net revenue. */
const orders = new Map<string, { day: string; channels: string[]; revenue: number }>();
for (const [, date, id, , , quantity, , amount, channel] of rows('transactions.csv').slice(1)) {
  const o = orders.get(id!) ?? { day: '9999', channels: [], revenue: 0 };
  o.revenue += Number(amount);
  const day = date!.slice(0, 10);
  if (Number(quantity) > 0) {
    if (day < o.day) {
      o.day = day;
      o.channels = [channel!.toLowerCase()];
    } else if (day === o.day) o.channels.push(channel!.toLowerCase());
  }
  orders.set(id!, o);
}
const fileChannel = column('acquisition_channel');
const channelOf = (id: string): string =>
  fileChannel(id) !== 'unknown' ? fileChannel(id) : (orders.get(id)?.channels.sort()[0] ?? 'unknown');

let engine: Engine;
const ready = (async () => {
  engine = await openWorkspace({});
  await ingestFile(engine, join(dir, 'transactions.csv'));
  await ingestInputFile(engine, 'customers', join(dir, 'customers-partial.csv'));
})();
after(async () => engine?.close());

/** Sum of `values` per level of `levelOf` over `ids`, and the counts. */
function recount(
  ids: readonly string[],
  levelOf: (id: string) => string,
  values?: ArrayLike<number>,
): Map<string, { n: number; sum: number }> {
  const m = new Map<string, { n: number; sum: number }>();
  ids.forEach((id, i) => {
    const c = m.get(levelOf(id)) ?? { n: 0, sum: 0 };
    c.n++;
    if (values) c.sum += values[i]!;
    m.set(levelOf(id), c);
  });
  return m;
}
const cell = (t: ReportTable, level: string, key: string): number =>
  t.rows.find((r) => r[0] === level)![t.columns.findIndex((c) => c.key === key)] as number;

test('segments by region: customers per tier and stage per level recounted; unknown kept; nobody dropped', async () => {
  await ready;
  const seg = await segmentAsOf(engine, {});
  const s = await segmentsBy(engine, seg, 'region');
  const [tiers, stages, value] = s.tables;
  const region = column('region');
  const expected = new Map<string, number>();
  for (let i = 0; i < seg.length; i++) {
    const key = `${region(seg.customerId[i]!)}|${seg.tiers.names[seg.tiers.tier[i]!]}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  assert.ok(
    tiers!.rows.some((r) => r[0] === 'unknown'),
    'customers without a row are shown as unknown',
  );
  assert.equal(tiers!.rows.at(-1)![0], 'all');
  for (const r of tiers!.rows.slice(0, -1))
    for (const t of seg.tiers.names) assert.equal(cell(tiers!, r[0] as string, t), expected.get(`${r[0]}|${t}`) ?? 0, `${r[0]} × ${t}`);
  assert.equal(cell(tiers!, 'all', 'total'), seg.length);
  assert.equal(cell(stages!, 'all', 'total'), seg.length);
  const byRegion = recount(seg.customerId, region, seg.value);
  for (const [level, c] of byRegion) {
    assert.equal(cell(value!, level, 'customers'), c.n, level);
    assertClose(cell(value!, level, 'value_total'), c.sum, 1e-9, `value of ${level}`, true); // relative: sums in another order
  }
  // unknown = customers whose row was removed + customers whose row leaves region empty
  const rowOf = new Map(kept.map((r) => [r[0]!, r]));
  const j = header!.indexOf('region');
  const noRow = seg.customerId.filter((id) => !rowOf.has(id)).length,
    empty = seg.customerId.filter((id) => rowOf.get(id)?.[j] === '').length;
  assert.ok(noRow > 300, `${noRow} customers without a row`);
  assert.equal(byRegion.get('unknown')!.n, noRow + empty);
});

test('CLV by channel (file, else first order): sums and means per level recounted', async () => {
  await ready;
  const summary = await summarize(engine, {});
  const { scores, report } = requireScores(await runModelsWithScores(engine, summary, { period: 'week' }), 'CLV by channel');
  const t = (await clvBy(engine, scores, 'channel', report.units.horizon)).tables[0]!;
  const expected = recount(scores.customerId, channelOf, scores.clv);
  assert.deepEqual(
    t.rows
      .slice(0, -1)
      .map((r) => r[0])
      .sort(),
    [...expected.keys()].sort(),
  );
  for (const [level, c] of expected) {
    assert.equal(cell(t, level, 'customers'), c.n, level);
    assertClose(cell(t, level, 'clv_total'), c.sum, 1e-9, `CLV of ${level}`, true); // relative: sums in another order
    assertClose(cell(t, level, 'clv_mean'), c.sum / c.n, 1e-9, `mean CLV of ${level}`, true); // relative: sums in another order
  }
  assert.equal(cell(t, 'all', 'customers'), scores.customerId.length);
});

test('profitability by age band: profit and unprofitable customers per level recounted', async () => {
  await ready;
  const result = await computeProfitability(engine, await loadCostModel(join(dir, 'cost-model.yaml')));
  const t = (await profitBy(engine, result.customers, 'age_band', { currency: result.model.currency })).tables[0]!;
  const p = result.customers;
  const expected = recount(p.customerId, column('age_band'), p.profit);
  const losses = recount(
    p.customerId,
    column('age_band'),
    Array.from(p.profit, (v) => (v < 0 ? 1 : 0)),
  );
  assert.ok(expected.has('unknown'));
  for (const [level, c] of expected) {
    assert.equal(cell(t, level, 'customers'), c.n, level);
    assertClose(cell(t, level, 'profit_total'), c.sum, 1e-9, `profit of ${level}`, true); // relative: sums in another order
    assert.equal(cell(t, level, 'unprofitable_total'), losses.get(level)!.sum, `unprofitable in ${level}`);
  }
  assertClose(cell(t, 'all', 'profit_total'), result.totals.profit, 1e-9, 'all = the report total', true); // relative: sums in another order
});

test('cohorts by device: cohort sizes and revenue per level recounted from the first purchase month', async () => {
  await ready;
  const r = await cohortReport(engine, { by: 'month', dimension: 'device' });
  const device = column('device');
  const size = new Map<string, number>(),
    revenue = new Map<string, number>();
  for (const [id, o] of orders) {
    if (o.day === '9999') continue;
    const key = `${device(id)}|${o.day.slice(0, 7)}`;
    size.set(key, (size.get(key) ?? 0) + 1);
    revenue.set(device(id), (revenue.get(device(id)) ?? 0) + o.revenue);
  }
  const d = r.byDimension!;
  assert.equal(d.name, 'device');
  assert.equal(d.levels.at(-1)!.level, 'unknown', 'unknown last');
  let checked = 0;
  for (const { level, table } of d.levels) {
    for (const c of table.rows) {
      assert.equal(c.size, size.get(`${level}|${c.cohort}`) ?? 0, `${level} ${c.cohort}`);
      checked++;
    }
    assertClose(table.totals.revenue, revenue.get(level)!, 1e-9, `revenue of ${level}`, true); // relative: sums in another order
  }
  assert.ok(checked > 100, `${checked} cells`);
  assert.equal(
    d.levels.reduce((a, l) => a + l.table.totals.customers, 0),
    r.overall.totals.customers,
    'levels add up to all customers',
  );
});
