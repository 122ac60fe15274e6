// The JSON API through app.request(), no port: the bundled CDNOW sample, the numbers of the core's
// report objects, paging/sorting/filtering in SQL, CSV downloads, errors with the core's codes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { predictCustomers, predictionIntervals, runOverview, summarize } from '@cvm/core';
import { getJson, sampleApp } from './helpers.js';
import type { ApiCustomersPage, ApiSegments, ApiValue } from '@cvm/core/api';
import type { Cell, ReportColumn } from '@cvm/core/report';

const { app, engine } = await sampleApp();
after(() => engine.close());

test('overview is the core OverviewReport (same numbers as cvm report); profit not computed without a cost model', async () => {
  const { status, body } = await getJson(app, '/api/overview');
  assert.equal(status, 200);
  const { report } = await runOverview(engine, [], {}, {});
  for (const k of [
    'customers',
    'transactions',
    'purchaseDays',
    'grossRevenue',
    'netRevenue',
    'repeatBuyers',
    'repeatBuyerShare',
    'calibrationEnd',
    'period',
  ] as const) {
    assert.deepEqual(body.overview[k], report[k], k);
  }
  assert.equal(body.overview.customers, 2357);
  assert.equal(body.overview.repeatBuyers, 1139);
  assert.deepEqual(body.overview.dateRange, { first: '1997-01-01', last: '1998-06-30' });
  assert.equal(body.profit.status, 'not_computed');
  assert.match(body.profit.reason, /--costs FILE/);
  assert.equal(body.predictedClv.route, '/api/models');
  assert.ok(body.activeShare.value > 0 && body.activeShare.value < 1 && body.activeShare.rule.length > 0);
});

test('customers: one page of the summary, sorted by net revenue desc by default, total counts all', async () => {
  const { status, body } = await getJson(app, '/api/customers?pageSize=25');
  assert.equal(status, 200);
  assert.equal(body.total, 2357);
  assert.equal(body.rows.length, 25);
  assert.equal(body.pages, Math.ceil(2357 / 25));
  const j = body.columns.findIndex((c: ReportColumn) => c.key === 'net_revenue');
  for (let i = 1; i < body.rows.length; i++) assert.ok(body.rows[i - 1][j] >= body.rows[i][j]);
  assert.equal(body.columns.find((c: ReportColumn) => c.key === 'recency').unit, 'weeks');
});

test('customers: pages do not overlap and cover the table (ties broken by id order)', async () => {
  const seen = new Set<string>();
  for (let page = 1; page <= 5; page++) {
    const { body } = await getJson(app, `/api/customers?pageSize=500&page=${page}&sort=frequency&dir=asc`);
    for (const r of body.rows) {
      assert.ok(!seen.has(r[0]), `customer ${r[0]} on two pages`);
      seen.add(r[0]);
    }
  }
  assert.equal(seen.size, 2357);
});

test('customers: filters (AND) and id search are applied in SQL; total is the filtered count', async () => {
  const { body } = await getJson(app, '/api/customers?filter=frequency:gte:5&filter=net_revenue:lt:200&pageSize=1000');
  const f = body.columns.findIndex((c: ReportColumn) => c.key === 'frequency');
  const n = body.columns.findIndex((c: ReportColumn) => c.key === 'net_revenue');
  assert.ok(body.total > 0 && body.total === body.rows.length);
  for (const r of body.rows) assert.ok(r[f] >= 5 && r[n] < 200);
  const [{ k }] = await engine.rows<{ k: number }>(`SELECT count(*) AS k FROM cvm_customers WHERE frequency >= 5 AND net_revenue < 200`);
  assert.equal(body.total, k);
  const search = await getJson(app, '/api/customers?q=235&pageSize=100');
  assert.ok(search.body.rows.every((r: Cell[]) => String(r[0]).includes('235')));
  assert.ok(search.body.rows.some((r: Cell[]) => r[0] === '2357'));
});

test('customers: bad query parameters answer 400 with a code and the allowed values', async () => {
  const cases: [string, string][] = [
    ['/api/customers?pageSize=0', 'bad_query'],
    ['/api/customers?pageSize=100000', 'bad_query'],
    ['/api/customers?page=abc', 'bad_query'],
    ['/api/customers?sort=password', 'bad_sort'],
    ['/api/customers?dir=sideways', 'bad_query'],
    ['/api/customers?filter=frequency', 'bad_query'],
    ['/api/customers?filter=frequency:gte:many', 'bad_filter'],
    ["/api/customers?filter=x'; DROP TABLE transactions; --:eq:1", 'bad_query'],
    ['/api/customers?filter=nope:eq:1', 'bad_filter'],
    // limits declared once in core (NUMERIC_LIMITS): the CLI's code and sentence
    ['/api/breakdowns?report=segments&by=channel&bands=1', 'bad_bands'],
    ['/api/breakdowns?report=segments&by=channel&bands=2.5', 'bad_bands'],
    ['/api/loyalty?horizon=0', 'bad_horizon'],
  ];
  for (const [url, code] of cases) {
    const { status, body } = await getJson(app, url);
    assert.equal(status, 400, url);
    assert.equal(body.error.code, code, url);
    assert.ok(body.error.message.length > 10);
  }
  const bands = await getJson(app, '/api/breakdowns?report=segments&by=channel&bands=30');
  assert.equal(
    bands.body.error.message,
    'bands must be a number of quantile bands of a numeric attribute, a whole number from 2 to 20; got "30"',
  );
  const still = await getJson(app, '/api/overview');
  assert.equal(still.body.overview.transactions, 6919);
});

