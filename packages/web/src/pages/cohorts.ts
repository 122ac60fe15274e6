import { api, fetchSettings, downloadCsv } from '../api.js';
import { heatmap } from '../charts.js';
import { clear, h } from '../dom.js';
import { int, money, pct, cur, loadCurrency } from '../format.js';
import { wideChart } from '../wide-chart.js';
import { customersLink } from '../links.js';
import { computedMeta, figure, pageHeader, toggle } from '../widgets.js';
import { tableBox } from '../table.js';
import type { ApiCohorts, ApiCohortTable } from '@cvm/core/api';

const METRICS = {
  retention: { label: 'head-count', key: 'retention', format: pct, unit: 'share of the cohort' },
  revenue: { label: 'revenue', key: 'revenueRetention', format: pct, unit: 'net revenue in the period / period +0' },
  cumulative: {
    label: 'cumulative revenue',
    key: 'cumulativeRevenuePerCustomer',
    format: money,
    get unit() {
      return `${cur()} per acquired customer, to the end of the period`;
    },
  },
} as const;
type Metric = keyof typeof METRICS;

/** The first day customers were acquired: the log's first day when the first cohort's period starts before it (weeks start on Monday). */
function firstDay(t: ApiCohortTable, r: ApiCohorts): string {
  const start: string | undefined = t.rows[0]?.start;
  if (!start) return r.firstDate ?? '';
  return r.firstDate && r.firstDate > start ? r.firstDate : start;
}

