// The Feedback page in a real browser over a demo business with surveys: the figures and the chosen
// breakdown are the API's numbers, the dimension lives in the URL (#/feedback/<dimension>), it is
// usable at 360 px, and no console error. Screenshots go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateDemoBusiness, ingestFile, ingestInputFile, openWorkspace, type Engine } from '@cvm/core';
import { startServer } from '@cvm/server';
import type { BrowserContext } from 'playwright-core';
import { ARTIFACTS, SKIP, ensureBuilt, launch, tempDir } from './browser.js';
import type { FeedbackReport } from '@cvm/core';
import type { ApiReportTable } from '@cvm/core/api';

type Breakdown = FeedbackReport['breakdowns'][number];

let engine: Engine;
let server: { url: string; close(): Promise<void> };
let browser: BrowserContext;

before(async () => {
  if (SKIP) return;
  ensureBuilt();
  const dir = tempDir();
  generateDemoBusiness(dir, { customers: 2000, seed: 13 });
  engine = await openWorkspace();
  await ingestFile(engine, join(dir, 'transactions.csv'));
  await ingestInputFile(engine, 'surveys', join(dir, 'surveys.csv'));
  server = await startServer(engine, { port: 0, models: false, uploadDir: tempDir() });
  browser = await launch();
});
after(async () => {
  if (SKIP) return;
  await browser.close();
  await server.close();
  await engine.close();
});

test("feedback page: figures and breakdown are the API's; the dimension is in the URL; readable at 360 px", {
  skip: SKIP,
  timeout: 180_000,
}, async () => {
  const errors: string[] = [];
  const api = await (await fetch(`${server.url}api/feedback`)).json();
  assert.equal(api.status, 'ok');
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}#/feedback`);
  await page.waitForSelector('main[data-ready]', { timeout: 120_000 });
  assert.equal(Number(await page.getAttribute('[data-metric="nps"]', 'data-value')), api.report.overall.nps);
  assert.equal(Number(await page.getAttribute('[data-metric="response-rate"]', 'data-value')), api.report.responseRate.rate);
  const tier = api.report.breakdowns.find((b: Breakdown) => b.dimension === 'value_tier');
  assert.equal(await page.locator('[data-table="feedback.by_value_tier"] tbody tr').count(), tier.rows.length);
  assert.equal(
    Number(await page.getAttribute('[data-table="feedback.by_value_tier"] tbody tr:first-child td[data-col="nps"]', 'data-value')),
    tier.rows[0].nps,
  );
  await page.selectOption('[data-select=dimension]', 'month');
  await page.waitForFunction(
    () => location.hash === '#/feedback/month' && document.querySelector('[data-table="feedback.by_month"]') !== null,
  );
  const months = api.report.breakdowns.find((b: Breakdown) => b.dimension === 'month');
  assert.equal(await page.locator('[data-table="feedback.by_month"] tbody tr').count(), months.rows.length);
  // a figure the API could not compute (null: a month with too few answers for an interval) shows as a dash, never as NaN or 0
  const byMonth = api.section.tables.find((t: { id: string }) => t.id === 'feedback.by_month') as ApiReportTable;
  const shown = await page.$$eval('[data-table="feedback.by_month"] tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
  );
  const nulls = byMonth.rows.flatMap((r, i) => r.flatMap((v, j) => (v === null ? [shown[i]![j]] : [])));
  assert.ok(nulls.length > 0, 'the month table has cells the API left null');
  assert.deepEqual([...new Set(nulls)], ['—']);
  assert.equal(await page.locator('main :text-matches("NaN")').count(), 0, 'no NaN on the page');
  await page.screenshot({ path: join(ARTIFACTS, 'feedback.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `page wider than 360 px by ${overflow} px (tables scroll inside their box)`);
  await page.screenshot({ path: join(ARTIFACTS, 'feedback-360.png'), fullPage: true });
  await page.close();
  assert.deepEqual(errors, []);
});
