import type { ApiModelsOk } from '@cvm/core/api';
import { chart } from '../charts.js';
import { h } from '../dom.js';
import { reportTable } from '../table.js';

type Validation = NonNullable<ApiModelsOk['models']['validation']>;

/**
 * The models page's tracking part (issue 17): cumulative and per-period purchases, actual against
 * each model over calibration and holdout, the recommended model's prediction band shaded, the
 * band in words, and the tracking numbers as a table (the chart's text alternative).
 */
export function appendTracking(root: HTMLElement, answer: ApiModelsOk, v: Validation): void {
  const models = v.models;
  const t0 = models[0].tracking;
  // issue 17: the recommended model's holdout prediction band, shaded, with its forecast from the customers' histories
  const recommended = models.find((x) => x.model === v.comparison.recommended) ?? models[0];
  const banded = recommended.tracking.band ? recommended : (models.find((x) => x.tracking.band) ?? recommended);
  const bd = banded.tracking.band ?? null; // the API's declared band (trackingBandSchema), or none
  const pctLevel = bd ? `${Math.round(100 * bd.level)}%` : '';
  const along = (vals: number[] | undefined): (number | null)[] =>
    t0.period.map((p: number) => (bd && vals && p >= bd.firstPeriod ? (vals[p - bd.firstPeriod] ?? null) : null));
  const bandSeries = (lo: number[], hi: number[], mid: number[], stack: string): object[] =>
    bd
      ? [
          {
            name: `${pctLevel} band low`,
            type: 'line',
            stack,
            data: along(lo),
            showSymbol: false,
            lineStyle: { opacity: 0 },
            tooltip: { show: false },
            silent: true,
          },
          {
            name: `${banded.label} ${pctLevel} band`,
            type: 'line',
            stack,
            data: along(hi.map((x, k) => x - lo[k]!)),
            showSymbol: false,
            lineStyle: { opacity: 0 },
            areaStyle: { color: 'rgba(36, 87, 197, 0.18)' },
            silent: true,
          },
          {
            name: `${banded.label} forecast from history`,
            type: 'line',
            showSymbol: false,
            lineStyle: { type: 'dotted', width: 2 },
            data: along(mid),
          },
        ]
      : [];
  const bandNote = bd
    ? `Shaded: where the actual count should fall ${pctLevel} of the time if ${banded.label} is right, from the calibration end on, given what each customer bought before it (the fit's parameter uncertainty and the randomness of purchases). Actual outside the band: the model misses the holdout.`
    : `No band: ${banded.tracking.bandNote ?? 'not computed'}`;
  const weekly = t0.actualIncremental ?? t0.actualCumulative.map((c: number, k: number) => (k ? c - t0.actualCumulative[k - 1] : c));
  root.append(
    h(
      'div',
      { class: 'grid2' },
      h(
        'div',
        {},
        h('h2', {}, `Tracking: cumulative repeat purchases per ${v.period}`),
        chart('tracking', {
          tooltip: { trigger: 'axis' },
          legend: {
            top: 0,
            data: [
              'actual',
              ...models.map((x) => x.label),
              ...(bd ? [`${banded.label} ${pctLevel} band`, `${banded.label} forecast from history`] : []),
            ],
          },
          xAxis: {
            type: 'category',
            name: `${v.period}s since the first purchase`,
            nameLocation: 'middle',
            nameGap: 28,
            data: t0.period.map(String),
          },
          yAxis: { type: 'value', name: 'cumulative repeat purchases' },
          series: [
            ...bandSeries(bd?.cumulativeLo ?? [], bd?.cumulativeHi ?? [], bd?.cumulative ?? [], 'cum-band'),
            {
              name: 'actual',
              type: 'line',
              showSymbol: false,
              data: t0.actualCumulative,
              lineStyle: { width: 3 },
              markLine: {
                symbol: 'none',
                lineStyle: { type: 'solid', color: '#9a5b00' },
                label: { formatter: `calibration end ${v.calibrationEnd}`, position: 'insideEndTop' },
                data: [{ xAxis: String(t0.calibrationPeriods) }],
              },
            },
            ...models.map((x) => ({
              name: x.label,
              type: 'line',
              showSymbol: false,
              lineStyle: { type: 'dashed' },
              data: x.tracking.predictedCumulative,
            })),
          ],
        }),
        h('p', { class: 'meta', 'data-role': 'band-note' }, bandNote),
      ),
      h(
        'div',
        {},
        h('h2', {}, `Holdout purchases per customer by calibration frequency (${v.holdoutPeriods} ${v.period}s)`),
        chart('by-frequency', {
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          xAxis: {
            type: 'category',
            name: 'repeat purchase days in calibration',
            nameLocation: 'middle',
            nameGap: 28,
            data: models[0].byFrequency.map((r) => String(r.frequency)),
          },
          yAxis: { type: 'value', name: 'mean holdout purchases' },
          series: [
            { name: 'actual', type: 'bar', data: models[0].byFrequency.map((r) => r.actual) },
            ...models.map((x) => ({ name: x.label, type: 'line', data: x.byFrequency.map((r) => r.predicted) })),
          ],
        }),
      ),
    ),
  );
  if (bd) {
    root.append(
      h('h2', {}, `Repeat purchases per ${v.period}, with the ${pctLevel} band over the holdout`),
      chart(
        'tracking-per-period',
        {
          tooltip: { trigger: 'axis' },
          legend: { top: 0, data: ['actual', `${banded.label} ${pctLevel} band`, `${banded.label} forecast from history`] },
          xAxis: {
            type: 'category',
            name: `${v.period}s since the first purchase`,
            nameLocation: 'middle',
            nameGap: 28,
            data: t0.period.map(String),
          },
          yAxis: { type: 'value', name: `repeat purchases in the ${v.period}` },
          series: [
            ...bandSeries(bd.incrementalLo, bd.incrementalHi, bd.incremental, 'inc-band'),
            { name: 'actual', type: 'line', showSymbol: false, data: weekly, lineStyle: { width: 2 } },
          ],
        },
        280,
      ),
    );
  }
  if (answer.tracking) {
    root.append(
      h(
        'details',
        { 'data-role': 'tracking-table' },
        h('summary', {}, `The tracking numbers as a table (${answer.tracking.label}, every ${v.period})`),
        reportTable(answer.tracking.table),
      ),
    );
  }
}
