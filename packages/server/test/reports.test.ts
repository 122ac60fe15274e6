// The report routes wired to the core (profitability, cohorts, migration, micro-segments, predicted
// CLV, the customer drill-down's P(alive) and segment history) through app.request(), each compared
// with the core function called directly on the same workspace; and the DNS-rebinding defence.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  cohortReport,
  computeProfitability,
  loadCostModel,
  microSegmentsOf,
  migrateSnapshots,
  openWorkspace,
  profitabilityReport,
  runModelsWithScores,
  runOverview,
  segmentAsOf,
  segmentWithScores,
  withMix,
} from '@cvm/core';
import { createApp, startServer } from '../src/index.js';
import { writeFileSync } from 'node:fs';
import { getJson, ROOT, SAMPLE, sampleApp, tempDir } from './helpers.js';
import { tableToCsv } from '@cvm/core/report';
import type {
  ApiClv,
  ApiCohortTable,
  ApiCustomerSegments,
  ApiMicroSegments,
  ApiMigration,
  ApiOk,
  ApiProfitability,
  ApiSegments,
} from '@cvm/core/api';

type MicroSegment = ApiOk<ApiMicroSegments>['segments'][number];

const COSTS = join(ROOT, 'data/cdnow/cost-model.example.yaml');
const { app, engine } = await sampleApp({ costs: COSTS });
after(() => engine.close());

/** Relative closeness; prints input, actual, expected and tolerance when it fails. */
const close = (actual: number, expected: number, tol: number, what: string): void =>
  assert.ok(
    Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what}: actual ${actual}, expected ${expected}, tolerance ${tol} (relative)`,
  );

/** Deep equality with numbers compared by `close`. */
function deepClose(actual: unknown, expected: unknown, tol: number, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    close(actual, expected, tol, path);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${path}: length`);
    expected.forEach((e, i) => deepClose((actual as unknown[])[i], e, tol, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.deepEqual(Object.keys(actual as object).sort(), Object.keys(expected).sort(), `${path}: keys`);
    for (const [k, e] of Object.entries(expected)) deepClose((actual as Record<string, unknown>)[k], e, tol, `${path}.${k}`);
    return;
  }
  assert.equal(actual, expected, path);
}

test("profitability: the route's whale curve, matrix, tiers and losers equal profitabilityReport on the same cost model", async () => {
  const { status, body } = await getJson(app, '/api/profitability');
  assert.equal(status, 200);
  assert.equal(body.status, 'ok');
  const result = await computeProfitability(engine, await loadCostModel(COSTS));
  const report = profitabilityReport(result, { unprofitableLimit: 100 });
  assert.equal(body.whale.peakPctOfTotal, report.whale.peakPctOfTotal);
  assert.equal(body.whale.profitDestroyed, report.whale.profitDestroyed);
  assert.equal(body.whale.unprofitableShare, report.whale.unprofitableShare);
  assert.equal(body.totals.profit, result.totals.profit);
  assert.deepEqual(body.matrix.quadrants, report.matrix.quadrants);
  assert.equal(body.matrix.assignment, undefined);
  assert.deepEqual(body.byTier, JSON.parse(JSON.stringify(report.byTier)));
  assert.equal(body.unprofitable.count, report.unprofitable.count);
  assert.equal(body.unprofitable.customers.length, 100);
  assert.equal(body.unprofitable.customers[0].customerId, report.unprofitable.customers[0]!.customerId);
  // CDNOW sample with the example cost model: the printed `cvm profit` figures.
  assert.equal(body.whale.customers, 2357);
  assert.equal(body.currency, 'USD');
  assert.ok(body.rules.matrix.includes('median'));
});

