// Leaving a page while its heat map is still painting. zrender paints a heat map's cells over several
// animation frames (15 ms of drawing each); on a loaded machine the user can click a cell, or follow a
// link, before the last frame, and a frame that runs after the chart is disposed throws "Cannot read
// properties of null (reading 'layerStack')" (seen once in CI on the Migration page). The browser's CPU
// is slowed 100 times here so that the cohort heat map is reliably still painting when the page changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, sampleDashboard, type SampleDashboard } from './browser.js';

let dashboard: SampleDashboard | undefined;
before(async () => {
  if (!SKIP) dashboard = await sampleDashboard();
});
after(async () => {
  await dashboard?.close();
});

test('leaving a page while its heat map is still painting logs no page error', { skip: SKIP, timeout: 300_000 }, async () => {
  const { server, browser } = dashboard!;
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // warm the server's answers at full speed, then slow the browser down
  await page.goto(`${server.url}#/cohorts?by=month&metric=retention`);
  await page.waitForSelector('main[data-ready] [data-chart=cohorts][data-drawn]', { timeout: 180_000 });
  const cdp = await browser.newCDPSession(page);
  let leftMidPaint = 0;
  // the Data page draws no chart: leaving to it and coming back costs little at a slowed CPU
  for (let round = 0; round < 4 && leftMidPaint < 2; round++) {
    await page.evaluate(() => {
      location.hash = '#/data';
    });
    await page.waitForSelector('main[data-page=data][data-ready]', { timeout: 120_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 100 });
    // go to the cohorts and leave them in the same task in which the heat map is first drawn
    leftMidPaint += await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          // zrender's internals, read only to show that the test exercised what it is about: a layer
          // whose draw cursor has not reached its end has a frame pending
          type Cursor = { drawIdx: number; endIdx: number };
          type Layer = { __cursors?: { each(f: (c: Cursor) => void): void } };
          type Painted = { chart: { getZr(): { painter: { _i: { layers: (Layer | undefined)[][] } } } } };
          new MutationObserver((_m, observer) => {
            const el = document.querySelector('[data-chart=cohorts][data-drawn]') as unknown as Painted | null;
            if (!el) return;
            observer.disconnect();
            let painting = 0;
            for (const level of el.chart.getZr().painter._i.layers)
              for (const layer of level ?? [])
                layer?.__cursors?.each((c) => {
                  if (c.drawIdx < c.endIdx) painting = 1;
                });
            location.hash = '#/data';
            resolve(painting);
          }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-drawn'] });
          location.hash = '#/cohorts?by=month&metric=retention';
        }),
    );
    await page.waitForSelector('main[data-page=data][data-ready]', { timeout: 120_000 });
    // the frames zrender had pending run now
    await page.waitForTimeout(1000);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
  assert.ok(leftMidPaint > 0, 'the page was left while the heat map was still painting at least once');
  assert.deepEqual(errors, []);
  await page.close();
});
