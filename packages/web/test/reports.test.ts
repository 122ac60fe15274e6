// The report pages wired to the core (profitability, migration, cohorts, micro-segments, predicted
// CLV, the customer drill-down) in a real browser against the bundled sample with the example cost
// model: the numbers on each page are the API's, the toggles reload, no console errors.
// Screenshots go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Engine } from '@cvm/core';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, SKIP, sampleDashboard, type SampleDashboard, fetchJson } from './browser.js';
import { assertSpecHeaders } from './spec-headers.js';
import type { ApiCustomerSegments, ApiGroupProfit, ApiMicroSegments, ApiOk } from '@cvm/core/api';

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

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  await page.goto(`${server.url}#/${path}`);
  await page.waitForSelector('main[data-ready]', { timeout: 120_000 });
  assert.equal(await page.locator('[data-role=page-error]').count(), 0, path);
  return page;
}
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-viewport.png`) });
};
const apiJson = (path: string) => fetchJson(server, path);
const metric = async (page: Page, name: string) => Number(await page.getAttribute(`[data-metric="${name}"]`, 'data-value'));

test("profitability page: whale figures, quadrant counts, tiers and losers are the API's", { skip: SKIP, timeout: 120_000 }, async () => {
  const p = await apiJson('/api/profitability');
  const page = await open('profitability');
  assert.equal(await metric(page, 'profit'), p.totals.profit);
  assert.equal(await metric(page, 'peakPct'), p.whale.peakPctOfTotal);
  assert.equal(await metric(page, 'unprofitableShare'), p.whale.unprofitableShare);
  assert.equal(await metric(page, 'profitDestroyed'), p.whale.profitDestroyed);
  assert.match((await page.textContent('[data-metric="peakPct"] .value')) ?? '', /^184\.65%$/);
  for (const q of p.matrix.quadrants) {
    assert.equal(Number(await page.getAttribute(`[data-quadrant="${q.quadrant}"]`, 'data-customers')), q.customers, q.quadrant);
  }
  const tiers = await page.$$eval('table[data-table=by-tier] tbody tr td:first-child', (tds) => tds.map((t) => t.textContent));
  assert.deepEqual(
    tiers,
    p.byTier.map((g: ApiGroupProfit) => g.group),
  );
  assert.equal(await page.locator('table[data-table=unprofitable] tbody tr').count(), p.unprofitable.customers.length);
  assert.equal(await page.textContent('table[data-table=unprofitable] tbody tr:first-child a'), p.unprofitable.customers[0].customerId);
  // the unprofitable table is the core's spec: its columns (the CLI's and the CSV's), money headed with the currency
  const heads = await page.$$eval('table[data-table=unprofitable] th', (ths) => ths.map((t) => t.getAttribute('data-col')));
  assert.deepEqual(
    heads,
    p.tables.unprofitable.columns.map((c: { key: string }) => c.key),
  );
  assert.ok(heads.includes('top_driver') && heads.includes('remedy'), heads.join(' | '));
  assert.equal(await page.textContent('table[data-table=unprofitable] th[data-col=profit] .unit'), 'USD');
  const first = await page.$$eval('table[data-table=unprofitable] tbody tr:first-child td', (tds) =>
    tds.map((t) => t.getAttribute('data-value')),
  );
  assert.deepEqual(
    first,
    p.tables.unprofitable.rows[0].map((v: unknown) => (v === null ? '' : String(v))),
  );
  // every table of the page is a core spec: headers (labels, units, tooltips) and rows are the API's tables
  await assertSpecHeaders(page, 'unprofitable', p.tables.unprofitable);
  await assertSpecHeaders(page, 'by-tier', p.tables.byTier);
  await assertSpecHeaders(page, 'pools', p.tables.pools);
  assert.equal(await page.textContent('table[data-table=by-tier] th[data-col=margin_pct] .unit'), '% of net revenue');
  // the remedy in words (the spec's codes), its code in data-value: no raw re_pricing on the page
  const remedies = await page.$$eval('table[data-table=unprofitable] td[data-col=remedy]', (tds) =>
    tds.map((t) => [t.getAttribute('data-value'), t.textContent]),
  );
  const labels = p.tables.unprofitable.columns.find((c: { key: string }) => c.key === 'remedy').codes;
  assert.ok(remedies.length > 0);
  for (const [code, text] of remedies) assert.equal(text, labels[code!], `remedy ${code}`);
  assert.doesNotMatch((await page.textContent('main')) ?? '', /\b(re_pricing|minimum_order|channel_shift|review_returns)\b/);
  assert.equal(await page.locator('[data-role=no-channel]').count(), 1);
  await shot(page, 'profitability');
  await page.close();
  assert.deepEqual(errors, []);
});

test('migration page: defaults to the last two quarter ends; counts, row % and the dimension picker', {
  skip: SKIP,
  timeout: 120_000,
}, async () => {
  const m = await apiJson('/api/migration');
  const page = await open('migration');
  assert.equal(await page.inputValue('[data-select=from]'), '1998-03-31');
  assert.equal(await page.inputValue('[data-select=to]'), '1998-06-30');
  assert.equal(await metric(page, 'moved'), m.moved);
  assert.equal(await metric(page, 'valueMoved'), m.valueMoved.value);
  // issue #20: tier downs and 'into at risk, same tier' shown apart; together they are the downgrades
  assert.equal(await metric(page, 'tierDown'), m.downgrades.tierDown);
  assert.equal(await metric(page, 'intoAtRisk'), m.downgrades.intoAtRiskOnly);
  assert.equal(m.downgrades.tierDown + m.downgrades.intoAtRiskOnly, m.downgrades.count);
  const platinum = await page.$$eval('table[data-table=transitions] tr[data-from="Platinum"] td', (tds) =>
    tds.map((t) => t.getAttribute('data-value')),
  );
  const i = m.matrix.fromStates.indexOf('Platinum');
  assert.deepEqual(platinum.slice(1, -1).map(Number), m.matrix.counts[i]);
  // the tables are the core's (`cvm migrate`): headers from the specs, the downgrades split by reason
  await assertSpecHeaders(page, 'transitions', m.tables.transitions);
  await assertSpecHeaders(page, 'markov', m.tables.markov);
  const reason = m.tables.downgrades.columns.findIndex((c: { key: string }) => c.key === 'reason');
  const tierDown = m.tables.downgrades.rows.filter((r: unknown[]) => String(r[reason]).startsWith('tier down')).length;
  await assertSpecHeaders(page, 'downgrades', m.tables.downgrades, 'USD', tierDown);
  assert.match(
    (await page.textContent('table[data-table=markov] th[data-col=expected_value] .unit')) ?? '',
    /^USD, next \d+ periods, discounted$/,
  );
  // stages in words (at_risk is "at risk"), the code in data-value
  const stages = await page.$$eval('table[data-table=downgrades] td[data-col=to_stage]', (tds) =>
    tds.map((t) => [t.getAttribute('data-value'), t.textContent]),
  );
  assert.ok(stages.some(([v]) => v === 'at_risk'));
  for (const [v, text] of stages) assert.equal(text, v!.replaceAll('_', ' '));
  await shot(page, 'migration');
  await page.click('[data-toggle=show] button[data-value=share]');
  const shares = await page.$$eval('table[data-table=transitions] tr[data-from="Platinum"] td', (tds) =>
    tds.map((t) => t.getAttribute('data-value')),
  );
  assert.deepEqual(shares.slice(1, -1).map(Number), m.matrix.rowShare[i]);
  await page.selectOption('[data-select=by]', 'lifecycle');
  await page.waitForSelector('table[data-table=transitions] tr[data-from="active"]');
  const life = await apiJson('/api/migration?by=lifecycle');
  assert.equal(await metric(page, 'moved'), life.moved);
  await shot(page, 'migration-lifecycle');
  await page.close();
  assert.deepEqual(errors, []);
});

test('cohorts page: heat map table equals the API for each toggle; weighted average row', { skip: SKIP, timeout: 120_000 }, async () => {
  const r = await apiJson('/api/cohorts?by=month&mode=returned');
  const page = await open('cohorts');
  await page.waitForSelector('table[data-table=cohorts]', { state: 'attached' });
  assert.equal(await metric(page, 'customers'), r.overall.totals.customers);
  const avg = async () =>
    (await page.$$eval('table[data-table=cohorts] tr[data-cohort=average] td', (tds) => tds.map((t) => t.getAttribute('data-value'))))
      .slice(2)
      .map(Number);
  assert.deepEqual(await avg(), r.overall.average.retention);
  // the triangle is the core's table of the metric (`cvm cohorts --metric M`): headers, units, tooltips
  await assertSpecHeaders(page, 'cohorts', r.tables.retention);
  await shot(page, 'cohorts');
  await page.click('[data-toggle=metric] button[data-value=cumulative]');
  assert.deepEqual(await avg(), r.overall.average.cumulativeRevenuePerCustomer);
  await assertSpecHeaders(page, 'cohorts', r.tables.cumulative);
  assert.equal(await page.textContent('table[data-table=cohorts] th[data-col=period_0] .unit'), 'USD');
  await shot(page, 'cohorts-cumulative');
  await page.click('[data-toggle=metric] button[data-value=retention]');
  await page.click('[data-toggle=mode] button[data-value=in_or_after]');
  const after = await apiJson('/api/cohorts?by=month&mode=in_or_after');
  await page.waitForFunction(
    (want) =>
      document.querySelector('[data-toggle=mode] button[data-value=in_or_after]')?.getAttribute('aria-pressed') === 'true' &&
      document.querySelector('[data-metric=retention1]')?.getAttribute('data-value') === want,
    String(after.overall.average.retention[1]),
  );
  assert.deepEqual(await avg(), after.overall.average.retention);
  await page.click('[data-toggle=by] button[data-value=quarter]');
  await page.waitForSelector('table[data-table=cohorts] tr[data-cohort="1997-Q1"]', { state: 'attached' });
  await page.close();
  assert.deepEqual(errors, []);
});

test('segments page: micro-segment profiles with rule and computed-at; value page: CLV distribution', {
  skip: SKIP,
  timeout: 180_000,
}, async () => {
  const micro = await apiJson('/api/segments/micro');
  const page = await open('segments');
  await page.waitForSelector('[data-role=micro][data-status=ok]');
  const labels = await page.$$eval('table[data-table=micro] tbody tr', (trs) => trs.map((t) => t.getAttribute('data-segment')));
  assert.deepEqual(
    labels,
    micro.segments.map((s: ApiOk<ApiMicroSegments>['segments'][number]) => s.label),
  );
  // the profiles are the core's table (`cvm segment` prints it); amounts named in USD, never "currency"
  await assertSpecHeaders(page, 'micro', micro.table);
  assert.doesNotMatch((await page.textContent('table[data-table=micro]')) ?? '', /\bcurrency\b/);
  assert.match((await page.textContent('[data-role=micro] .rule')) ?? '', /k-means/);
  assert.match((await page.textContent('[data-role=micro] .meta')) ?? '', /computed at/);
  // the RFM segments, tiers and stages are the core's tables (`cvm segment` prints them): headers, units, tooltips, rows
  const seg = await apiJson('/api/segments');
  await assertSpecHeaders(page, 'rfm-segments', seg.tables.rfm);
  await assertSpecHeaders(page, 'tiers', seg.tables.tiers);
  await assertSpecHeaders(page, 'lifecycle', seg.tables.lifecycle);
  // stages in the words the core declares (at_risk is "at risk"): the lifecycle table's links, the
  // heat map's axis and the micro-segments' rule; the links keep the code as the filter
  const words = seg.tables.lifecycle.columns[0].codes as Record<string, string>;
  assert.equal(words.at_risk, 'at risk');
  const link = page.locator('table[data-table=lifecycle] td[data-value=at_risk] a');
  assert.equal(await link.textContent(), 'at risk');
  assert.equal(await link.getAttribute('href'), `#/customers?filter=${encodeURIComponent('lifecycle_stage:eq:at_risk')}`);
  const stageAxis = await page.$eval(
    '[data-chart=tier-lifecycle][data-drawn]',
    (el) => (el as unknown as { chart: { getOption(): { xAxis: { data: string[] }[] } } }).chart.getOption().xAxis[0]!.data,
  );
  assert.deepEqual(
    stageAxis,
    seg.lifecycle.stages.map((x: { name: string }) => words[x.name]),
  );
  const microRule = (await page.textContent('[data-role=micro] .rule')) ?? '';
  assert.match(microRule, /k per stage: .*at risk \d/);
  assert.doesNotMatch(`${stageAxis.join(' ')} ${microRule}`, /at_risk/);
  // the micro-segments' labels show the stage in words, the row keeps the label
  assert.equal(await page.textContent('table[data-table=micro] tr[data-segment="at_risk:1"] td[data-col=micro_segment]'), 'at risk:1');
  assert.equal(await page.textContent('table[data-table=tiers] th[data-col=value] .unit'), 'USD');
  assert.equal(
    await page.getAttribute('table[data-table=rfm-segments] tbody tr:first-child a', 'href'),
    `#/customers?filter=${encodeURIComponent(`rfm_segment:eq:${seg.tables.rfm.rows[0][0]}`)}`,
  );
  await shot(page, 'segments');
  await page.close();
  const clv = await apiJson('/api/value/clv');
  const value = await open('value');
  await value.waitForSelector('[data-role=clv][data-status=ok]', { timeout: 120_000 });
  assert.equal(await metric(value, 'totalClv'), clv.total);
  assert.equal(await metric(value, 'clvTop20'), clv.concentration[2].valueShare);
  await shot(value, 'value');
  await value.close();
  assert.deepEqual(errors, []);
});