test('profitability: overview carries total profit; CSV tables; no cost model answers not_computed', async () => {
  const o = await getJson(app, '/api/overview');
  const p = await getJson(app, '/api/profitability');
  assert.equal(o.body.profit.status, 'ok');
  assert.equal(o.body.profit.value, p.body.totals.profit);
  const csv = await (await app.request('/api/profitability?format=csv&table=pnl')).text();
  const lines = csv.trimEnd().split('\n');
  assert.equal(lines.length, 2357 + 1);
  const profitCol = lines[0]!.split(',').indexOf('profit');
  const sum = lines.slice(1).reduce((a, l) => a + Number(l.split(',')[profitCol]), 0);
  close(sum, p.body.totals.profit, 1e-9, 'sum of P&L CSV profit');
  const tiers = await (await app.request('/api/profitability?format=csv&table=by_tier')).text();
  assert.equal(tiers.trimEnd().split('\n').length, p.body.byTier.length + 1);
  const bad = await getJson(app, '/api/profitability?table=secrets');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'bad_query');
  const plain = await sampleApp();
  const none = await getJson(plain.app, '/api/profitability');
  assert.equal(none.body.status, 'not_computed');
  assert.match(none.body.reason, /--costs/);
  await plain.engine.close();
});

test('profitability: the P&L, unprofitable and whale tables are one spec: API CSV = `cvm profit --view V` CSV byte for byte = the JSON tables; numbers re-derived from the P&L rows', async () => {
  const p = await getJson<ApiProfitability>(app, '/api/profitability');
  assert.ok(p.body.status === 'ok');
  const api = p.body;
  const csvOf = async (table: string) => (await app.request(`/api/profitability?format=csv&table=${table}`)).text();
  const FLAGS = ['--customer-col', 'sampleid', '--quantity-col', 'cds', '--costs', COSTS, '--format', 'csv'];
  const csv: Record<string, string> = {};
  // the CLI's view → the API's table (the same core spec)
  const VIEWS = { pnl: 'pnl', unprofitable: 'unprofitable', whale: 'whale', pools: 'pools', matrix: 'quadrants', tier: 'by_tier' };
  for (const [view, table] of Object.entries(VIEWS)) {
    csv[view] = await csvOf(table);
    const cli = spawnSync(process.execPath, [join(ROOT, 'packages/cli/bin/cvm.js'), 'profit', SAMPLE, ...FLAGS, '--view', view], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
      maxBuffer: 64 << 20,
    });
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(cli.stdout, csv[view], `cvm profit --view ${view} --format csv and GET /api/profitability?format=csv&table=${table}`);
  }
  // the JSON's tables are the CSVs' rows with their column metadata; the P&L CSV's columns are pnlColumns
  assert.equal(tableToCsv(api.tables.unprofitable), csv.unprofitable);
  assert.equal(tableToCsv(api.tables.whale), csv.whale);
  assert.equal(tableToCsv(api.tables.pools), csv.pools);
  assert.equal(tableToCsv(api.tables.matrix), csv.matrix);
  assert.equal(tableToCsv(api.tables.byTier), csv.tier);
  assert.equal(api.tables.byChannel, null, 'the CDNOW sample has no channel column');
  // the CSV headers the CLI has always written (machine keys stay; the labels are for people)
  assert.equal(csv.pools!.split('\n')[0], 'pool,driver,cost,volume,unit,rate_per_unit,assigned,unassigned,unassigned_reason');
  assert.equal(
    csv.tier!.split('\n')[0],
    'value_tier,customers,net_revenue,product_cost,cost_to_serve,profit,profit_per_customer,margin_pct,cost_to_serve_pct,unprofitable_share',
  );
  // the JSON's pools, tiers and quadrants are the tables' rows (nothing computed twice)
  assert.deepEqual(
    api.tables.byTier.rows.map((r) => r.slice(0, 2)),
    api.byTier.map((g) => [g.group, g.customers]),
  );
  assert.deepEqual(
    api.tables.matrix.rows.map((r) => [r[0], r[2], r[6]]),
    api.matrix.quadrants.map((q) => [q.label, q.customers, q.profit]),
  );
  assert.deepEqual(
    api.tables.pools.rows.map((r) => [r[0], r[2], r[6]]),
    api.pools.map((p) => [p.name, p.cost, p.assigned]),
  );
  // the remedy column keeps its codes for machines and names them in words for people (declared once in core)
  const remedy = api.tables.unprofitable.columns.find((c) => c.key === 'remedy')!;
  assert.deepEqual(remedy.codes, api.remedyLabels);
  assert.equal(api.remedyLabels.re_pricing, 'Re-pricing');
  assert.equal(csv.pnl!.slice(0, csv.pnl!.indexOf('\n')), api.pnlColumns.map((c) => c.key).join(','));
  const header = csv.unprofitable!.slice(0, csv.unprofitable!.indexOf('\n')).split(',');
  for (const key of ['top_driver', 'second_driver', 'remedy', 'detail']) assert.ok(header.includes(key), `unprofitable has ${key}`);

  // Independent derivation from the P&L rows (plain arithmetic in cents, nothing from the core's tables)
  const lines = csv.pnl!.trimEnd().split('\n');
  const keys = lines[0]!.split(',');
  const pools = keys.filter((k) => k.startsWith('cost_') && k !== 'cost_to_serve');
  assert.equal(pools.length, api.pools.length);
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, j) => [keys[j]!, v])));
  assert.equal(rows.length, 2357);
  const cents = (v: string | undefined): number => Math.round(Number(v) * 100);
  for (const x of rows) {
    assert.equal(cents(x.gross_revenue) - cents(x.returns_value), cents(x.net_revenue), `net revenue of ${x.customer_id}`);
    assert.equal(cents(x.net_revenue) - cents(x.product_cost), cents(x.gross_margin), `gross margin of ${x.customer_id}`);
    assert.equal(
      pools.reduce((a, k) => a + cents(x[k]), 0),
      cents(x.cost_to_serve),
      `cost lines of ${x.customer_id}`,
    );
    assert.equal(cents(x.gross_margin) - cents(x.cost_to_serve), cents(x.profit), `profit of ${x.customer_id}`);
  }
  // unprofitable: profit < 0, most loss-making first (ties in P&L order), the first 100; order value in whole cents;
  // the two largest cost pools with their share of cost-to-serve
  const losers = rows.filter((x) => cents(x.profit) < 0);
  assert.equal(api.unprofitable.count, losers.length);
  const listed = losers
    .map((x, i) => ({ x, i }))
    .sort((a, b) => cents(a.x.profit) - cents(b.x.profit) || a.i - b.i)
    .slice(0, 100)
    .map(({ x }) => {
      const drivers = pools
        .map((k, j) => ({ name: api.pools[j]!.name, c: cents(x[k]) }))
        .filter((d) => d.c > 0)
        .sort((a, b) => b.c - a.c);
      const share = (d: { name: string; c: number } | undefined) =>
        d ? `${d.name} ${((100 * d.c) / cents(x.cost_to_serve)).toFixed(0)}%` : '';
      return [
        x.customer_id,
        cents(x.net_revenue) / 100,
        cents(x.gross_margin) / 100,
        cents(x.cost_to_serve) / 100,
        cents(x.profit) / 100,
        Number(x.orders),
        Math.round(cents(x.net_revenue) / Number(x.orders)) / 100,
        share(drivers[0]),
        share(drivers[1]),
      ];
    });
  assert.deepEqual(
    api.tables.unprofitable.rows.map((r) => r.slice(0, 9)),
    listed,
  );
  // whale: profits ranked from most to least profitable, cumulative in cents, at 101 evenly spaced shares of customers
  const ranked = rows.map((x) => cents(x.profit)).sort((a, b) => b - a);
  const cumulative = [0];
  for (const c of ranked) cumulative.push(cumulative.at(-1)! + c);
  const total = cumulative.at(-1)!;
  assert.equal(total / 100, api.totals.profit);
  assert.equal(api.tables.whale.rows.length, 101);
  api.tables.whale.rows.forEach((r, q) => {
    const k = Math.round((q / 100) * ranked.length);
    assert.deepEqual(r.slice(0, 3), [k / ranked.length, k, cumulative[k]! / 100], `whale point ${q}`);
    close(r[3] as number, (100 * cumulative[k]!) / total, 1e-12, `whale point ${q}: % of total profit`);
  });
});

