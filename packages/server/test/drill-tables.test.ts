// Issue 19: the tables that were drawn only by the terminal or only by the dashboard are core specs
// now: the customer drill-down's profile, purchases and segment history, `cvm migrate`'s row % and
// value moved, `cvm segment`'s RFM cut points and tier × lifecycle grid. Each API CSV is compared
// with the CLI's CSV (same core spec, byte for byte) or with the customer table's own CSV, and each
// table's rows with the JSON the route already served.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { customerPurchasesTable, customerSegmentHistorySpec, rfmCutPointsSpec, SEGMENT_TABLE_NAMES } from '@cvm/core';
import { tableToCsv } from '@cvm/core/report';
import { getJson, ROOT, SAMPLE, sampleApp } from './helpers.js';
import type { ApiCustomer, ApiCustomerSegments, ApiCustomersPage, ApiMigration, ApiSegments } from '@cvm/core/api';

const { app, engine } = await sampleApp();
after(() => engine.close());

/** `cvm ARGS` on the bundled sample (the CLI must be built: npm run build:cli). */
function cvm(...args: string[]): string {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'packages/cli/bin/cvm.js'), args[0]!, SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds', ...args.slice(1)],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const text = async (url: string): Promise<string> => {
  const r = await app.request(url);
  assert.equal(r.status, 200, url);
  assert.match(r.headers.get('content-type') ?? '', /^text\/csv/, url);
  return r.text();
};

test('migration: row % and value moved are core tables; API CSV = `cvm migrate --view` CSV = the JSON tables = the matrix', {
  timeout: 120_000,
}, async () => {
  const q = 'from=1998-03-31&to=1998-06-30&by=tier';
  const { body } = await getJson<ApiMigration>(app, `/api/migration?${q}`);
  assert.ok(body.status === 'ok');
  const x = body.matrix;
  for (const [view, key] of [
    ['row_share', 'rowShare'],
    ['value_moved', 'valueMoved'],
  ] as const) {
    const api = await text(`/api/migration?${q}&format=csv&table=${view}`);
    assert.equal(cvm('migrate', '--from', '1998-03-31', '--to', '1998-06-30', '--view', view, '--format', 'csv'), api, view);
    assert.equal(tableToCsv(body.tables[key]), api, `${view}: the JSON table is the CSV`);
    assert.equal(api.slice(0, api.indexOf('\n')), ['from', ...x.toStates].join(','), `${view}: one column per state on the second day`);
  }
  // independently of the tables: the rows are the matrix's row shares and values on the first day
  assert.deepEqual(
    body.tables.rowShare.rows,
    x.fromStates.map((f, i) => [f, ...x.rowShare[i]!]),
  );
  assert.deepEqual(
    body.tables.valueMoved.rows,
    x.fromStates.map((f, i) => [f, ...x.valueFrom[i]!]),
  );
  for (const r of body.tables.rowShare.rows) {
    const sum = (r.slice(1) as number[]).reduce((a, b) => a + b, 0);
    assert.ok(sum === 0 || Math.abs(sum - 1) < 1e-12, `row ${r[0]} sums to ${sum}`);
  }
  // the terminal prints the same tables, headed by their titles
  const shown = cvm('migrate', '--from', '1998-03-31', '--to', '1998-06-30', '--format', 'table');
  for (const t of [body.tables.rowShare, body.tables.valueMoved]) assert.ok(shown.includes(`\n${t.title}\n`), t.id);
});

test('segments: RFM cut points and tier × lifecycle are core tables; `cvm segment --view rfm_cut_points` CSV = the JSON table', {
  timeout: 120_000,
}, async () => {
  const { body } = await getJson<ApiSegments>(app, '/api/segments');
  assert.ok(body.status === 'ok');
  const t = body.tables;
  // RFM does not depend on the value (CLV or revenue), so the CLI's segmentation as of the same day agrees
  assert.equal(cvm('segment', '--as-of', body.asOf, '--view', 'rfm_cut_points', '--format', 'csv'), tableToCsv(t.rfmCutPoints));
  assert.deepEqual(
    t.rfmCutPoints.columns.map((c) => c.key),
    rfmCutPointsSpec.columns.map((c) => c.key),
  );
  const cp = body.rfm.cutPoints;
  assert.deepEqual(
    t.rfmCutPoints.rows,
    cp.recency.map((r, i) => {
      const f = cp.frequency[i]!,
        m = cp.monetary[i]!;
      return [r.score, r.min, r.max, r.count, f.min, f.max, f.count, m.min, m.max, m.count];
    }),
  );
  // the grid: each row's cells add up to the tier's customers and value share; every customer counted once
  const stages = body.lifecycle.stages.map((s) => s.name);
  assert.deepEqual(
    t.tierLifecycle.columns.map((c) => c.key),
    ['tier', ...stages, 'total'],
  );
  body.tiers.forEach((tier, i) => {
    const counts = t.tierLifecycle.rows[i]!,
      shares = t.tierLifecycleValue.rows[i]!;
    assert.equal(counts[0], tier.name);
    assert.equal(counts.at(-1), tier.count, `${tier.name}: customers`);
    assert.ok(Math.abs((shares.at(-1) as number) - tier.valueShare) < 1e-12, `${tier.name}: value share`);
    stages.forEach((s, j) =>
      assert.equal(
        counts[j + 1],
        body.tierByLifecycle.find((g) => g.row === tier.name && g.column === s)?.count ?? 0,
        `${tier.name} × ${s}`,
      ),
    );
  });
  // the CLI's grid (tiers by historic revenue there) has the same shape and adds up to every customer
  const cli = cvm('segment', '--as-of', body.asOf, '--view', 'tier_lifecycle', '--format', 'csv').trimEnd().split('\n');
  assert.equal(cli[0], ['tier', ...stages, 'total'].join(','));
  assert.equal(
    cli.slice(1).reduce((a, line) => a + Number(line.split(',').at(-1)), 0),
    body.customers,
  );
});

