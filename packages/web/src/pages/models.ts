import { api, fetchSettings } from '../api.js';
import { chart } from '../charts.js';
import { h } from '../dom.js';
import { formatValue } from '@cvm/core/report';
import { money, num, pct, cur, loadCurrency } from '../format.js';
import { figure, notComputed, pageHeader } from '../widgets.js';
import { reportTableBlock } from '../report-table-view.js';
import type { ApiModels } from '@cvm/core/api';

/** The doubts about the fits behind the numbers, in plain words (the models report's `warnings`), as one visible block. */
export function fitDoubts(warnings: string[], id: string): HTMLElement | null {
  return warnings.length
    ? h(
        'div',
        { class: 'notice', id, 'data-role': 'fit-doubts' },
        h('strong', {}, 'Read with care: '),
        h('ul', {}, ...warnings.map((w) => h('li', {}, w))),
      )
    : null;
}

export async function modelsPage(root: HTMLElement): Promise<void> {
  await loadCurrency(fetchSettings);
  const answer = await api<ApiModels>('/api/models');
  if (answer.status === 'not_computed') {
    root.append(pageHeader('Model fit', 'The CLV models did not run on this log.'), notComputed(answer.reason));
    return;
  }
  const m = answer.models;
  const comparison = answer.comparison;
  const v = m.validation;
  root.append(
    pageHeader(
      'Model fit',
      v
        ? `Fitted on purchases up to ${v.calibrationEnd}, checked against the holdout to ${v.holdoutEnd} (${v.holdoutPeriods} ${v.period}s, ${v.customers.toLocaleString('en-US')} customers); computed at ${v.computedAt}.`
        : 'Holdout validation was skipped.',
    ),
  );
  if (m.fallback) {
    root.append(
      h('div', { class: 'notice', id: 'no-forecast', 'data-role': 'fallback' }, h('strong', {}, 'No CLV forecast: '), m.fallback.reason),
    );
  } else {
    root.append(
      h(
        'div',
        { class: 'cards' },
        figure(
          'totalClv',
          'Total predicted CLV',
          m.totalClv,
          money(m.totalClv!),
          `${cur()}, ${m.units!.horizon}, ${m.units!.discount}, ${m.units!.margin}`,
        ),
        h(
          'div',
          { class: 'card' },
          h('div', { class: 'label' }, 'Scoring model'),
          h('div', { class: 'value' }, m.model),
          h(
            'div',
            { class: 'unit' },
            Object.entries(m.params ?? {})
              .map(([k, x]) => `${k} ${num(x)}`)
              .join(', '),
          ),
        ),
      ),
    );
    const doubts = fitDoubts(m.warnings, 'scoring-doubts');
    if (doubts) root.append(doubts);
    for (const n of m.notes as string[]) root.append(h('p', { class: 'meta', 'data-role': 'fit-note' }, n));
  }
  if (!v) {
    root.append(notComputed(m.validationSkipped ?? 'No holdout validation.'));
    return;
  }
  root.append(
    h('p', { class: 'notice' }, h('strong', {}, 'Recommendation: '), v.comparison.recommended ?? 'none', ' — ', v.comparison.reason),
  );
  const models = v.models;
  const warnings = models.flatMap((x) => [
    ...(x.assessment.trust === 'ok' ? [] : [x.assessment.summary]),
    ...(x.fit.warnings as string[]).map((w) => `${x.label}: ${w}`),
  ]);
  if (warnings.length)
    root.append(
      h(
        'div',
        { class: 'notice', id: 'fit-warnings' },
        h('strong', {}, 'Fit warnings: '),
        h('ul', {}, ...warnings.map((w) => h('li', {}, w))),
        h(
          'p',
          { 'data-role': 'warnings-plain' },
          'What this means: the data pin some model parameters down only loosely, so read the parameter values with care. The predictions are still checked against the holdout below; trust the comparison table, and prefer the recommended model.',
        ),
      ),
    );
  const t0 = models[0].tracking;
  // issue 17: the recommended model's holdout prediction band, shaded, with its forecast from the customers' histories
  const recommended = models.find((x) => x.model === v.comparison.recommended) ?? models[0];
  const banded = recommended.tracking.band ? recommended : (models.find((x) => x.tracking.band) ?? recommended);
  const bd = banded.tracking.band as null | {
    level: number;
    firstPeriod: number;
    cumulative: number[];
    cumulativeLo: number[];
    cumulativeHi: number[];
    incremental: number[];
    incrementalLo: number[];
    incrementalHi: number[];
  };
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
        reportTableBlock(answer.tracking.table),
      ),
    );
  }
  // headers, units and number formats come from the core's report table (the CLI prints the same)
  const cmp = comparison!; // present whenever the validation is
  root.append(
    h('h2', {}, 'Model comparison'),
    h(
      'div',
      { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'Model comparison table' },
      h(
        'table',
        { 'data-table': 'comparison' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...cmp.columns.map((c) =>
              h('th', { scope: 'col', title: c.description }, c.label, c.unit ? h('span', { class: 'unit' }, c.unit) : null),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...cmp.rows.map((r) =>
            h(
              'tr',
              {},
              ...cmp.columns.map((c, j) => {
                const x = r[j] ?? null;
                return h(
                  'td',
                  { class: typeof x === 'number' ? 'num' : '', 'data-col': c.key, 'data-value': String(x) },
                  formatValue(x, c.kind),
                );
              }),
            ),
          ),
        ),
      ),
    ),
  );
  if (m.fallback) {
    root.append(
      h('h2', {}, 'Top customers by historic net revenue (past value, not a forecast)'),
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          { 'data-table': 'top-historic' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', {}, 'customer'), h('th', {}, 'net revenue', h('span', { class: 'unit' }, `${cur()}, to date`))),
          ),
          h(
            'tbody',
            {},
            ...m.topHistoric.map((t) =>
              h(
                'tr',
                {},
                h('td', {}, h('a', { href: `#/customer/${encodeURIComponent(t.customerId)}` }, t.customerId)),
                h('td', { class: 'num' }, money(t.netRevenue)),
              ),
            ),
          ),
        ),
      ),
    );
    return;
  }
  root.append(
    h('h2', {}, `Top customers by predicted CLV (${m.units!.horizon})`),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { 'data-table': 'top-clv' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'customer'),
            h('th', {}, 'Chance still active', h('span', { class: 'unit' }, 'P(alive) at the log end')),
            h('th', {}, 'expected purchases', h('span', { class: 'unit' }, m.units!.horizon)),
            h('th', {}, 'expected spend', h('span', { class: 'unit' }, `${cur()} per purchase`)),
            h('th', {}, 'CLV', h('span', { class: 'unit' }, `${cur()}, ${m.units!.discount}`)),
          ),
        ),
        h(
          'tbody',
          {},
          ...m.top.map((t) =>
            h(
              'tr',
              {},
              h('td', {}, h('a', { href: `#/customer/${encodeURIComponent(t.customerId)}` }, t.customerId)),
              h('td', { class: 'num' }, pct(t.pAlive)),
              h('td', { class: 'num' }, num(t.expectedPurchases)),
              h('td', { class: 'num' }, money(t.expectedSpend)),
              h('td', { class: 'num', 'data-col': 'clv', 'data-value': String(t.clv) }, money(t.clv)),
            ),
          ),
        ),
      ),
    ),
  );
}
