// The Campaigns page in a real browser against the bundled CDNOW sample: the create form shows the
// groups and the power (the API's preview) before anything is stored, creating opens the results,
// whose verdict, split check, intervals and Qini table are the API's; the breakdown is kept in the
// URL; the page fits a 360 px screen. Screenshots go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, SKIP, sampleDashboard, type SampleDashboard, fetchJson } from './browser.js';
import type { ApiCampaignUplift, ApiComparison, ApiOk } from '@cvm/core/api';

let server: { url: string; close(): Promise<void> };
let browser: BrowserContext;
const errors: string[] = [];
let dashboard: SampleDashboard | undefined;
before(async () => {
  if (SKIP) return;
  dashboard = await sampleDashboard();
  ({ server, browser } = dashboard);
});
after(async () => {
  await dashboard?.close();
});

const apiJson = (path: string, init?: RequestInit) => fetchJson(server, path, init);
const ready = (page: Page) => page.waitForSelector('main[data-ready]', { timeout: 120_000 });

test('campaigns: preview with power, create, results with intervals, segments in the URL, Qini table', {
  skip: SKIP,
  timeout: 300_000,
}, async () => {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}#/campaigns`);
  await ready(page);
  assert.equal(await page.locator('[data-role=no-campaigns]').count(), 1);

  const form = {
    name: 'Win back',
    action: '10% voucher',
    sendDate: '1998-01-01',
    windowDays: 30,
    controlShare: 0.2,
    holdoutShare: 0,
    seed: 'wb',
    audience: ['value_tier:in:Bronze|Silver'],
  };
  await page.fill('[data-field=name]', form.name);
  await page.fill('[data-field=action]', form.action);
  await page.fill('[data-field=sendDate]', form.sendDate);
  await page.fill('[data-field=windowDays]', '30');
  await page.fill('[data-field=controlShare]', '20');
  await page.fill('[data-field=seed]', 'wb');
  await page.click('[data-action=add-filter]');
  await page.selectOption('[data-part=column]', 'value_tier');
  await page.selectOption('[data-part=op]', 'in');
  await page.fill('[data-part=value]', 'Bronze|Silver');
  assert.equal(await page.isDisabled('[data-action=create]'), true, 'no creation before the power was shown');
  await page.click('[data-action=preview]');
  await page.waitForSelector('[data-role=plan] [data-section="campaign.plan"]');
  const api = await apiJson('/api/campaigns/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(form),
  });
  assert.equal(await page.textContent('[data-role=plan] [data-section="campaign.plan"] p:nth-of-type(2)').then((t) => t !== null), true);
  assert.ok((await page.textContent('[data-role=plan]'))!.includes(api.section.lines[1]), "the groups line is the API's");
  const mde = await page.getAttribute(
    '[data-role=plan] table[data-table="campaign.power"] tbody tr:first-child td[data-col=mde]',
    'data-value',
  );
  assert.equal(Number(mde), api.power.rows[0].mde);
  assert.equal((await apiJson('/api/campaigns')).campaigns.length, 0, 'the preview stored nothing');
  await page.screenshot({ path: join(ARTIFACTS, 'campaigns-plan.png'), fullPage: true });

  await page.click('[data-action=create]');
  await page.waitForFunction(() => location.hash === '#/campaigns/win-back');
  await ready(page);
  await page.waitForSelector('[data-role=uplift] table[data-table="uplift.qini"]', { timeout: 120_000 });
  const res = await apiJson('/api/campaigns/win-back/results?bootstrap=1000');
  const lines = await page.$$eval('[data-section="campaign.results"] > p:not(.notice)', (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(lines, res.section.lines);
  assert.equal(await page.getAttribute('[data-role=srm]', 'data-mismatch'), String(res.results.analysis.srm.mismatch));
  const lower = await page.$$eval('table[data-table="experiment.uplift_rates"] td[data-col=lift_lower]', (tds) =>
    tds.map((t) => Number(t.getAttribute('data-value'))),
  );
  assert.deepEqual(
    lower,
    res.results.analysis.comparisons.filter((c: ApiComparison) => c.kind === 'rate').map((c: ApiComparison) => c.lower),
  );
  assert.match((await page.textContent('table[data-table="experiment.uplift_rates"] td[data-col=lift]')) ?? '', / pp$/);
  assert.match((await page.getAttribute('[data-chart=uplift-rates]', 'aria-label')) ?? '', /95% CI/);
  const qini = (await apiJson('/api/campaigns/win-back/uplift')).uplift.points;
  const model = await page.$$eval('table[data-table="uplift.qini"] td[data-col=uplift_model]', (tds) =>
    tds.map((t) => Number(t.getAttribute('data-value'))),
  );
  assert.deepEqual(
    model,
    qini.map((p: NonNullable<ApiOk<ApiCampaignUplift>['uplift']>['points'][number]) => p.model),
  );

  await page.click('[data-toggle=by] button[data-value=value_tier]');
  await page.waitForFunction(() => location.hash === '#/campaigns/win-back?by=value_tier');
  await page.waitForSelector('[data-chart=segments]', { timeout: 120_000 });
  assert.equal(await page.locator('[data-role=multiple-comparisons]').count(), 1);
  await page.waitForSelector('[data-role=uplift] table[data-table="uplift.qini"]', { timeout: 120_000 });
  await page.screenshot({ path: join(ARTIFACTS, 'campaigns-results.png'), fullPage: true });

  // the customer drill-down lists the campaign and the customer's group
  const assigned = (await (await fetch(`${server.url}api/campaigns/win-back/assignments?format=csv`)).text()).split('\n')[1]!.split(',');
  await page.goto(`${server.url}#/customer/${assigned[0]}`);
  await page.waitForSelector('[data-role=customer-campaigns][data-status=ok]', { timeout: 120_000 });
  assert.equal(await page.getAttribute('[data-role=customer-campaigns] td[data-col=arm]', 'data-value'), assigned[1]);

  // the list links to the campaign; the page fits a phone
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${server.url}#/campaigns`);
  await ready(page);
  assert.equal(await page.getAttribute('table[data-table="campaign.list"] td[data-col=campaign_id] a', 'href'), '#/campaigns/win-back');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 360 px`);
  await page.screenshot({ path: join(ARTIFACTS, 'campaigns-phone.png'), fullPage: true });
  await page.close();
  assert.deepEqual(errors, []);
});