test('drill-down: the profile CSV is the customer table CSV of that customer; purchases and history CSVs are their JSON tables', {
  timeout: 120_000,
}, async () => {
  const id = '1';
  const { body: c } = await getJson<ApiCustomer>(app, `/api/customers/${id}`);
  assert.ok(c.status === 'ok');
  // every column of the customer table, in its order (a dropped column fails here)
  const { body: page } = await getJson<ApiCustomersPage>(app, '/api/customers?pageSize=1');
  assert.deepEqual(c.tables.profile.columns, page.columns);
  assert.deepEqual(c.tables.profile.columns, c.columns);
  assert.equal(c.tables.profile.rows.length, 1);
  assert.deepEqual(
    c.tables.profile.rows[0],
    c.columns.map((col) => c.customer[col.key] ?? null),
  );
  assert.equal(
    await text(`/api/customers/${id}?format=csv&table=profile`),
    await text(`/api/customers?format=csv&filter=customer_id:eq:${id}`),
  );
  // purchases: the core spec's columns, one row per purchase day of the JSON
  assert.deepEqual(
    c.tables.purchases.columns.map((x) => x.key),
    customerPurchasesTable.columns.map((x) => x.key),
  );
  assert.deepEqual(
    c.tables.purchases.rows,
    c.purchases.map((p) => [p.date, p.amount, p.rows, p.returned]),
  );
  assert.equal(await text(`/api/customers/${id}?format=csv&table=purchases`), tableToCsv(c.tables.purchases));
  // segment history: the core spec's columns, one row per snapshot of the JSON, the rule under it
  const { body: s } = await getJson<ApiCustomerSegments>(app, `/api/customers/${id}/segments`);
  assert.ok(s.status === 'ok');
  const h = s.tables.history;
  assert.deepEqual(h.columns, [...customerSegmentHistorySpec.columns]);
  assert.ok(s.history.length > 0);
  assert.deepEqual(
    h.rows,
    s.history.map((x) => [x.asOf, x.valueTier, x.lifecycleStage, x.rfmSegment, x.rfmCheck, x.r, x.f, x.m, x.value, x.computedAt]),
  );
  assert.equal(h.notes[0], s.rule);
  assert.equal(await text(`/api/customers/${id}/segments?format=csv`), tableToCsv(h));
  // a bad table name is a 400 with the query code, an unknown customer a 404
  assert.equal((await getJson(app, `/api/customers/${id}?format=csv&table=nope`)).status, 400);
  assert.equal((await getJson(app, '/api/customers/nobody?format=csv&table=purchases')).status, 404);
});

test('segments: GET /api/segments?format=csv&table=NAME is the JSON table of that name; tables that do not depend on the value basis equal `cvm segment --view NAME`', {
  timeout: 300_000,
}, async () => {
  const { body } = await getJson<ApiSegments>(app, '/api/segments');
  assert.ok(body.status === 'ok');
  const key = {
    rfm_cut_points: 'rfmCutPoints',
    rfm: 'rfm',
    tiers: 'tiers',
    lifecycle: 'lifecycle',
    tier_lifecycle: 'tierLifecycle',
    tier_lifecycle_value: 'tierLifecycleValue',
  } as const;
  const same: string[] = [];
  for (const name of SEGMENT_TABLE_NAMES) {
    const api = await text(`/api/segments?format=csv&table=${name}`);
    assert.equal(tableToCsv(body.tables[key[name]]), api, `${name}: the JSON table is the CSV`);
    assert.ok(api.split('\n').length > 2, `${name}: a header and rows`);
    if (cvm('segment', '--view', name, '--format', 'csv') === api) same.push(name);
  }
  // the dashboard's tiers are by predicted CLV and its lifecycle uses P(alive) (as in cvm report); cvm segment's tiers are by net revenue to date
  assert.deepEqual(
    same,
    ['rfm_cut_points', 'rfm'],
    'the RFM tables equal cvm segment; tiers and lifecycle (P(alive)) come from the models here',
  );
  const micro = await getJson<{ table: Parameters<typeof tableToCsv>[0] }>(app, '/api/segments/micro');
  assert.equal(tableToCsv(micro.body.table), await text('/api/segments/micro?format=csv'), 'micro: the JSON table is the CSV');
  const bad = await getJson<{ error: { code: string } }>(app, '/api/segments?format=csv&table=nope');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'bad_query');
});
