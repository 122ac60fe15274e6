// Issue 17 in a real browser: the Model fit page's tracking chart shades the recommended model's
// holdout prediction band, the per-period chart does the same, and the table alternative lists every
// period with the band exactly as the API's core table has it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, SKIP, sampleDashboard, type SampleDashboard } from './browser.js';
import type { ApiModelsOk } from '@cvm/core/api';
import type { Cell, ReportColumn } from '@cvm/core/report';

/** A drawn chart's element: the ECharts instance with the series part of its option. */
type ChartElement = { chart: { getOption(): { series: { name: string; data: (number | null)[]; areaStyle?: unknown }[] } } };

let dashboard: SampleDashboard | undefined;
before(async () => {
  if (!SKIP) dashboard = await sampleDashboard();
});
after(async () => {
  await dashboard?.close();
});

test("model fit page: the tracking chart has the holdout band and its table alternative has the API's numbers", {
  skip: SKIP,
  timeout: 240_000,
}, async () => {
  const { server, browser } = dashboard!;
  const errors: string[] = [];
  const page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${server.url}#/models`);
  await page.waitForSelector('main[data-page=models][data-ready] [data-chart=tracking][data-drawn]', { timeout: 180_000 });
  const api = (await (await fetch(`${server.url}api/models`)).json()) as ApiModelsOk;
  const v = api.models.validation;
  assert.ok(v, 'CDNOW with a calibration end has a holdout validation');
  const rec = v.models.find((m) => m.model === v.comparison.recommended) ?? v.models[0]!;
  const banded = rec.tracking.band ? rec : v.models.find((m) => m.tracking.band);
  const band = banded?.tracking.band;
  assert.ok(band, 'a model with a prediction band');
  assert.equal(band.firstPeriod, 40, 'CDNOW: calibration to 1997-09-30 = end of week 39');

  // the chart: a stacked pair (low, high − low) shaded, null before the holdout
  const series = await page.$eval('[data-chart=tracking]', (el) =>
    (el as unknown as ChartElement).chart.getOption().series.map((s) => ({ name: s.name, data: s.data, area: !!s.areaStyle })),
  );
  const low = series.find((s) => / band low$/.test(s.name));
  const width = series.find((s) => s.area);
  assert.ok(low && width, `band series missing: ${series.map((s) => s.name).join(', ')}`);
  assert.equal(low.data[38], null, 'no band in the calibration weeks');
  for (const k of [39, 50, 77]) {
    const h = k - 39;
    assert.equal(low.data[k], band.cumulativeLo[h], `band low, week ${k + 1}`);
    assert.ok(Math.abs(width.data[k]! - (band.cumulativeHi[h] - band.cumulativeLo[h])) < 1e-9, `band width, week ${k + 1}`);
  }
  const perPeriod = await page.$eval('[data-chart=tracking-per-period]', (el) =>
    (el as unknown as ChartElement).chart.getOption().series.map((s) => ({ name: s.name, data: s.data })),
  );
  assert.equal(perPeriod.find((s) => / band low$/.test(s.name))!.data[60], band.incrementalLo[21], 'per-week band low, week 61');
  assert.match((await page.textContent('[data-role=band-note]')) ?? '', /Shaded: where the actual count should fall 90% of the time/);

  // the table alternative: every week, the band cells equal the API's core table
  await page.click('[data-role=tracking-table] summary');
  const rows = await page.$$eval('[data-role=tracking-table] tbody tr', (trs) =>
    trs.map((tr) => ({
      lo: tr.querySelector('td[data-col=band_lo]')!.getAttribute('data-value'),
      hi: tr.querySelector('td[data-col=band_hi]')!.getAttribute('data-value'),
    })),
  );
  assert.equal(rows.length, 78);
  assert.ok(api.tracking, 'the recommended model has a tracking table');
  const cols = api.tracking.table.columns.map((c: ReportColumn) => c.key);
  api.tracking.table.rows.forEach((r: Cell[], k: number) => {
    assert.equal(
      rows[k]!.lo,
      r[cols.indexOf('band_lo')] === null ? '' : String(r[cols.indexOf('band_lo')]),
      `table band_lo, week ${k + 1}`,
    );
    assert.equal(
      rows[k]!.hi,
      r[cols.indexOf('band_hi')] === null ? '' : String(r[cols.indexOf('band_hi')]),
      `table band_hi, week ${k + 1}`,
    );
  });
  assert.equal(Number(rows[77]!.hi), band.cumulativeHi[38]);
  await page.screenshot({ path: join(ARTIFACTS, 'models-tracking-band.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