test("profitability: an unreadable cost model is a JSON error with the core's code", async () => {
  const bad = await sampleApp({ costs: join(ROOT, 'no-such-cost-model.yaml') });
  const r = await getJson(bad.app, '/api/profitability');
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'cost_model_unreadable');
  await bad.engine.close();
});

test('cohorts: the route is the core CohortReport for the chosen bucket and mode; CSV is the long table', async () => {
  const { status, body } = await getJson(app, '/api/cohorts?by=quarter&mode=in_or_after');
  assert.equal(status, 200);
  const r = await cohortReport(engine, { by: 'quarter', mode: 'in_or_after' });
  // DuckDB sums in parallel, so the last digits of revenue may differ between two runs.
  deepClose(body.overall, JSON.parse(JSON.stringify(r.overall)), 1e-12, 'overall');
  assert.equal(body.by, 'quarter');
  assert.equal(body.mode, 'in_or_after');
  const month = await getJson(app, '/api/cohorts');
  assert.equal(month.body.by, 'month');
  assert.equal(month.body.overall.totals.customers, 2357);
  assert.equal(month.body.overall.rows.length, 3); // the sample's customers all start in Jan–Mar 1997
  const csv = (await (await app.request('/api/cohorts?format=csv')).text()).trimEnd().split('\n');
  assert.equal(
    csv.length - 1,
    month.body.overall.rows.reduce((a: number, c: ApiCohortTable['rows'][number]) => a + c.observed, 0),
  );
  // the triangles the page draws and `cvm cohorts --metric M` prints: cohorts down, +k across, the average row last
  const o = month.body.overall as ApiCohortTable;
  const tri = month.body.tables.retention;
  assert.deepEqual(
    tri.columns.slice(0, 3).map((c: { key: string; label: string }) => [c.key, c.label]),
    [
      ['cohort', 'cohort'],
      ['customers', 'customers'],
      ['period_0', '+0'],
    ],
  );
  assert.equal(tri.columns.length, 2 + o.average.customers.length);
  assert.deepEqual(
    tri.rows.map((row: unknown[]) => row.slice(0, 2)),
    [...o.rows.map((c) => [c.cohort, c.size]), ['weighted avg', o.totals.customers]],
  );
  o.rows.forEach((c, i) => {
    const cells = tri.rows[i].slice(2);
    // observed periods carry the cohort's retention, the rest are empty (null), never 0
    assert.deepEqual(cells.slice(0, c.observed), c.retention.slice(0, c.observed), c.cohort);
    assert.ok(
      cells.slice(c.observed).every((v: unknown) => v === null),
      c.cohort,
    );
  });
  assert.deepEqual(tri.rows.at(-1).slice(2), o.average.retention);
  assert.equal(month.body.tables.cumulative.columns[2].kind, 'money');
  const bad = await getJson(app, '/api/cohorts?by=year');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'bad_query');
});