test('customers CSV: the whole filtered, sorted table, header first', async () => {
  const res = await app.request('/api/customers?format=csv&sort=customer_id&dir=asc');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="customers.csv"/);
  const lines = (await res.text()).trimEnd().split('\n');
  assert.equal(lines.length, 2357 + 1);
  // the summary's columns, then every score: model outputs and segment labels
  assert.equal(
    lines[0],
    'customer_id,frequency,recency,T,monetary_value,first_purchase,last_purchase,transactions,total_revenue,returns,returns_value,net_revenue,p_alive,expected_purchases,expected_spend,clv,clv_lo,clv_hi,value_tier,lifecycle_stage,rfm_segment,rfm_check,rfm_score,r_score,f_score,m_score,' +
      // issue 12: the retention scores
      'churn_risk,p_return,p_return_before,p_alive_before,p_alive_change,days_silent,rhythm_days,overdue,next_purchase,next_purchase_lo,next_purchase_hi,value_if_alive,value_at_risk,retention_list,retention_reason',
  );
  // each row's CLV is the model's score for that customer (the same arrays the reports used)
  const m = await app.state.models();
  assert.ok(m.status === 'ok', 'the models run on CDNOW');
  const at = new Map<string, number>(m.scores.customerId.map((id, i) => [id, i]));
  for (const line of lines.slice(1, 50)) {
    const cells = line.split(',');
    const i = at.get(cells[0]!)!;
    assert.ok(
      Math.abs(Number(cells[15]) - m.scores.clv[i]!) <= 1e-9 * Math.max(1, m.scores.clv[i]!),
      `customer ${cells[0]} clv ${cells[15]} vs ${m.scores.clv[i]}`,
    );
  }
  const filtered = await (await app.request('/api/customers?format=csv&filter=frequency:gte:10')).text();
  const { body } = await getJson(app, '/api/customers?filter=frequency:gte:10');
  assert.equal(filtered.trimEnd().split('\n').length, body.total + 1);
});

test('customer drill-down: summary row, purchase days, segment with a reason; unknown id is 404', async () => {
  const { status, body } = await getJson(app, '/api/customers/1');
  assert.equal(status, 200);
  assert.equal(body.customer.customer_id, '1');
  assert.equal(body.customer.frequency, 3);
  assert.equal(body.purchases.length, 4);
  assert.equal(body.purchases[0].date, '1997-01-01');
  assert.equal(body.model.route, '/api/customers/1/model');
  assert.match(body.segment.why, /days since last purchase/);
  const missing = await getJson(app, '/api/customers/' + encodeURIComponent('<script>alert(1)</script>'));
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, 'customer_not_found');
});

test('value: concentration of historic net revenue equals the summary sums', async () => {
  const { body } = await getJson(app, '/api/value');
  assert.equal(body.valueKind, 'historic');
  assert.deepEqual(
    body.concentration.map((p: ApiValue['concentration'][number]) => p.customers),
    [24, 118, 472],
  );
  const { summary } = await app.state.overview();
  const sorted = Array.from(summary.netRevenue).sort((a, b) => b - a);
  const total = sorted.reduce((a, b) => a + b, 0);
  const top = sorted.slice(0, 24).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(body.concentration[0].valueShare - top / total) < 1e-12);
  assert.equal(body.top.rows.length, 20);
  assert.equal(body.predictedClv.route, '/api/value/clv');
  const last = body.lorenz[body.lorenz.length - 1];
  assert.ok(Math.abs(last.customerShare - 1) < 1e-12 && Math.abs(last.valueShare - 1) < 1e-9);
});

test('segments: each part has its rule and computedAt; counts add up to the customers', async () => {
  const { body } = await getJson(app, '/api/segments');
  assert.equal(body.status, 'ok');
  assert.ok(body.computedAt && body.asOf === '1998-06-30');
  assert.equal(
    body.rfm.segments.reduce((a: number, s: ApiSegments['rfm']['segments'][number]) => a + s.count, 0),
    2357,
  );
  assert.equal(
    body.lifecycle.stages.reduce((a: number, s: ApiSegments['lifecycle']['stages'][number]) => a + s.count, 0),
    2357,
  );
  assert.ok(body.tiers.every((t: ApiSegments['tiers'][number]) => typeof t.rule === 'string' && t.rule.length > 0));
  assert.ok(body.lifecycle.rules.length > 0);
});

