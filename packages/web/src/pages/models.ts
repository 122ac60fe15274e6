import { api } from '../api.js';
import { chart } from '../charts.js';
import { h } from '../dom.js';
import { money, num, pct } from '../format.js';
import { figure, notComputed, pageHeader } from '../widgets.js';

/** The doubts about the fits behind the numbers, in plain words (the models report's `warnings`), as one visible block. */
export function fitDoubts(warnings: string[], id: string): HTMLElement | null {
  return warnings.length ? h('div', { class: 'notice', id, 'data-role': 'fit-doubts' }, h('strong', {}, 'Read with care: '), h('ul', {}, ...warnings.map((w) => h('li', {}, w)))) : null;
}

export async function modelsPage(root: HTMLElement): Promise<void> {
  const answer = await api('/api/models');
  if (answer.status === 'not_computed') {
    root.append(pageHeader('Model fit', 'The CLV models did not run on this log.'), notComputed(answer.reason));
    return;
  }
  const m = answer.models;
  const v = m.validation;
  root.append(pageHeader('Model fit', v ? `Fitted on purchases up to ${v.calibrationEnd}, checked against the holdout to ${v.holdoutEnd} (${v.holdoutPeriods} ${v.period}s, ${v.customers.toLocaleString('en-US')} customers); computed at ${v.computedAt}.` : 'Holdout validation was skipped.'));
  if (m.fallback) {
    root.append(h('div', { class: 'notice', id: 'no-forecast', 'data-role': 'fallback' }, h('strong', {}, 'No CLV forecast: '), m.fallback.reason));
  } else {
    root.append(h('div', { class: 'cards' },
      figure('totalClv', 'Total predicted CLV', m.totalClv, money(m.totalClv), `currency, ${m.units.horizon}, ${m.units.discount}, ${m.units.margin}`),
      h('div', { class: 'card' }, h('div', { class: 'label' }, 'Scoring model'), h('div', { class: 'value' }, m.model), h('div', { class: 'unit' }, Object.entries(m.params).map(([k, x]) => `${k} ${num(x as number)}`).join(', '))),
    ));
    const doubts = fitDoubts(m.warnings, 'scoring-doubts');
    if (doubts) root.append(doubts);
    for (const n of m.notes as string[]) root.append(h('p', { class: 'meta', 'data-role': 'fit-note' }, n));
  }
  if (!v) {
    root.append(notComputed(m.validationSkipped ?? 'No holdout validation.'));
    return;
  }
  root.append(h('p', { class: 'notice' }, h('strong', {}, 'Recommendation: '), v.comparison.recommended ?? 'none', ' — ', v.comparison.reason));
  const models = v.models as any[];
  const warnings = models.flatMap((x) => [...(x.assessment.trust === 'ok' ? [] : [x.assessment.summary]), ...(x.fit.warnings as string[]).map((w) => `${x.label}: ${w}`)]);
  if (warnings.length) root.append(h('div', { class: 'notice', id: 'fit-warnings' }, h('strong', {}, 'Fit warnings: '), h('ul', {}, ...warnings.map((w) => h('li', {}, w)))));
  const t0 = models[0].tracking;
  root.append(h('div', { class: 'grid2' },
    h('div', {}, h('h2', {}, `Tracking: cumulative repeat purchases per ${v.period}`), chart('tracking', {
      tooltip: { trigger: 'axis' }, legend: { top: 0 },
      xAxis: { type: 'category', name: `${v.period}s since the first purchase`, nameLocation: 'middle', nameGap: 28, data: t0.period.map(String) },
      yAxis: { type: 'value', name: 'cumulative repeat purchases' },
      series: [
        { name: 'actual', type: 'line', showSymbol: false, data: t0.actualCumulative, lineStyle: { width: 3 },
          markLine: { symbol: 'none', lineStyle: { type: 'solid', color: '#9a5b00' }, label: { formatter: `calibration end ${v.calibrationEnd}`, position: 'insideEndTop' }, data: [{ xAxis: String(t0.calibrationPeriods) }] } },
        ...models.map((x) => ({ name: x.label, type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: x.tracking.predictedCumulative })),
      ],
    })),
    h('div', {}, h('h2', {}, `Holdout purchases per customer by calibration frequency (${v.holdoutPeriods} ${v.period}s)`), chart('by-frequency', {
      tooltip: { trigger: 'axis' }, legend: { top: 0 },
      xAxis: { type: 'category', name: 'repeat purchase days in calibration', nameLocation: 'middle', nameGap: 28, data: models[0].byFrequency.map((r: any) => String(r.frequency)) },
      yAxis: { type: 'value', name: 'mean holdout purchases' },
      series: [{ name: 'actual', type: 'bar', data: models[0].byFrequency.map((r: any) => r.actual) },
        ...models.map((x) => ({ name: x.label, type: 'line', data: x.byFrequency.map((r: any) => r.predicted) }))],
    })),
  ));
  const cols = ['model', 'logLikelihood', 'aic', 'bic', 'mae', 'rmse', 'aggregateError', 'trackingMape', 'converged', 'verdict', 'trust'];
  const units: Record<string, string> = { trust: 'ok, caution or unreliable (never recommended)', mae: 'purchases per customer, holdout', rmse: 'purchases per customer, holdout', aggregateError: '(predicted − actual) / actual', trackingMape: 'mean abs. % error, cumulative curve' };
  root.append(h('h2', {}, 'Model comparison'), h('div', { class: 'scroll' }, h('table', { 'data-table': 'comparison' },
    h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', {}, c, units[c] ? h('span', { class: 'unit' }, units[c]) : null)))),
    h('tbody', {}, ...v.comparison.rows.map((r: any) => h('tr', {}, ...cols.map((c) => {
      const x = r[c];
      const text = typeof x === 'number' ? (c === 'aggregateError' || c === 'trackingMape' ? pct(x) : num(x)) : String(x);
      return h('td', { class: typeof x === 'number' ? 'num' : '', 'data-col': c, 'data-value': String(x) }, text);
    })))))));
  if (m.fallback) {
    root.append(h('h2', {}, 'Top customers by historic net revenue (past value, not a forecast)'), h('div', { class: 'scroll' }, h('table', { 'data-table': 'top-historic' },
      h('thead', {}, h('tr', {}, h('th', {}, 'customer'), h('th', {}, 'net revenue', h('span', { class: 'unit' }, 'currency, to date')))),
      h('tbody', {}, ...m.topHistoric.map((t: any) => h('tr', {}, h('td', {}, h('a', { href: `#/customer/${encodeURIComponent(t.customerId)}` }, t.customerId)), h('td', { class: 'num' }, money(t.netRevenue))))))));
    return;
  }
  root.append(h('h2', {}, `Top customers by predicted CLV (${m.units.horizon})`), h('div', { class: 'scroll' }, h('table', { 'data-table': 'top-clv' },
    h('thead', {}, h('tr', {}, h('th', {}, 'customer'), h('th', {}, 'P(alive)', h('span', { class: 'unit' }, 'at the log end')), h('th', {}, 'expected purchases', h('span', { class: 'unit' }, m.units.horizon)), h('th', {}, 'expected spend', h('span', { class: 'unit' }, 'currency per purchase')), h('th', {}, 'CLV', h('span', { class: 'unit' }, `currency, ${m.units.discount}`)))),
    h('tbody', {}, ...m.top.map((t: any) => h('tr', {}, h('td', {}, h('a', { href: `#/customer/${encodeURIComponent(t.customerId)}` }, t.customerId)), h('td', { class: 'num' }, num(t.pAlive)), h('td', { class: 'num' }, num(t.expectedPurchases)), h('td', { class: 'num' }, money(t.expectedSpend)), h('td', { class: 'num', 'data-col': 'clv', 'data-value': String(t.clv) }, money(t.clv))))))));
}
