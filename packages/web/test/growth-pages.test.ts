// The Acquisition and Prospects pages in a real browser against a served demo business (1,500
// customers, seed 4, with customers, spend and prospects files): the numbers on each page are the
// API's (core section tables rendered cell by cell), the verdict comes first, the filter state is in
// the URL, the pages work at 360 px wide, no console errors. Screenshots go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateDemoBusiness, ingestFile, ingestInputFile, openWorkspace, type Engine } from '@cvm/core';
import { startServer } from '@cvm/server';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, SKIP, ensureBuilt, launch, tempDir, fetchJson } from './browser.js';

let engine: Engine;
let server: { url: string; close(): Promise<void> };
let browser: BrowserContext;
const errors: string[] = [];

before(async () => {
  if (SKIP) return;
  ensureBuilt();
  const dir = tempDir('cvm-web-demo-');
  generateDemoBusiness(dir, { customers: 1500, seed: 4 });
  engine = await openWorkspace();
  await ingestFile(engine, join(dir, 'transactions.csv'));
  await ingestInputFile(engine, 'customers', join(dir, 'customers.csv'));
  await ingestInputFile(engine, 'spend', join(dir, 'marketing-spend.csv'));
  await ingestInputFile(engine, 'prospects', join(dir, 'prospects.csv'));
  server = await startServer(engine, { port: 0, costs: join(dir, 'cost-model.yaml'), uploadDir: tempDir('cvm-web-up-') });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await engine?.close();
});

async function open(path: string, width = 1360): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  await page.goto(`${server.url}#/${path}`);
  await page.waitForSelector('main[data-ready]', { timeout: 180_000 });
  assert.equal(await page.locator('[data-role=page-error]').count(), 0, path);
  return page;
}
const apiJson = (path: string) => fetchJson(server, path);
/** The raw values of a rendered core table, row by row. */
const tableValues = (page: Page, id: string) =>
  page.$$eval(`table[data-table="${id}"] tbody tr`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.getAttribute('data-value'))),
  );
const raw = (rows: unknown[][]) => rows.map((r) => r.map((v) => (v === null ? '' : String(v))));

test("acquisition page: findings, the channel table and the cohort view are the API's; state in the URL", {
  skip: SKIP,
  timeout: 300_000,
}, async () => {
  const page = await open('acquisition');
  const r = await apiJson('/api/acquisition?cohort=month');
  assert.equal(r.status, 'ok');
  assert.deepEqual(await page.$$eval('[data-role=findings] li', (li) => li.map((x) => x.textContent)), r.flags);
  assert.deepEqual(await tableValues(page, 'acquisition.channels'), raw(r.section.tables[0].rows));
  assert.equal(await page.locator('[data-chart=ltv-to-cac]').count(), 1);
  assert.equal(await page.locator('[data-chart=payback]').count(), 1);
  await page.click('[data-toggle=view] button[data-value=cohorts]');
  await page.waitForSelector('table[data-table="acquisition.cohorts"]', { timeout: 120_000 });
  await page.click('[data-toggle=cohort] button[data-value=quarter]');
  await page.waitForSelector('[data-toggle=cohort] button[data-value=quarter][aria-pressed=true]', { timeout: 120_000 });
  assert.match(page.url(), /#\/acquisition\?cohort=quarter&view=cohorts$/);
  const q = await apiJson('/api/acquisition?cohort=quarter');
  assert.deepEqual(await tableValues(page, 'acquisition.cohorts'), raw(q.section.tables[1].rows));
  await page.screenshot({ path: join(ARTIFACTS, 'acquisition.png'), fullPage: true });
  // issue 20: each choice is a history entry, so Back returns to the previous view (not off the page)
  await page.goBack();
  await page.waitForSelector('main[data-ready] [data-toggle=cohort] button[data-value=month][aria-pressed=true]', { timeout: 120_000 });
  assert.match(page.url(), /#\/acquisition\?cohort=month&view=cohorts$/);
  assert.deepEqual(await tableValues(page, 'acquisition.cohorts'), raw(r.section.tables[1].rows));
  await page.goBack();
  await page.waitForSelector('main[data-ready] [data-toggle=view] button[data-value=channels][aria-pressed=true]', { timeout: 120_000 });
  assert.match(page.url(), /#\/acquisition\?cohort=month&view=channels$/);
  assert.deepEqual(await tableValues(page, 'acquisition.channels'), raw(r.section.tables[0].rows));
  const narrow = await open('acquisition?cohort=quarter&view=cohorts', 360);
  assert.equal(
    await narrow.getAttribute('[data-toggle=cohort] button[data-value=quarter]', 'aria-pressed'),
    'true',
    'state read back from the URL',
  );
  assert.ok(
    await narrow.evaluate(() => document.documentElement.scrollWidth <= 370),
    'no page-wide horizontal scroll at 360 px (tables scroll in their box)',
  );
  await narrow.screenshot({ path: join(ARTIFACTS, 'acquisition-360.png'), fullPage: true });
});

test('prospects page: the verdict first, then the ranked prospects as the API ranks them; limit in the URL', {
  skip: SKIP,
  timeout: 300_000,
}, async () => {
  const page = await open('prospects');
  const r = await apiJson('/api/prospects/lookalikes?limit=100');
  const first = await page.$eval('[data-role=prospects] > *', (el) => el.getAttribute('data-role'));
  assert.equal(first, 'verdict', 'the verdict is the first thing on the page');
  assert.equal(await page.getAttribute('[data-role=verdict]', 'data-signal'), String(r.validation.signal));
  assert.match((await page.textContent('[data-role=verdict]'))!, new RegExp(r.validation.verdict.slice(0, 40).replace(/[()[\]. ]/g, '.')));
  const prospects = r.section.tables.find((t: { id: string }) => t.id === 'lookalikes.prospects');
  assert.deepEqual(await tableValues(page, 'lookalikes.prospects'), raw(prospects.rows));
  assert.equal(prospects.rows.length, 100);
  await page.selectOption('[data-select=limit]', '25');
  await page.waitForFunction(
    () => document.querySelectorAll('table[data-table="lookalikes.prospects"] tbody tr').length === 25,
    undefined,
    { timeout: 120_000 },
  );
  assert.match(page.url(), /#\/prospects\?limit=25$/);
  await page.screenshot({ path: join(ARTIFACTS, 'prospects.png'), fullPage: true });
  // issue 20: the choice is a history entry, so Back shows the best 100 again
  await page.goBack();
  await page.waitForFunction(
    () =>
      document.querySelector('main[data-ready]') !== null &&
      document.querySelectorAll('table[data-table="lookalikes.prospects"] tbody tr').length === 100,
    undefined,
    { timeout: 120_000 },
  );
  assert.match(page.url(), /#\/prospects\?limit=100$/);
  assert.equal(await page.inputValue('[data-select=limit]'), '100');
  const data = await open('data');
  const q = await apiJson('/api/data/input-quarantine');
  assert.equal(await data.locator('[data-role=input-quarantine]').count(), 1, "the Data page lists the input files' quarantine");
  assert.equal(await data.locator('table[data-table="quarantine.inputs"] tbody tr').count(), q.total);
  assert.deepEqual(errors, []);
});
