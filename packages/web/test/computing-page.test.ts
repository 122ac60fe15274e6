// issue 18, item 5, in a real browser: while the server is still computing what a page needs (its
// reads answer 202 Computing), the page says so in a status line, asks again by itself, and fills in
// with the same numbers once the work is done; readable at 360 px, no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ingestFile, openWorkspace, type Engine } from '@cvm/core';
import { ComputingWork, startServer } from '@cvm/server';
import type { BrowserContext } from 'playwright-core';
import { ARTIFACTS, ROOT, SKIP, ensureBuilt, launch, tempDir } from './browser.js';
import { gatedEngine } from '../../core/test/helpers/gated-engine.js';

let base: Engine;
let browser: BrowserContext;

before(async () => {
  if (SKIP) return;
  ensureBuilt();
  base = await openWorkspace();
  await ingestFile(base, join(ROOT, 'data/cdnow/cdnow_sample_elog.csv'), { mapping: { customer: 'sampleid', quantity: 'cds' } });
  browser = await launch();
});
after(async () => {
  if (SKIP) return;
  await browser.close();
  await base.close();
});

test('overview page: "Still computing" while the server computes, then the numbers, at 1440 and 360 px', {
  skip: SKIP,
  timeout: 180_000,
}, async () => {
  const computing = new ComputingWork();
  let finish = (): void => {};
  const report = new Promise<void>((r) => {
    finish = r;
  });
  void computing.track('the report', report);
  const gated = gatedEngine(base);
  const server = await startServer(gated.engine, {
    port: 0,
    models: false,
    uploadDir: tempDir(),
    computing,
    warmAfter: report,
    answerComputingAfterMs: 200,
  });
  await (await fetch(`${server.url}api/health`)).json(); // the data version, read before the gate closes (as cvm serve does)
  gated.close();
  try {
    const errors: string[] = [];
    for (const width of [1440, 360]) {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height: 900 });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}#/overview`);
      const status = page.locator('[data-role=computing]');
      await status.waitFor({ state: 'visible', timeout: 60_000 });
      assert.match((await status.textContent()) ?? '', /^Still computing the report \(since \d\d:\d\d:\d\d UTC\): this page fills in/);
      assert.equal(await status.getAttribute('role'), 'status');
      assert.equal(await page.locator('main[data-ready]').count(), 0, 'the page waits for its data');
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(sideways <= 0, `no sideways scroll at ${width} px (${sideways})`);
      await page.screenshot({ path: join(ARTIFACTS, `computing-${width}.png`) });
      await page.close();
    }
    // the same page fills in by itself once the work is done
    const page = await browser.newPage();
    await page.goto(`${server.url}#/overview`);
    await page.locator('[data-role=computing]').waitFor({ state: 'visible', timeout: 60_000 });
    gated.open();
    finish();
    await page.waitForSelector('main[data-ready]', { timeout: 120_000 });
    assert.equal(await page.locator('[data-role=computing]').isVisible(), false, 'the status line is gone');
    const text = (await page.textContent('main')) ?? '';
    assert.match(text, /2,357/, 'the overview shows the customers');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    gated.open();
    finish();
    await server.close();
  }
});
