// The dashboard in a real browser (playwright-core driving Debian's chromium) against the bundled
// sample: every page loads without console errors, its numbers equal the API's, the upload flow works
// end to end, and customer ids are shown as text. Screenshots go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '@cvm/core';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, SKIP, sampleDashboard, tempDir, type SampleDashboard, fetchJson } from './browser.js';
import type { ApiModelsReport } from '@cvm/core/api';
import type { Cell } from '@cvm/core/report';

type Validation = NonNullable<ApiModelsReport['validation']>;

let engine: Engine;
let server: { url: string; close(): Promise<void> };
let browser: BrowserContext;
const errors: string[] = [];

let dashboard: SampleDashboard | undefined;
before(async () => {
  if (SKIP) return;
  dashboard = await sampleDashboard();
  ({ engine, server, browser } = dashboard);
});
after(async () => {
  await dashboard?.close();
});

async function open(path: string, shot: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  page.on('dialog', (d) => {
    errors.push(`${path}: unexpected dialog ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${server.url}#/${path}`);
  await page.waitForSelector('main[data-ready]', { timeout: 60_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS, `${shot}.png`), fullPage: true });
  return page;
}
const apiJson = (path: string) => fetchJson(server, path);
const metric = (page: Page, name: string) => page.getAttribute(`[data-metric="${name}"]`, 'data-value');

test("overview: the figures on the page are the API's, with units", { skip: SKIP, timeout: 180_000 }, async () => {
  const page = await open('overview', 'overview');
  await page.waitForSelector('[data-metric="totalClv"][data-value]', { timeout: 120_000 });
  const { overview: o, activeShare } = await apiJson('/api/overview');
  assert.equal(Number(await metric(page, 'customers')), o.customers);
  assert.equal(Number(await metric(page, 'transactions')), o.transactions);
  assert.equal(Number(await metric(page, 'netRevenue')), o.netRevenue);
  assert.equal(Number(await metric(page, 'activeShare')), activeShare.value);
  assert.match((await page.textContent('[data-metric="customers"] .value')) ?? '', /^2,357$/);
  assert.match((await page.textContent('[data-metric="netRevenue"] .unit')) ?? '', /^USD, 1997-01-01 to 1998-06-30, after returns$/);
  const { models } = await apiJson('/api/models');
  assert.equal(Number(await metric(page, 'totalClv')), models.totalClv);
  assert.match((await page.textContent('[data-metric="totalClv"] .unit')) ?? '', /52 weeks/);
  const { profit } = await apiJson('/api/overview');
  assert.equal(Number(await metric(page, 'profit')), profit.value);
  assert.match((await page.textContent('[data-metric="profit"] .unit')) ?? '', /USD, 1997-01-01 to 1998-06-30/);
  // issue 16: the footer says which data the page reflects (the API's data version) and when it was computed
  const { dataVersion } = await apiJson('/api/health');
  const stamp = new RegExp(
    `^Data version ${dataVersion}, last ingest \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\. Figures computed \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\.$`,
  );
  assert.match((await page.textContent('[data-role=data-stamp]')) ?? '', stamp);
  await page.screenshot({ path: join(ARTIFACTS, 'overview.png'), fullPage: true });
  await page.close();
});

test('every page loads with numbers, no "not computed" placeholder, and logs no console error', {
  skip: SKIP,
  timeout: 240_000,
}, async () => {
  for (const path of ['value', 'models', 'segments', 'migration', 'cohorts', 'profitability', 'customers', 'customer/1', 'data']) {
    const page = await open(path, path.replace('/', '-'));
    assert.equal(await page.locator('[data-role=page-error]').count(), 0, path);
    // CDNOW has no product ids: the drill-down's next best offers say "not computed" with the reason, rightly;
    // every other not-computed placeholder is a failure
    assert.equal(
      await page.locator('[data-status=not_computed]:not([data-role=customer-offers]):not([data-role=customer-offers] *)').count(),
      0,
      path,
    );
    if (path === 'customer/1') assert.match((await page.textContent('[data-role=customer-offers]')) ?? '', /Not computed: .*product/i);
    await page.close();
  }
  assert.deepEqual(errors, []);
});

test("customer value and model fit pages show the API's numbers", { skip: SKIP, timeout: 120_000 }, async () => {
  const v = await apiJson('/api/value');
  const page = await open('value', 'value');
  for (const p of v.concentration) assert.equal(Number(await metric(page, `top${Math.round(p.topShare * 100)}`)), p.valueShare);
  await page.goto(`${server.url}#/models`);
  await page.waitForSelector('main[data-page=models][data-ready] table[data-table=comparison]');
  const { models } = await apiJson('/api/models');
  const maes = await page.$$eval('table[data-table=comparison] td[data-col=holdout_mae]', (tds) =>
    tds.map((t) => Number(t.getAttribute('data-value'))),
  );
  assert.deepEqual(
    maes,
    models.validation.comparison.rows.map((r: Validation['comparison']['rows'][number]) => r.mae),
  );
  // the fits' warnings are on the page (CDNOW: Pareto/NBD's beta is weakly identified)
  const warnings = models.validation.models.flatMap((m: Validation['models'][number]) => m.fit.warnings);
  assert.ok(
    warnings.some((w: string) => /beta is weakly identified/.test(w)),
    warnings.join('\n'),
  );
  const shown = await page.$$eval('#fit-warnings li', (lis) => lis.map((li) => li.textContent ?? ''));
  const verdicts = models.validation.models.filter((m: Validation['models'][number]) => m.assessment.trust !== 'ok').length;
  assert.equal(shown.length, warnings.length + verdicts);
  assert.ok(
    shown.some((w) => /Pareto\/NBD: .*beta is weakly identified/.test(w)),
    shown.join('\n'),
  );
  // the verdict in plain words first (issue 21): "… to read with caution: the data pin down beta only loosely …"
  assert.ok(
    shown.some((w) => /^Pareto\/NBD fit to read with caution: the data pin down beta only loosely/.test(w)),
    shown.join('\n'),
  );
  await page.close();
});

test('customer table: one server page at a time; sorting, filtering and drill-down', { skip: SKIP, timeout: 120_000 }, async () => {
  const page = await open('customers', 'customers');
  await page.waitForSelector('table[data-table=customers] tbody tr');
  const api = await apiJson('/api/customers?page=1&pageSize=25');
  assert.equal(Number(await page.getAttribute('[data-role=table-info]', 'data-total')), api.total);
  const ids = await page.$$eval('table[data-table=customers] td[data-col=customer_id]', (tds) =>
    tds.map((t) => t.getAttribute('data-value')),
  );
  assert.deepEqual(
    ids,
    api.rows.map((r: Cell[]) => r[0]),
  );
  await page.fill('[data-role=filter]', 'frequency:gte:10');
  await page.click('[data-role=apply]');
  const filtered = await apiJson('/api/customers?filter=frequency:gte:10');
  await page.waitForSelector(`[data-role=table-info][data-total="${filtered.total}"]`);
  await page.click('table[data-table=customers] td[data-col=customer_id] a');
  await page.waitForSelector('table[data-table=customer]');
  assert.match((await page.textContent('[data-role=why]')) ?? '', /days since last purchase/);
  await page.screenshot({ path: join(ARTIFACTS, 'customer-drilldown.png'), fullPage: true });
  await page.close();
});

test('upload flow end to end: mapping, counts, quarantine, escaped ids, reports recomputed', { skip: SKIP, timeout: 180_000 }, async () => {
  const before = await apiJson('/api/overview');
  const csv = join(tempDir('cvm-web-'), 'shop.csv');
  // Dates inside the sample's range, so the models can still be fitted after the upload (a first
  // purchase on the log's last day has T = 0, which the core's fit rejects).
  writeFileSync(
    csv,
    ['who,when,paid', '<img src=x onerror=alert(1)>,1998-03-01,12.5', 'Z9,1998-03-02,8', 'Z9,someday,3', ',1998-03-04,1'].join('\n') + '\n',
  );
  const page = await open('data', 'data-before-upload');
  await page.setInputFiles('[data-role=file]', csv);
  await page.fill('[data-field=customer]', 'who');
  await page.fill('[data-field=date]', 'when');
  await page.fill('[data-field=amount]', 'paid');
  await page.click('[data-role=submit]');
  const result = await page.waitForSelector('[data-role=upload-result] .notice', { timeout: 60_000 });
  assert.equal(await result.getAttribute('data-rows-read'), '4');
  assert.equal(await result.getAttribute('data-rows-accepted'), '2');
  assert.equal(await result.getAttribute('data-rows-quarantined'), '2');
  await page.waitForSelector('table[data-table=quarantine] td[data-col=reason]');
  const reasons = await page.$$eval('table[data-table=quarantine] td[data-col=reason]', (tds) => tds.map((t) => t.textContent));
  assert.deepEqual(reasons.sort(), ['missing_customer_id', 'unparseable_date']);
  await page.waitForSelector('table[data-table=sources] tbody tr:nth-child(2)');
  assert.equal(await page.locator('[data-role=reasons] li').count(), 2);
  await page.screenshot({ path: join(ARTIFACTS, 'data-after-upload.png'), fullPage: true });
  const after = await apiJson('/api/overview');
  assert.equal(after.overview.customers, before.overview.customers + 2);
  await page.goto(`${server.url}#/customers`);
  await page.waitForSelector('main[data-page=customers][data-ready] table[data-table=customers]');
  const { dataVersion } = await apiJson('/api/health');
  assert.match(
    (await page.textContent('[data-role=data-stamp]')) ?? '',
    new RegExp(`^Data version ${dataVersion}, `),
    'the footer moved to the new data',
  );
  await page.fill('[data-role=search]', 'img');
  await page.click('[data-role=apply]');
  await page.waitForSelector('[data-role=table-info][data-total="1"]');
  assert.equal(await page.textContent('table[data-table=customers] td[data-col=customer_id] a'), '<img src=x onerror=alert(1)>');
  assert.equal(await page.locator('table[data-table=customers] img').count(), 0);
  await page.click('table[data-table=customers] td[data-col=customer_id] a');
  await page.waitForSelector('table[data-table=customer]');
  assert.match((await page.textContent('h1')) ?? '', /Customer <img src=x onerror=alert\(1\)>/);
  await page.waitForSelector('[data-role=model][data-status=ok]', { timeout: 120_000 });
  await page.waitForSelector('[data-role=segment-history][data-status=ok]', { timeout: 120_000 });
  assert.equal(await page.locator('main img').count(), 0);
  await page.close();
  assert.deepEqual(errors, []);
});

test('the home page downloads under 200 kB; ECharts comes only with a page that draws charts (issue 18)', {
  skip: SKIP,
  timeout: 120_000,
}, async () => {
  const bytes = async (path: string): Promise<{ total: number; files: string[] }> => {
    const page = await browser.newPage();
    await page.goto(`${server.url}#/${path}`);
    await page.waitForSelector('main[data-ready]', { timeout: 60_000 });
    const entries = await page.evaluate(() =>
      [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => {
        const r = e as PerformanceResourceTiming;
        return { name: r.name, encoded: r.encodedBodySize, decoded: r.decodedBodySize };
      }),
    );
    await page.close();
    const files = entries.filter((e) => !e.name.includes('/api/'));
    return {
      total: files.reduce((s, e) => s + e.encoded, 0),
      files: files.map((e) => `${e.name.replace(server.url, '/')} ${e.encoded}/${e.decoded}`),
    };
  };
  const plan = await bytes('plan');
  assert.ok(plan.total < 200_000, `the Plan page's files weigh ${plan.total} bytes on the wire: ${plan.files.join(', ')}`);
  assert.ok(!plan.files.some((f) => /\/charts-/.test(f)), `the Plan page loads no ECharts: ${plan.files.join(', ')}`);
  const overview = await bytes('overview');
  const charts = overview.files.find((f) => /\/charts-/.test(f));
  assert.ok(charts, `the Overview loads the charts chunk: ${overview.files.join(', ')}`);
  const [, encoded, decoded] = /(\d+)\/(\d+)$/.exec(charts)!.map(Number);
  assert.ok(encoded! < decoded! / 2, `the charts chunk is sent compressed: ${charts}`);
});