test('customer drill-down: CLV, P(alive) now, segment history and the sentence saying why', { skip: SKIP, timeout: 180_000 }, async () => {
  const { models } = await apiJson('/api/models');
  const id = models.top[0].customerId;
  const c = await apiJson(`/api/customers/${encodeURIComponent(id)}`);
  const m = await apiJson(`/api/customers/${encodeURIComponent(id)}/model`);
  const page = await open(`customer/${encodeURIComponent(id)}`);
  await page.waitForSelector('[data-role=model][data-status=ok]', { timeout: 120_000 });
  assert.equal(await metric(page, 'clv'), m.clv.value);
  assert.equal(await metric(page, 'pAlive'), m.pAlive.now);
  assert.equal(await page.textContent('[data-role=why]'), c.segment.why);
  assert.match(c.segment.why, /days since last purchase/);
  await page.waitForSelector('[data-role=segment-history][data-status=ok]', { timeout: 120_000 });
  const h = await apiJson(`/api/customers/${encodeURIComponent(id)}/segments`);
  const rows = await page.$$eval('table[data-table=segment-history] tbody tr', (trs) => trs.map((t) => t.getAttribute('data-as-of')));
  assert.deepEqual(
    rows,
    h.history.map((x: ApiCustomerSegments['history'][number]) => x.asOf),
  );
  await shot(page, 'customer-drilldown-models');
  await page.close();
  assert.deepEqual(errors, []);
});