/** Acquisition cohorts × periods since acquisition: heat map with metric, mode and bucket toggles, weighted average row. */
export async function cohortsPage(root: HTMLElement): Promise<void> {
  await loadCurrency(fetchSettings);
  const state = { by: 'month', mode: 'returned', metric: 'retention' as Metric };
  root.append(
    pageHeader('Cohorts', 'Customers grouped by when they first bought, followed period by period. The last period may be partial.'),
  );
  const controls = h('div', { class: 'toolbar', 'data-role': 'controls' });
  const body = h('div', { 'data-role': 'cohorts' });
  root.append(controls, body);

  const render = (r: ApiCohorts): void => {
    clear(controls);
    controls.append(
      toggle('by', { week: 'week', month: 'month', quarter: 'quarter' }, state.by, (v) => {
        state.by = v;
        void reload();
      }),
      toggle('metric', Object.fromEntries(Object.entries(METRICS).map(([k, m]) => [k, m.label])), state.metric, (v) => {
        state.metric = v as Metric;
        render(r);
      }),
      ...(state.metric === 'retention'
        ? [
            toggle('mode', { returned: 'returned in period', in_or_after: 'in or after period' }, state.mode, (v) => {
              state.mode = v;
              void reload();
            }),
          ]
        : []),
      h(
        'button',
        {
          type: 'button',
          'data-csv': 'cohorts',
          onclick: () => void downloadCsv(`/api/cohorts?by=${state.by}&mode=${state.mode}&format=csv`, `cohorts-${state.by}.csv`),
        },
        'Download CSV',
      ),
    );
    clear(body);
    const t = r.overall;
    const m = METRICS[state.metric];
    const width = t.average.customers.length;
    const avg = t.average[m.key] as number[];
    body.append(
      h(
        'div',
        { class: 'cards' },
        figure(
          'customers',
          'Customers',
          t.totals.customers,
          int(t.totals.customers),
          `acquired ${firstDay(t, r)} to ${r.asOf}, in ${t.rows.length} ${r.by} cohorts`,
        ),
        figure('revenue', 'Net revenue', t.totals.revenue, money(t.totals.revenue), `${cur()}, to ${r.asOf}`),
        width > 1
          ? figure(
              'retention1',
              `Back in ${r.by} +1`,
              t.average.retention[1],
              pct(t.average.retention[1]),
              `weighted average head-count retention (${r.mode === 'returned' ? 'returned in period' : 'in or after period'})`,
            )
          : (null as never),
        figure(
          'cumulativeLast',
          `Revenue per customer by +${width - 1}`,
          t.average.cumulativeRevenuePerCustomer[width - 1],
          money(t.average.cumulativeRevenuePerCustomer[width - 1]),
          `${cur()}, weighted average over the cohorts observed that long`,
        ),
      ),
    );
    const labels = [...t.rows.map((c) => `${c.cohort} (${int(c.size)})`), 'weighted avg'];
    // a cohort's customers: first purchase from its bucket's first day to the next cohort's (the customer table's filter)
    const cohortLink = (i: number): string =>
      customersLink(
        [`first_purchase:gte:${t.rows[i].start}`, ...(i + 1 < t.rows.length ? [`first_purchase:lt:${t.rows[i + 1].start}`] : [])],
        { sort: 'net_revenue', dir: 'desc' },
      );
    const cells: [number, number, number | null][] = [];
    t.rows.forEach((c, i) => {
      for (let k = 0; k < width; k++) cells.push([k, i, k < c.observed ? c[m.key][k] : null]);
    });
    avg.forEach((v, k) => cells.push([k, t.rows.length, v]));
    const cols = Array.from({ length: width }, (_, k) => `+${k}`);
    body.append(
      h(
        'h2',
        {},
        `${m.label[0]!.toUpperCase()}${m.label.slice(1)}: ${m.unit}${state.metric === 'retention' ? ` (${r.mode === 'returned' ? 'bought in the period' : 'bought in the period or later'})` : ''}`,
      ),
      wideChart(
        heatmap('cohorts', { labels: cols, name: `${r.by}s since acquisition` }, { labels, name: '' }, cells, m.format, {
          left: 150,
          // many rows (weeks): thinner rows, so the map stays a readable height
          height: 100 + (labels.length > 30 ? 20 : 34) * labels.length,
          // Period +0 is 100% by definition for the ratios: colour by the later periods so they stay readable.
          colorMax:
            state.metric === 'cumulative' ? undefined : Math.max(1e-9, ...cells.filter((c) => c[0] > 0 && c[2] !== null).map((c) => c[2]!)),
          onCell: (_k, i) => {
            if (i < t.rows.length) location.hash = cohortLink(i);
          },
          tooltip: (k, i, v) =>
            i < t.rows.length
              ? `cohort ${t.rows[i].cohort} (${int(t.rows[i].size)} customers), +${k}: ${m.format(v)}; ${int(t.rows[i].active[k])} bought, revenue ${money(t.rows[i].revenue[k])}`
              : `weighted average, +${k}: ${m.format(v)} over ${int(t.average.customers[k])} customers`,
        }),
        170 + 50 * width,
        `${m.label} heat map: scroll sideways to see every period`,
      ),
      h(
        'p',
        { class: 'rule' },
        `Rules: ${r.rules.cohort}; ${state.metric === 'retention' ? r.rules.retention : state.metric === 'revenue' ? r.rules.revenueRetention : r.rules.cumulativeRevenuePerCustomer}; average row: ${r.rules.average}.`,
      ),
      h(
        'details',
        {},
        h('summary', {}, 'The numbers as a table'),
        // the core's declaration of the triangle (`cvm cohorts --metric M` prints it), each cohort a link to its customers
        tableBox(
          r.tables[state.metric].columns,
          r.tables[state.metric].rows.map((row, i) =>
            i < t.rows.length
              ? [h('a', { href: cohortLink(i), 'data-link': 'customers' }, t.rows[i].cohort), ...row.slice(1).map((v) => v ?? '')]
              : row,
          ),
          {
            name: 'cohorts',
            caption: r.tables[state.metric].title,
            rowAttrs: (i) => ({ 'data-cohort': i < t.rows.length ? t.rows[i].cohort : 'average' }),
          },
        ),
      ),
      computedMeta(`as of ${r.asOf}`, `computed at ${r.computedAt}`),
    );
    if (r.byChannel)
      body.append(
        h(
          'p',
          { class: 'meta' },
          `By acquisition channel: ${r.byChannel.map((c) => `${c.channel} ${int(c.table.totals.customers)} customers`).join(', ')} (CSV has every channel's table).`,
        ),
      );
  };

  const reload = async (): Promise<void> => {
    body.setAttribute('data-loading', '1');
    try {
      render(await api<ApiCohorts>(`/api/cohorts?by=${state.by}&mode=${state.mode}`));
    } catch (e) {
      clear(body);
      body.append(h('div', { class: 'error', 'data-role': 'cohorts-error' }, (e as Error).message));
    }
    body.removeAttribute('data-loading');
  };
  await reload();
}
