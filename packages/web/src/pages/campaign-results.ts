import { formatMoney, formatPoints, formatValue } from '@cvm/core/report';
import { api, downloadCsv } from '../api.js';
import { chart } from '../charts.js';
import { clear, h } from '../dom.js';
import { int, pct } from '../format.js';
import { intervalChart, type IntervalRow } from '../interval-chart.js';
import { reportSectionView } from '../report-section-view.js';
import { reportTable } from '../table.js';
import { figure, pageHeader, toggle } from '../widgets.js';
import type { ApiCampaignResults, ApiCampaignUplift, ApiComparison } from '@cvm/core/api';

const BY: Record<string, string> = {
  '': 'no breakdown',
  value_tier: 'value tier',
  lifecycle_stage: 'lifecycle stage',
  rfm_segment: 'RFM segment',
};

/** A comparison as an interval row; a missing statistic (null in JSON) is NaN, which the chart and formats leave blank. */
const rowOf = (c: ApiComparison, label: string): IntervalRow => ({
  label,
  estimate: c.difference ?? NaN,
  lower: c.lower ?? NaN,
  upper: c.upper ?? NaN,
});

/** One campaign: verdict, split check, arms, uplift with intervals, by segment, and the uplift model's Qini curve. State (the breakdown) is in the URL: `#/campaigns/ID?by=value_tier`. */
export async function campaignResultsPage(root: HTMLElement, param: string): Promise<void> {
  // the router strips the hash's query (the page's state) from the path: read it from the hash itself
  const id = param.split('?')[0] ?? '';
  const query = location.hash.split('?')[1] ?? '';
  const by = new URLSearchParams(query).get('by') ?? '';
  const qs = new URLSearchParams({ bootstrap: '1000' });
  if (by in BY && by) qs.set('by', by);
  const { results: r, section } = await api<ApiCampaignResults>(`/api/campaigns/${encodeURIComponent(id)}/results?${qs}`);
  const c = r.campaign;
  const a = r.analysis;
  root.append(
    pageHeader(
      `Campaign: ${c.name}`,
      h('a', { href: '#/campaigns' }, 'All campaigns'),
      ` · ${c.action}; sent ${c.sendDate}, ${c.windowDays}-day window; status ${r.status}; responses from the ${r.source}.`,
    ),
  );
  const srm = a.srm;
  if (srm)
    root.append(
      h(
        'p',
        { class: srm.mismatch ? 'notice srm' : 'meta', 'data-role': 'srm', 'data-mismatch': String(srm.mismatch) },
        srm.mismatch ? h('strong', {}, 'The groups are not split as planned. ') : null,
        srm.message,
      ),
    );
  root.append(
    reportSectionView(
      { ...section, warnings: section.warnings.filter((w: string) => !srm?.mismatch || w !== srm.message) },
      { tables: false },
    ),
  );
  root.append(
    h(
      'div',
      { class: 'cards' },
      ...a.arms.flatMap((arm) => [
        figure(
          `customers-${arm.arm}`,
          `${arm.arm}: customers`,
          arm.customers,
          int(arm.customers),
          `${pct(arm.share)} of the campaign${arm.plannedShare === null ? '' : `, planned ${pct(arm.plannedShare)}`}`,
        ),
        ...arm.outcomes.map((o) =>
          figure(
            `${o.outcome}-${arm.arm}`,
            `${arm.arm}: ${o.kind === 'rate' ? 'response rate' : `${o.outcome} per customer`}`,
            o.mean,
            o.kind === 'rate' ? formatValue(o.mean, 'share') : formatMoney(o.mean ?? NaN),
            o.kind === 'rate' ? `${int(o.sum)} of ${int(o.n)} responded` : `total ${formatMoney(o.sum)}`,
          ),
        ),
      ]),
    ),
  );
  const rates = a.comparisons.filter((x) => x.kind === 'rate');
  const means = a.comparisons.filter((x) => x.kind === 'mean');
  root.append(
    h('h2', {}, 'Uplift with 95% intervals'),
    h(
      'p',
      { class: 'rule' },
      'A dot is the estimate, the bar its 95% interval; a bar that crosses the dashed line is not distinguishable from no effect. The tables below give the same numbers.',
    ),
    h(
      'div',
      { class: 'grid2' },
      rates.length
        ? h(
            'div',
            {},
            intervalChart(
              'uplift-rates',
              'lift in percentage points',
              rates.map((x) => rowOf(x, `${x.arm}: ${x.label}`)),
              formatPoints,
            ),
          )
        : null,
      means.length
        ? h(
            'div',
            {},
            intervalChart(
              'uplift-means',
              'difference per customer',
              means.map((x) => rowOf(x, `${x.arm}: ${x.label}`)),
              formatMoney,
            ),
          )
        : null,
    ),
  );

  const controls = h(
    'div',
    { class: 'toolbar', 'data-role': 'controls' },
    h('span', { class: 'pick' }, 'Uplift by segment: '),
    toggle('by', BY, by in BY ? by : '', (v) => {
      location.hash = `#/campaigns/${encodeURIComponent(id)}${v ? `?by=${v}` : ''}`;
    }),
    h(
      'button',
      {
        type: 'button',
        'data-csv': 'assignments',
        onclick: () => void downloadCsv(`/api/campaigns/${encodeURIComponent(id)}/assignments?format=csv`, `${id}-assignments.csv`),
      },
      'Download target and control lists',
    ),
    h(
      'button',
      {
        type: 'button',
        'data-csv': 'verdicts',
        onclick: () =>
          void downloadCsv(
            `/api/campaigns/${encodeURIComponent(id)}/results?format=csv&table=experiment.uplift_rates&bootstrap=0`,
            `${id}-uplift.csv`,
          ),
      },
      'Download uplift CSV',
    ),
  );
  root.append(controls);
  if (r.segments) {
    const rows = r.segments.rows.filter((s) => s.kind === 'rate');
    root.append(
      h('h2', {}, `Lift in the response rate by ${BY[by]}`),
      intervalChart(
        'segments',
        'lift in percentage points',
        rows.map((s) => rowOf(s, `${s.segment} (${int(s.nTest + s.nControl)})`)),
        formatPoints,
      ),
      h('p', { class: 'notice', 'data-role': 'multiple-comparisons' }, r.segments.warning),
    );
  }
  for (const t of section.tables) root.append(reportTable(t, { heading: 'h3' }));

  const uplift = h(
    'section',
    { 'data-role': 'uplift' },
    h('h2', {}, 'Whom to target next time'),
    h('p', { class: 'meta' }, 'Fitting the uplift model…'),
  );
  root.append(uplift);
  try {
    const u = await api<ApiCampaignUplift>(`/api/campaigns/${encodeURIComponent(id)}/uplift`);
    clear(uplift);
    if (!u.uplift) throw new Error('the campaign has no uplift model');
    const pts = u.uplift.points;
    const qini = chart(
      'qini',
      {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 30, right: 24, top: 36, bottom: 40, containLabel: true },
        xAxis: {
          type: 'value',
          min: 0,
          max: 1,
          name: 'share of held-out customers targeted',
          nameLocation: 'middle',
          nameGap: 26,
          axisLabel: { formatter: (v: number) => pct(v) },
        },
        yAxis: { type: 'value', name: 'incremental responses per customer', nameLocation: 'middle', nameGap: 52 },
        series: [
          { type: 'line', name: 'uplift model', data: pts.map((p) => [p.fraction, p.model]) },
          { type: 'line', name: 'response model', data: pts.map((p) => [p.fraction, p.responseModel]) },
          { type: 'line', name: 'random targeting', data: pts.map((p) => [p.fraction, p.random]), lineStyle: { type: 'dashed' } },
        ],
      },
      300,
    );
    qini.setAttribute('role', 'img');
    qini.setAttribute('aria-label', `Qini curve: ${u.section.lines[0]} The table below lists the curve every 10%.`);
    uplift.append(reportSectionView({ ...u.section, tables: [] }), qini, ...u.section.tables.map((t) => reportTable(t, { heading: 'h3' })));
  } catch (e) {
    clear(uplift);
    uplift.append(
      h('h2', {}, 'Whom to target next time'),
      h('p', { class: 'notice', 'data-role': 'uplift-error' }, `No uplift model: ${(e as Error).message}`),
    );
  }
}