test('data: sources with ingest counts; quarantine table; unknown routes are JSON 404', async () => {
  const { body } = await getJson(app, '/api/data/sources');
  assert.equal(body.sources.length, 1);
  assert.equal(body.sources[0].rows_read, 6919);
  assert.equal(body.sources[0].rows_accepted, 6919);
  const q = await getJson(app, '/api/data/quarantine');
  assert.equal(q.body.total, 0);
  const nope = await getJson(app, '/api/reports/nothing');
  assert.equal(nope.status, 404);
  assert.equal(nope.body.error.code, 'no_such_route');
});

test('models: the core ModelsReport with validation, comparison and CLV units', { timeout: 120_000 }, async () => {
  const { status, body } = await getJson(app, '/api/models');
  assert.equal(status, 200);
  const m = body.models;
  assert.ok(m.validation && m.validation.models.length >= 1);
  const t = m.validation.models[0].tracking;
  assert.equal(t.period.length, t.actualCumulative.length);
  assert.ok(m.validation.comparison.rows.length >= 1);
  assert.ok(m.totalClv > 0 && m.units.horizon.length > 0);
  // the top list as the core declares it (`cvm report` prints it): the report's top customers, the horizon and discount as units
  const top = body.top;
  assert.equal(top.id, 'models.top_customers');
  assert.deepEqual(
    top.rows.map((r: unknown[]) => [r[0], r[4]]),
    m.top.map((x: { customerId: string; clv: number }) => [x.customerId, x.clv]),
  );
  const unit = (key: string) => top.columns.find((c: { key: string }) => c.key === key).unit;
  assert.equal(unit('expected_purchases'), m.units.horizon);
  assert.equal(unit('clv'), m.units.discount);
});

test('customers: unfiltered pages cut from the cached order equal the SQL ORDER BY pages', async () => {
  for (const [sort, dir] of [
    ['frequency', 'asc'],
    ['net_revenue', 'desc'],
    ['customer_id', 'asc'],
    ['T', 'desc'],
  ]) {
    for (const page of [1, 7, 48]) {
      const fast = await getJson(app, `/api/customers?sort=${sort}&dir=${dir}&page=${page}&pageSize=50`);
      const sql = await getJson(app, `/api/customers?sort=${sort}&dir=${dir}&page=${page}&pageSize=50&filter=frequency:gte:-1`);
      assert.deepEqual(fast.body.rows, sql.body.rows, `${sort} ${dir} page ${page}`);
      assert.equal(fast.body.total, sql.body.total);
    }
  }
  const beyond = await getJson(app, '/api/customers?page=1000&pageSize=50');
  assert.deepEqual(beyond.body.rows, []);
});

test('customers: CLV low and high (issue 17) equal predictionIntervals of the chosen model on the same summary, and bracket the CLV', async () => {
  const { body: models } = await getJson(app, '/api/models');
  const pages = await Promise.all([1, 2, 3].map(async (page) => (await getJson(app, `/api/customers?pageSize=1000&page=${page}`)).body));
  const body = { ...pages[0], rows: pages.flatMap((p: ApiCustomersPage) => p.rows) };
  assert.equal(body.rows.length, 2357);
  const col = (k: string): number => body.columns.findIndex((c: ReportColumn) => c.key === k);
  const [id, clv, lo, hi] = [col('customer_id'), col('clv'), col('clv_lo'), col('clv_hi')];
  assert.ok(lo > 0 && hi > 0, 'clv_lo and clv_hi are columns of the customer table');
  assert.match(body.columns[lo].description, /90% interval/);
  // independent path: the summary, the same model's point prediction, then its intervals
  const summary = await summarize(engine, { period: 'week' });
  const data = { x: summary.frequency, tx: summary.recency, T: summary.T, mx: summary.monetaryValue, customerId: summary.customerId };
  const opts = { model: models.models.model, spendModel: 'auto', period: 'week', horizon: 52, annualDiscountRate: 0.1, margin: 1 } as const;
  const iv = predictionIntervals(predictCustomers(data, opts), data, opts, { level: 0.9 });
  const at = new Map(summary.customerId.map((c, i) => [c, i]));
  let strict = 0;
  for (const r of body.rows) {
    const i = at.get(String(r[id]))!;
    assert.ok(Math.abs(r[lo] - iv.clv.lo[i]!) <= 1e-9 * Math.abs(iv.clv.lo[i]!) + 1e-9, `clv_lo of ${r[id]}`);
    assert.ok(Math.abs(r[hi] - iv.clv.hi[i]!) <= 1e-9 * Math.abs(iv.clv.hi[i]!) + 1e-9, `clv_hi of ${r[id]}`);
    assert.ok(r[lo] <= r[clv] + 1e-9 && r[clv] <= r[hi] + 1e-9, `CLV of ${r[id]} inside its band`);
    if (r[hi] > r[lo]) strict++;
  }
  assert.ok(strict > 2000, `most customers have a band of some width (${strict})`);
});