test('migration: defaults to the last two quarter ends; matrix equals migrateSnapshots; snapshots stored once', {
  timeout: 60_000,
}, async () => {
  const { status, body } = await getJson(app, '/api/migration');
  assert.equal(status, 200);
  assert.equal(body.from, '1998-03-31');
  assert.equal(body.to, '1998-06-30');
  assert.deepEqual(body.quarterEnds, ['1997-03-31', '1997-06-30', '1997-09-30', '1997-12-31', '1998-03-31', '1998-06-30']);
  const direct = await migrateSnapshots(engine, { from: '1998-03-31', to: '1998-06-30', dimension: 'value_tier' });
  assert.deepEqual(body.matrix, direct.matrix);
  assert.deepEqual(body.markov.value, direct.markov.value);
  assert.equal(body.downgrades.count, direct.downgrades.length);
  // Independent: the row totals are the tier counts of a segmentation as of the first day.
  const seg = await segmentAsOf(engine, { asOf: '1998-03-31' });
  for (const t of seg.tiers.tiers) assert.equal(body.fromCounts[t.name], t.count, t.name);
  assert.equal(
    body.moved + body.stayed,
    body.matrix.rowTotals.reduce((a: number, b: number) => a + b, 0),
  );
  const again = await getJson(app, '/api/migration?from=1998-03-31&to=1998-06-30&by=tier');
  assert.equal(again.body.fromComputedAt, body.fromComputedAt);
  const life = await getJson(app, '/api/migration?from=1997-12-31&to=1998-06-30&by=lifecycle');
  assert.equal(life.body.dimension, 'lifecycle_stage');
  assert.ok(life.body.matrix.fromStates.includes('active'));
  const csv = (await (await app.request('/api/migration?format=csv&table=downgrades')).text()).trimEnd().split('\n');
  assert.equal(csv.length - 1, body.downgrades.count);
  // A second server over the same workspace reuses the stored (fresh) snapshots.
  const second = createApp(engine, { webDir: null });
  const reused = await getJson(second, '/api/migration');
  assert.deepEqual(
    reused.body.snapshots.map((s: ApiOk<ApiMigration>['snapshots'][number]) => s.source),
    ['stored', 'stored'],
  );
});

