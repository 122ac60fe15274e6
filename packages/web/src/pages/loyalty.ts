import type { ReportTable } from '@cvm/core/report';
import { api, downloadCsv } from '../api.js';
import { chart } from '../charts.js';
import { h } from '../dom.js';
import { reportTable } from '../table.js';
import { computedMeta, notComputed, pageHeader } from '../widgets.js';
import type { ApiLoyalty, ApiLoyaltyReport } from '@cvm/core/api';

/** Members per tier at every month end: a line chart, with the same numbers as a table below it. */
function tiersOverTime(rows: ApiLoyaltyReport['overTime'], tiers: string[], overTime: ReportTable): HTMLElement {
  const reviews = [...new Set(rows.map((r) => r.review))];
  const at = new Map(rows.map((r) => [`${r.review}|${r.tier}`, r] as const));
  const series = tiers.map((t) => ({
    name: t,
    type: 'line',
    showSymbol: false,
    data: reviews.map((d) => at.get(`${d}|${t}`)?.members ?? 0),
  }));
  // the chart's numbers as the core declares them (loyalty.over_time), the last 12 month ends
  const table = reportTable(overTime, { visibleCaption: true });
  return h(
    'section',
    { 'data-role': 'over-time' },
    h('h2', {}, 'Tiers over time'),
    chart(
      'loyalty-tiers',
      {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 50, right: 10, top: 30, bottom: 30 },
        xAxis: { type: 'category', data: reviews },
        yAxis: { type: 'value', name: 'members' },
        series,
      },
      300,
    ),
    table,
  );
}

/**
 * Loyalty (issue 15): the programme given to `cvm serve --program FILE` run over the log: tiers over
 * time (chart and table), what members of each tier did next (retention, spend, margin, cost, CLV),
 * the programme's cost against the members' margin and, with --compare-program, programmes side by
 * side. The outcome window is in the URL (`#/loyalty?horizon=90`).
 */
export async function loyaltyPage(root: HTMLElement): Promise<void> {
  root.append(
    pageHeader(
      'Loyalty',
      "A loyalty programme's tiers over time, what each tier's members did next, and what the programme costs against their margin.",
    ),
  );
  const horizon = new URLSearchParams(location.hash.split('?')[1] ?? '').get('horizon');
  const q = horizon && /^\d+$/.test(horizon) ? `?horizon=${horizon}` : '';
  const r = await api<ApiLoyalty>(`/api/loyalty${q}`);
  if (r.status !== 'ok') {
    root.append(notComputed(r.reason));
    return;
  }
  const rep = r.reports[0],
    s = r.section;
  for (const w of s.warnings) root.append(h('p', { class: 'notice', 'data-role': 'warning' }, w));
  root.append(h('div', { 'data-role': 'headline' }, ...s.lines.map((l) => h('p', {}, l))));
  const input = h('input', { id: 'loyalty-horizon', type: 'number', min: '1', max: '3650', value: String(rep.horizonDays) });
  root.append(
    h(
      'form',
      {
        class: 'toolbar',
        onsubmit: (e: Event) => {
          e.preventDefault();
          location.hash = `#/loyalty?horizon=${(input as HTMLInputElement).value}`;
        },
      },
      h('label', { for: 'loyalty-horizon' }, 'Days after the review '),
      input,
      h('button', { type: 'submit' }, 'Update'),
      h(
        'button',
        {
          type: 'button',
          'data-csv': 'loyalty',
          onclick: () => void downloadCsv(`/api/loyalty?format=csv&table=over_time${q ? `&${q.slice(1)}` : ''}`, 'loyalty-over-time.csv'),
        },
        'Download tiers over time (CSV)',
      ),
    ),
  );
  const byId = new Map(s.tables.map((t) => [t.id, t]));
  for (const id of ['loyalty.by_tier', 'loyalty.totals']) {
    const t = byId.get(id);
    if (t) root.append(reportTable(t, { heading: 'h2' }));
  }
  root.append(
    tiersOverTime(
      rep.overTime,
      rep.program.tiers.map((t) => t.name),
      r.tables.overTime,
    ),
  );
  root.append(computedMeta(`as of ${rep.asOf}`, `programme ${rep.program.name} (${rep.program.source})`));
}
