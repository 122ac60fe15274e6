// Leaving a page while its heat map is still painting. zrender paints a heat map's cells over several
// animation frames (15 ms of drawing each, timed with Date.now); on a loaded machine the user can click
// a cell, or follow a link, before the last frame, and a frame that runs after the chart is disposed
// throws "Cannot read properties of null (reading 'layerStack')" (seen once in CI on the Migration page).
// Slowing the browser's CPU made that likely but not certain (an idle CI machine painted every cell in
// the first 15 ms), so here the page's clock runs fast instead: from the moment the heat map is first
// drawn until the next page is shown, each Date.now() call moves it on by 20 ms, so zrender paints one
// cell per frame and still has frames pending when the chart is disposed.
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
  // a clock that stays monotonic: while `__fastClock` is set each reading moves it on by 20 ms
  await page.addInitScript(() => {
    const w = window as unknown as { __fastClock?: boolean };
    const real = Date.now.bind(Date);
    let ahead = 0;
    Date.now = () => {
      if (w.__fastClock) ahead += 20;
      return real() + ahead;
    };
  });
  // load the server's answers and ECharts first, then come back to the cohorts from the Data page
  await page.goto(`${server.url}#/cohorts?by=month&metric=retention`);
  await page.waitForSelector('main[data-ready] [data-chart=cohorts][data-drawn]', { timeout: 180_000 });
  for (let round = 0; round < 2; round++) {
    await page.evaluate(() => {
      location.hash = '#/data';
    });
    await page.waitForSelector('main[data-page=data][data-ready]', { timeout: 120_000 });
    // go to the cohorts and leave them in the same task in which the heat map is first drawn
    const painting = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const w = window as unknown as { __fastClock?: boolean };
          // zrender's internals, read only to show that the test exercised what it is about: a layer
          // whose draw cursor has not reached its end has a frame pending
          type Cursor = { drawIdx: number; endIdx: number };
          type Layer = { __cursors?: { each(f: (c: Cursor) => void): void } };
          type Painted = { chart: { getZr(): { painter: { _i: { layers: (Layer | undefined)[][] } } } } };
          new MutationObserver((_m, observer) => {
            const el = document.querySelector('[data-chart=cohorts][data-drawn]') as unknown as Painted | null;
            if (!el) return;
            observer.disconnect();
            let pending = false;
            for (const level of el.chart.getZr().painter._i.layers)
              for (const layer of level ?? [])
                layer?.__cursors?.each((c) => {
                  if (c.drawIdx < c.endIdx) pending = true;
                });
            location.hash = '#/data';
            resolve(pending);
          }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-drawn'] });
          w.__fastClock = true;
          location.hash = '#/cohorts?by=month&metric=retention';
        }),
    );
    assert.ok(painting, `round ${round + 1}: the page was left while the heat map still had cells to paint`);
    await page.waitForSelector('main[data-page=data][data-ready]', { timeout: 120_000 });
    // the frames zrender had pending run now, still one cell each while the clock runs fast
    await page.waitForTimeout(300);
    await page.evaluate(() => {
      (window as unknown as { __fastClock?: boolean }).__fastClock = false;
    });
  }
  assert.deepEqual(errors, []);
  await page.close();
});