test('migration: the cells, Markov and downgrade tables are one spec: API CSV = `cvm migrate` CSV byte for byte = the JSON tables', {
  timeout: 120_000,
}, async () => {
  const q = 'from=1998-03-31&to=1998-06-30&by=tier';
  const p = await getJson<ApiMigration>(app, `/api/migration?${q}`);
  assert.ok(p.body.status === 'ok');
  const api = p.body;
  const csvOf = async (table: string) => (await app.request(`/api/migration?${q}&format=csv&table=${table}`)).text();
  const cli = spawnSync(
    process.execPath,
    [
      join(ROOT, 'packages/cli/bin/cvm.js'),
      'migrate',
      SAMPLE,
      '--customer-col',
      'sampleid',
      '--quantity-col',
      'cds',
      '--from',
      '1998-03-31',
      '--to',
      '1998-06-30',
      '--format',
      'csv',
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
  );
  assert.equal(cli.status, 0, cli.stderr);
  const cells = await csvOf('cells');
  assert.equal(cli.stdout, cells, 'cvm migrate --format csv and GET /api/migration?format=csv&table=cells');
  assert.equal(cells.slice(0, cells.indexOf('\n')), 'from_state,to_state,customers,row_share,value_from,value_to');
  // the non-empty cells of the JSON's matrix, independently
  const x = api.matrix;
  const nonEmpty = x.counts.flat().filter((n) => n > 0).length;
  assert.equal(cells.trimEnd().split('\n').length - 1, nonEmpty);
  // the JSON's tables are the CSVs (the Markov table whole, the downgrades as the first rows of the CSV)
  assert.equal(tableToCsv(api.tables.markov), await csvOf('markov'));
  const down = await csvOf('downgrades');
  assert.equal(
    tableToCsv(api.tables.downgrades),
    down
      .split('\n')
      .slice(0, api.downgrades.shown + 1)
      .join('\n') + '\n',
  );
  assert.deepEqual(
    api.tables.markov.columns.map((c) => c.key),
    ['state', 'revenue_per_customer_per_period', 'expected_value', 'historic_value'],
  );
  assert.deepEqual(
    api.tables.markov.rows.map((r) => r[2]),
    api.markov.value,
  );
  // the counts table the page and the terminal draw: the matrix's counts with row totals
  assert.deepEqual(
    api.tables.transitions.rows,
    x.fromStates.map((f, i) => [f, ...x.counts[i]!, x.rowTotals[i]]),
  );
  // stages keep their codes for machines, in words for people
  const stage = api.tables.downgrades.columns.find((c) => c.key === 'to_stage')!;
  assert.equal(stage.codes?.at_risk, 'at risk');
});

test('segments: the RFM segments, tiers and stages are the core tables `cvm segment` prints; their rows are the JSON counts', async () => {
  const { body } = await getJson<ApiSegments>(app, '/api/segments');
  assert.ok(body.status === 'ok');
  const t = body.tables;
  assert.deepEqual(
    t.rfm.rows.map((r) => [r[0], r[1], r[2]]),
    body.rfm.segments.map((x) => [x.name, x.count, x.share]),
  );
  assert.deepEqual(
    t.tiers.rows.map((r) => [r[0], r[1], r[3]]),
    body.tiers.map((x) => [x.name, x.count, x.value]),
  );
  assert.deepEqual(
    t.lifecycle.rows.map((r) => [r[0], r[1]]),
    body.lifecycle.stages.map((x) => [x.name, x.count]),
  );
  // the stages' counts add up to every customer; the tier column names which tiers (issue 20)
  assert.equal(
    t.lifecycle.rows.reduce((a, r) => a + (r[1] as number), 0),
    body.customers,
  );
  assert.equal(t.tiers.columns[0]!.label, body.valueKind === 'clv' ? 'CLV tier' : 'Revenue tier');
  assert.deepEqual(t.lifecycle.notes, body.lifecycle.rules);
  // the terminal prints the same tables: `cvm segment --format table` headed by the same labels
  const cli = spawnSync(
    process.execPath,
    [join(ROOT, 'packages/cli/bin/cvm.js'), 'segment', SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds', '--format', 'table'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
  );
  assert.equal(cli.status, 0, cli.stderr);
  for (const table of [t.rfm, t.lifecycle])
    assert.match(cli.stdout, new RegExp(`\n${table.columns.map((c) => c.label).join(' +')}\n`), `${table.id} headed by its labels`);
});

test('migration: bad dates and order are 400 with codes', async () => {
  for (const [url, code] of [
    ['/api/migration?from=1998-02-30&to=1998-06-30', 'bad_query'],
    ['/api/migration?from=1998-06-30&to=1998-03-31', 'bad_period_order'],
    ['/api/migration?by=colour', 'bad_query'],
  ] as const) {
    const r = await getJson(app, url);
    assert.equal(r.status, 400, url);
    assert.equal(r.body.error.code, code, url);
  }
});

test('micro-segments: the profiles of microSegmentsOf on the current segmentation (tiers by predicted CLV), with rule and computedAt', async () => {
  const { status, body } = await getJson(app, '/api/segments/micro');
  assert.equal(status, 200);
  // independently: the pipeline's models on the same summary (the app's default validation day), then the segmentation with those scores
  const { summary } = await runOverview(engine, [], {}, {});
  const { scores } = await runModelsWithScores(engine, summary, { period: summary.period });
  assert.ok(scores, 'a model can be trusted on CDNOW');
  // the segmentation leaves the product and channel mix out (issue 12); micro-segments read it first
  const lean = await segmentWithScores(engine, { asOf: summary.calibrationEnd, scores, summary });
  assert.throws(() => microSegmentsOf(lean), /withMix/);
  const seg = await withMix(engine, lean, summary);
  assert.equal(seg.valueKind, 'clv');
  const { body: segments } = await getJson(app, '/api/segments');
  assert.equal(segments.valueKind, 'clv');
  assert.deepEqual(
    segments.tiers.map((t: ApiSegments['tiers'][number]) => [t.name, t.count]),
    seg.tiers.tiers.map((t) => [t.name, t.count]),
  );
  const micro = microSegmentsOf(seg);
  // the table `cvm segment` prints: one row per profile, the shares as fractions, the typical customer from the medians
  assert.deepEqual(
    body.table.rows.map((r: unknown[]) => r.slice(0, 4)),
    micro.segments.map((s) => [s.label, s.size, s.stageShare, s.valueShare]),
  );
  assert.equal(body.table.rows[0][5].split(', ').length, micro.features.length);
  assert.deepEqual(
    body.segments.map((s: MicroSegment) => [s.label, s.size, s.description]),
    micro.segments.map((s) => [s.label, s.size, s.description]),
  );
  assert.equal(
    body.segments.reduce((a: number, s: MicroSegment) => a + s.size, 0),
    2357,
  );
  assert.ok(body.rule.includes('k-means') && body.computedAt && body.asOf === '1998-06-30');
  assert.ok(body.segments.every((s: MicroSegment) => s.profile.length === body.features.length));
});

test("predicted CLV: per-customer scores add up to the models report's total; the top customers match", { timeout: 120_000 }, async () => {
  const { body: clv } = await getJson(app, '/api/value/clv');
  const {
    body: { models },
  } = await getJson(app, '/api/models');
  close(clv.total, models.totalClv, 1e-12, 'total CLV');
  assert.equal(
    clv.histogram.reduce((a: number, b: ApiClv['histogram'][number]) => a + b.customers, 0),
    2357,
  );
  assert.deepEqual(
    clv.concentration.map((p: ApiClv['concentration'][number]) => p.customers),
    [24, 118, 472],
  );
  const top = models.top[0];
  const { body: c } = await getJson(app, `/api/customers/${encodeURIComponent(top.customerId)}/model`);
  close(c.clv.value, top.clv, 1e-12, 'top customer CLV');
  close(c.clv.pAlive, top.pAlive, 1e-12, 'top customer P(alive)');
  assert.match(c.clv.units.horizon, /52 weeks/);
});

test("drill-down: P(alive) over time ends at the model's P(alive) with the summary's (x, tx, T)", { timeout: 120_000 }, async () => {
  for (const id of ['1', '100', '2357']) {
    const { body: customer } = await getJson(app, `/api/customers/${id}`);
    const { body } = await getJson(app, `/api/customers/${id}/model`);
    const s = body.pAlive.series;
    const end = s[s.length - 1];
    assert.equal(end.date, body.calibrationEnd);
    assert.equal(end.x, customer.customer.frequency, id);
    close(end.tx, customer.customer.recency, 1e-12, `${id} recency`);
    close(end.T, customer.customer.T, 1e-12, `${id} T`);
    close(end.pAlive, body.pAlive.now, 1e-12, `${id} P(alive)`);
    assert.equal(s[0].date, customer.customer.first_purchase);
    assert.equal(s[0].pAlive, 1); // on the first purchase day every model says alive
    for (const p of s) assert.ok(p.pAlive >= 0 && p.pAlive <= 1);
  }
});

test('drill-down: segment history by quarter end; the last row is the current segment; why says it in words', {
  timeout: 60_000,
}, async () => {
  const { status, body } = await getJson(app, '/api/customers/1/segments');
  assert.equal(status, 200);
  assert.deepEqual(
    body.history.map((h: ApiCustomerSegments['history'][number]) => h.asOf),
    ['1997-03-31', '1997-06-30', '1997-09-30', '1997-12-31', '1998-03-31', '1998-06-30'],
  );
  const { body: c } = await getJson(app, '/api/customers/1');
  const last = body.history.at(-1);
  assert.deepEqual(
    [last.valueTier, last.lifecycleStage, last.rfmSegment],
    [c.segment.valueTier, c.segment.lifecycleStage, c.segment.rfmSegment],
  );
  assert.match(c.segment.why, new RegExp(`^${c.segment.valueTier}: top|^${c.segment.valueTier}: `));
  assert.match(c.segment.why, /\d+ days since last purchase, \d+\.\d× their usual \d+-day gap/);
});

test('drill-down: the model part of an unknown customer is 404; a failed fit is a JSON error, the summary part still answers', {
  timeout: 120_000,
}, async () => {
  const missing = await getJson(app, '/api/customers/nobody/model');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, 'customer_not_found');
  // A first purchase on the last day (T = 0) makes the models' input invalid (reported to the core).
  const { app: a2, engine: e2 } = await sampleApp();
  const csv = join(tempDir(), 'late.csv');
  writeFileSync(csv, 'who,when,paid\nLATE,1998-06-30,5\n');
  await a2.state.ingest(csv, { mapping: { customer: 'who', date: 'when', amount: 'paid' } });
  const ok = await getJson(a2, '/api/customers/LATE');
  assert.equal(ok.status, 200);
  const model = await getJson(a2, '/api/customers/LATE/model');
  assert.ok(model.status === 200 || (model.status >= 400 && typeof model.body.error.code === 'string'), JSON.stringify(model.body));
  await e2.close();
});

test('host check: a server bound to loopback answers only loopback host names (DNS rebinding)', async () => {
  const guarded = createApp(engine, { webDir: null, allowedHosts: ['127.0.0.1', 'localhost'] });
  const evil = await getJson(guarded, 'http://attacker.example:4173/api/health');
  assert.equal(evil.status, 403);
  assert.equal(evil.body.error.code, 'bad_host');
  assert.equal((await guarded.request('http://127.0.0.1:4173/api/health')).status, 200);
  assert.equal((await guarded.request('http://localhost/api/health')).status, 200);
  const e = await openWorkspace();
  const server = await startServer(e, { port: 0, webDir: null });
  try {
    const get = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: '/api/health', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    assert.equal(await get('rebound.attacker.example'), 403);
    assert.equal(await get(`127.0.0.1:${server.port}`), 200);
    assert.equal(await get(`localhost:${server.port}`), 200);
  } finally {
    await server.close();
    await e.close();
  }
});
