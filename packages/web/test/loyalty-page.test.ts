// The Loyalty page in a real browser over a small demo business with the example programme: the
// tier table is the API's, the tiers-over-time chart has its table alternative, the outcome window
// is in the URL, readable at 360 px, no console error. Without a programme the page says how to give one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateDemoBusiness, ingestFile, openWorkspace, type Engine } from '@cvm/core';
import { startServer } from '@cvm/server';
import type { BrowserContext } from 'playwright-core';
import { ARTIFACTS, ROOT, SKIP, ensureBuilt, launch, tempDir } from './browser.js';
import { assertSpecHeaders } from './spec-headers.js';

let engine: Engine;
let server: { url: string; close(): Promise<void> };
let bare: { url: string; close(): Promise<void> };
let browser: BrowserContext;

before(async () => {
  if (SKIP) return;
  ensureBuilt();
  const dir = tempDir();
  generateDemoBusiness(dir, { customers: 1500, seed: 21 });
  engine = await openWorkspace();
  await ingestFile(engine, join(dir, 'transactions.csv'));
  server = await startServer(engine, {
    port: 0,
    models: false,
    uploadDir: tempDir(),
    program: join(ROOT, 'data/loyalty/three-tiers.yaml'),
  });
  bare = await startServer(engine, { port: 0, models: false, uploadDir: tempDir() });
  browser = await launch();
});
after(async () => {
  if (SKIP) return;
  await browser.close();
  await server.close();
  await bare.close();
  await engine.close();
});

test("loyalty page: the API's tiers, chart with a table, horizon in the URL, 360 px", { skip: SKIP, timeout: 180_000 }, async () => {
  const errors: string[] = [];
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}#/loyalty?horizon=90`);
  await page.waitForSelector('main[data-ready]', { timeout: 120_000 });
  const api = await (await fetch(`${server.url}api/loyalty?horizon=90`)).json();
  assert.equal(api.status, 'ok');
  const byTier = api.section.tables.find((t: { id: string }) => t.id === 'loyalty.by_tier');
  assert.equal(await page.locator('[data-table="loyalty.by_tier"] tbody tr').count(), byTier.rows.length);
  assert.equal(await page.inputValue('#loyalty-horizon'), '90');
  await page.waitForSelector('[data-chart="loyalty-tiers"][data-drawn]');
  const tiers = api.reports[0].program.tiers.length;
  assert.equal(
    await page.locator('[data-table="loyalty.over_time"] tbody tr').count(),
    Math.min(12, new Set(api.reports[0].overTime.map((r: { review: string }) => r.review)).size) * tiers,
  );
  // the chart's table alternative is the core's over-time table (the CSV's columns), as the API sends it
  await assertSpecHeaders(page, 'loyalty.over_time', api.tables.overTime);
  await page.screenshot({ path: join(ARTIFACTS, 'loyalty.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  // drawn afresh at 360 px (a chart drawn at 1360 px resizes on a debounced resize event, which a loaded machine may not have run yet)
  await page.reload();
  await page.waitForSelector('main[data-ready]');
  await page.waitForSelector('[data-chart="loyalty-tiers"][data-drawn]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `page wider than 360 px by ${overflow} px`);
  await page.goto(`${bare.url}#/loyalty`);
  await page.waitForSelector('main[data-ready]');
  assert.match(await page.innerText('[data-status=not_computed]'), /--program FILE/);
  await page.close();
  assert.deepEqual(errors, []);
});
