import { api, downloadCsv } from '../api.js';
import { chart } from '../charts.js';
import { clear, h } from '../dom.js';
import { num } from '../format.js';
import { hashParams, pushHashParams } from '../table-state.js';
import { reportTable } from '../table.js';
import { computedMeta, notComputed, pageHeader, toggle } from '../widgets.js';
import type { ApiAcquisition, ApiAcquisitionRow } from '@cvm/core/api';

/** A ratio such as LTV:CAC; null (no CAC to divide by) shows as a dash. */
const ratio = (v: number | null): string => (v === null ? '—' : `${num(v)}×`);

/** LTV:CAC per channel with its 95% bootstrap interval (a floating bar from low to high, the estimate as a dot) and the break-even line at 1. */
function ltvChart(levels: ApiAcquisitionRow[]): HTMLElement {
  const paid = levels.filter((l) => l.ltvToCac !== null);
  return chart(
    'ltv-to-cac',
    {
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const l = paid[ps[0]!.dataIndex];
          return `${l.level}: LTV:CAC ${ratio(l.ltvToCac)} (95% interval ${ratio(l.ltvToCacLow)} to ${ratio(l.ltvToCacHigh)})`;
        },
      },
      grid: { left: 60, right: 20, top: 30, bottom: 40 },
      xAxis: { type: 'category', data: paid.map((l) => l.level) },
      yAxis: { type: 'value', name: 'LTV:CAC (×)', min: 0 },
      series: [
        { type: 'bar', stack: 'ci', silent: true, itemStyle: { color: 'transparent' }, data: paid.map((l) => l.ltvToCacLow) },
        {
          type: 'bar',
          stack: 'ci',
          name: '95% interval',
          itemStyle: { color: '#9db8ea' },
          data: paid.map((l) => (l.ltvToCacHigh ?? 0) - (l.ltvToCacLow ?? 0)),
        },
        {
          type: 'scatter',
          name: 'LTV:CAC',
          symbolSize: 12,
          itemStyle: { color: '#2457c5' },
          data: paid.map((l) => l.ltvToCac),
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#b45309' },
            data: [{ yAxis: 1, label: { formatter: 'break-even 1×', position: 'insideEndTop' } }],
          },
        },
      ],
    },
    300,
  );
}

/** Months to pay back CAC per channel, projected ones lighter, with the payback horizon as a line. */
function paybackChart(levels: ApiAcquisitionRow[], horizon: number): HTMLElement {
  const paid = levels.filter((l) => l.cac !== null);
  return chart(
    'payback',
    {
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const l = paid[ps[0]!.dataIndex];
          return `${l.level}: ${l.paybackMonths === null ? 'not within the projection' : `${l.paybackMonths} months${l.paybackProjected ? ' (projected)' : ''}`}`;
        },
      },
      grid: { left: 60, right: 20, top: 30, bottom: 40 },
      xAxis: { type: 'category', data: paid.map((l) => l.level) },
      yAxis: { type: 'value', name: 'months', min: 0 },
      series: [
        {
          type: 'bar',
          name: 'payback',
          data: paid.map((l) => ({ value: l.paybackMonths, itemStyle: { color: l.paybackProjected ? '#9db8ea' : '#2457c5' } })),
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#b45309' },
            data: [{ yAxis: horizon, label: { formatter: `horizon ${horizon} months`, position: 'insideEndTop' } }],
          },
        },
      ],
    },
    300,
  );
}

/** Acquisition economics by channel: the findings in words, LTV:CAC with intervals and payback charts, and the core's tables (by channel, by channel and cohort). */
export async function acquisitionPage(root: HTMLElement): Promise<void> {
  const saved = hashParams();
  const state = {
    cohort: saved.get('cohort') === 'quarter' ? 'quarter' : 'month',
    view: saved.get('view') === 'cohorts' ? 'cohorts' : 'channels',
  };
  root.append(
    pageHeader(
      'Acquisition',
      'What a customer costs to win (CAC) per channel, what they are worth (LTV = margin realised so far + predicted remaining CLV), and how many months until they pay their cost back.',
    ),
  );
  const controls = h('div', { class: 'toolbar', 'data-role': 'controls' });
  const body = h('div', { 'data-role': 'acquisition' });
  root.append(controls, body);
  // a choice by the user is a new history entry (Back returns to the previous view, as on the tables);
  // the first render only writes the defaults into the current one
  const choose = (): void => {
    pushHashParams(new URLSearchParams(state));
    void reload();
  };
  const reload = async (): Promise<void> => {
    pushHashParams(new URLSearchParams(state), true);
    clear(body);
    body.append(h('p', { class: 'meta' }, 'Computing (bootstrap over customers)…'));
    const r = await api<ApiAcquisition>(`/api/acquisition?cohort=${state.cohort}`);
    clear(controls);
    clear(body);
    if (r.status === 'not_computed') {
      body.append(notComputed(`${r.reason} (start the server with --customers FILE --spend FILE; npm start does)`));
      return;
    }
    controls.append(
      toggle('cohort', { month: 'monthly cohorts', quarter: 'quarterly cohorts' }, state.cohort, (v) => {
        state.cohort = v;
        choose();
      }),
      toggle('view', { channels: 'by channel', cohorts: 'by channel and cohort' }, state.view, (v) => {
        state.view = v;
        choose();
      }),
      h(
        'button',
        {
          type: 'button',
          'data-csv': state.view,
          onclick: () =>
            void downloadCsv(`/api/acquisition?cohort=${state.cohort}&format=csv&table=${state.view}`, `acquisition-${state.view}.csv`),
        },
        'Download CSV',
      ),
    );
    const s = r.section;
    body.append(h('h2', {}, 'Findings'), h('ul', { class: 'findings', 'data-role': 'findings' }, ...r.flags.map((f) => h('li', {}, f))));
    if (!r.flags.length) body.append(h('p', {}, s.lines[0]));
    for (const w of s.warnings) body.append(h('p', { class: 'notice', 'data-role': 'warning' }, w));
    body.append(h('p', { class: 'rule' }, s.lines[s.lines.length - 1]));
    body.append(
      h(
        'div',
        { class: 'grid2' },
        h(
          'div',
          {},
          h('h2', {}, 'LTV:CAC by channel, with 95% intervals'),
          ltvChart(r.levels),
          h('p', { class: 'rule' }, 'Below 1× a channel loses money on the customers it brings. The same numbers are in the table below.'),
        ),
        h(
          'div',
          {},
          h('h2', {}, 'Months to pay back CAC'),
          paybackChart(r.levels, r.paybackHorizonMonths),
          h('p', { class: 'rule' }, 'Lighter bars are projected from the model (not all customers have lived that long).'),
        ),
      ),
    );
    body.append(
      h('h2', {}, state.view === 'cohorts' ? 'By channel and cohort' : 'By channel'),
      reportTable(s.tables[state.view === 'cohorts' ? 1 : 0], { tall: state.view === 'cohorts' }),
    );
    body.append(computedMeta(`as of ${r.asOf}`, `computed at ${r.computedAt}`, `${r.resamples} bootstrap resamples, seed ${r.seed}`));
  };
  await reload();
}
