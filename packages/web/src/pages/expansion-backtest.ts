import type { ApiExpansionNotComputed, ApiOffersBacktest } from '@cvm/core/api';
import { api, downloadCsv } from '../api.js';
import { h } from '../dom.js';
import { int, pct, when } from '../format.js';
import { tableBox } from '../table.js';
import { figure, notComputed } from '../widgets.js';

const points = (x: number | null): string => (x === null ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} points`);

/**
 * The backtest of the offers against the popularity baseline: a calibration end and k to choose,
 * the verdict in words first, hit rate and precision at k side by side with the paired interval,
 * the table and its notes, a CSV download. Drawn into `slot`.
 */
export async function backtestSection(slot: HTMLElement): Promise<void> {
  const s: { calibrationEnd: string; k: string } = { calibrationEnd: '', k: '5' };
  const query = (format?: 'csv'): string => {
    const p = new URLSearchParams({ k: s.k });
    if (s.calibrationEnd) p.set('calibrationEnd', s.calibrationEnd);
    if (format) p.set('format', format);
    return `/api/expansion/backtest?${p}`;
  };
  const date = h('input', { type: 'date', 'data-input': 'calibrationEnd', required: true }) as HTMLInputElement;
  const k = h(
    'select',
    { 'data-input': 'k' },
    ...['3', '5', '10'].map((v) => h('option', { value: v, selected: v === s.k }, v)),
  ) as HTMLSelectElement;
  const body = h('div', {});
  const section = h(
    'section',
    { 'data-role': 'backtest', 'data-status': 'loading', 'aria-labelledby': 'backtest-h' },
    h('h2', { id: 'backtest-h' }, 'Do the offers work? Backtest against the best sellers'),
    h(
      'p',
      { class: 'sub' },
      'Offers are made from the data up to a day in the past and checked against what each customer bought after it. The baseline offers everyone the best sellers they have not bought. A recommender that does not beat it says so.',
    ),
    h(
      'form',
      {
        class: 'toolbar filters',
        onsubmit: (e: Event) => {
          e.preventDefault();
          s.calibrationEnd = date.value;
          s.k = k.value;
          void load();
        },
      },
      h('label', { class: 'field' }, h('span', {}, 'Offers made on'), date),
      h('label', { class: 'field' }, h('span', {}, 'Offers per customer (k)'), k),
      h('button', { type: 'submit', class: 'primary', 'data-role': 'backtest-run' }, 'Run backtest'),
    ),
    body,
  );
  slot.replaceChildren(section);
  const load = async (): Promise<void> => {
    section.setAttribute('data-status', 'loading');
    try {
      const r = await api<ApiOffersBacktest | ApiExpansionNotComputed>(query());
      if (r.status === 'not_computed') {
        body.replaceChildren(notComputed(r.reason));
        section.setAttribute('data-status', 'not_computed');
        return;
      }
      date.value = r.calibrationEnd;
      const { model: m, baseline: b, hitRateDifference: d, precisionDifference: dp } = r.comparison;
      const who = `of ${int(m.customers)} customers who bought something new to them from the day after ${r.calibrationEnd} to ${r.holdoutEnd}`;
      body.replaceChildren(
        h('p', { class: `notice verdict ${r.verdict}`, 'data-role': 'verdict', 'data-verdict': r.verdict }, r.summary),
        h(
          'div',
          { class: 'cards' },
          figure(
            'hitRate',
            `Hit rate at ${r.k}: offers`,
            m.hitRate,
            pct(m.hitRate),
            `share of customers who bought at least one of their ${r.k} offers, ${who}`,
          ),
          figure(
            'hitRateBaseline',
            `Hit rate at ${r.k}: best sellers`,
            b.hitRate,
            pct(b.hitRate),
            `the same for the ${r.k} best sellers each customer had not bought`,
          ),
          figure(
            'hitRateDifference',
            'Difference',
            d.estimate,
            points(d.estimate),
            `95% interval ${points(d.low)} to ${points(d.high)} (paired by customer)`,
          ),
          figure(
            'precision',
            `Precision at ${r.k}: offers`,
            m.precision,
            pct(m.precision),
            `mean share of the ${r.k} offers bought; best sellers ${pct(b.precision)} (${points(dp.estimate)})`,
          ),
        ),
        tableBox(r.table.columns, r.table.rows, { name: 'backtest', caption: r.table.title }),
        h('div', { class: 'rule' }, ...r.table.notes.slice(1).map((n) => h('p', {}, n)), ...r.warnings.map((w) => h('p', {}, w))),
        h(
          'div',
          { class: 'toolbar' },
          h(
            'button',
            { type: 'button', 'data-csv': 'backtest', onclick: () => void downloadCsv(query('csv'), 'offers-backtest.csv') },
            'Download CSV',
          ),
        ),
        h('p', { class: 'meta' }, `${int(r.rules)} rules behind the offers; computed at ${when(r.computedAt)}`),
      );
      section.setAttribute('data-status', 'ok');
    } catch (e) {
      body.replaceChildren(h('div', { class: 'error', role: 'alert', 'data-role': 'backtest-error' }, (e as Error).message));
      section.setAttribute('data-status', 'error');
    }
  };
  await load();
}
