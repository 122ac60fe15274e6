import type { Cell } from '@cvm/core/report';
import type { ApiExpansionNotComputed, ApiHeadroom, ApiHeadroomGrouping } from '@cvm/core/api';
import { api, downloadCsv } from '../api.js';
import { chart } from '../charts.js';
import { h } from '../dom.js';
import { int, money, when } from '../format.js';
import { tableBox } from '../table.js';
import { figure, notComputed, toggle } from '../widgets.js';

const GROUPINGS: Record<ApiHeadroomGrouping, string> = {
  value_tier: 'Value tier',
  lifecycle_stage: 'Lifecycle stage',
  rfm_segment: 'RFM segment',
};
const CUR = 'currency of the log';

const column = (t: ApiHeadroom['groups'], key: string): Cell[] => {
  const j = t.columns.findIndex((c) => c.key === key);
  return t.rows.map((r) => r[j] ?? null);
};

/** Headroom by segment as horizontal bars (headroom, and weighted by P(alive)); the table after it holds the same numbers. */
function headroomChart(r: ApiHeadroom): HTMLElement {
  const names = column(r.groups, 'segment').map(String);
  const series = [{ type: 'bar', name: 'headroom', data: column(r.groups, 'headroom'), itemStyle: { color: '#2457c5' } }];
  if (r.weightedByPAlive)
    series.push({ type: 'bar', name: 'headroom × P(alive)', data: column(r.groups, 'expected_headroom'), itemStyle: { color: '#9a5b00' } });
  const narrow = innerWidth < 600;
  const el = chart(
    'headroom-by-segment',
    {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${money(v)} (${CUR})` },
      legend: { top: 0 },
      grid: { left: narrow ? 96 : 150, right: 24, top: 34, bottom: 44 },
      xAxis: {
        type: 'value',
        name: `headroom (${CUR})`,
        nameLocation: 'middle',
        nameGap: 28,
        splitNumber: narrow ? 3 : 5,
        axisLabel: { formatter: (v: number) => (narrow && Math.abs(v) >= 1000 ? `${int(v / 1000)}k` : int(v)) },
      },
      yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: narrow ? 88 : 140, overflow: 'truncate' } },
      series,
    },
    Math.max(200, 90 + names.length * (r.weightedByPAlive ? 34 : 24)),
  );
  el.setAttribute('role', 'img');
  el.setAttribute(
    'aria-label',
    `Bar chart of the up-sell headroom of each ${GROUPINGS[r.groupBy].toLowerCase()}${r.weightedByPAlive ? ', and the same weighted by P(alive)' : ''}. The numbers are in the table after the chart.`,
  );
  return el;
}

/**
 * Up-sell headroom: totals, a chart and table by segment (value tier, lifecycle stage or RFM
 * segment, picked with a toggle), and the customers with the most headroom among those likely
 * still active; CSV downloads. Drawn into `slot` (in the document).
 */
export async function headroomSection(slot: HTMLElement): Promise<void> {
  let by: ApiHeadroomGrouping = 'value_tier';
  const body = h('div', {});
  const section = h(
    'section',
    { 'data-role': 'headroom', 'data-status': 'loading', 'aria-labelledby': 'headroom-h' },
    h('h2', { id: 'headroom-h' }, 'Up-sell headroom: how much more customers could spend'),
  );
  const load = async (): Promise<void> => {
    section.setAttribute('data-status', 'loading');
    for (const b of picker.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.getAttribute('data-value') === by));
    try {
      const r = await api<ApiHeadroom | ApiExpansionNotComputed>(`/api/expansion/headroom?by=${by}&top=20`);
      if (r.status === 'not_computed') {
        body.replaceChildren(notComputed(r.reason));
        section.setAttribute('data-status', 'not_computed');
        return;
      }
      const window = `${r.from} to ${r.asOf}`;
      const below = column(r.groups, 'below').reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
      const q = `${Math.round(100 * r.quantile)}th percentile`;
      const chartSlot = h('div', {});
      body.replaceChildren(
        h(
          'p',
          { class: 'sub' },
          `Each customer's spend (net revenue, ${window}) against the ${q} of their ${GROUPINGS[r.groupBy].toLowerCase()}: the gap is what they could add if they spent like the stronger customers of their own segment. ${r.breadthBasis ? `Breadth counts the distinct ${r.breadthBasis} they bought.` : 'Breadth (distinct products bought) is not measured: the log has no product ids.'}`,
        ),
        h(
          'div',
          { class: 'cards' },
          figure(
            'headroomTotal',
            'Total headroom',
            r.total.headroom,
            money(r.total.headroom),
            `${CUR}: the gaps to the benchmarks, spend ${window}; ${int(r.total.customers)} customers bought in the window`,
          ),
          r.weightedByPAlive
            ? figure(
                'headroomExpected',
                'Headroom × P(alive)',
                r.total.expectedHeadroom,
                money(r.total.expectedHeadroom),
                `${CUR}; each gap weighted by the probability the customer is still active`,
              )
            : null,
          figure(
            'headroomBelow',
            'Customers below their benchmark',
            below,
            int(below),
            `of ${int(r.total.customers)} customers who bought from ${r.from} to ${r.asOf}`,
          ),
        ),
        chartSlot,
        tableBox(r.groups.columns, r.groups.rows, {
          name: 'headroom-groups',
          caption: `Up-sell headroom by ${GROUPINGS[r.groupBy].toLowerCase()}`,
        }),
        h(
          'div',
          { class: 'toolbar' },
          h(
            'button',
            {
              type: 'button',
              'data-csv': 'headroom-groups',
              onclick: () => void downloadCsv(`/api/expansion/headroom?by=${by}&format=csv&table=groups`, `headroom-${by}.csv`),
            },
            'Download CSV (segments)',
          ),
        ),
        h('div', { class: 'rule' }, ...r.groups.notes.map((n) => h('p', {}, n)), ...r.warnings.map((w) => h('p', { class: 'notice' }, w))),
        h('h3', {}, `Customers with the most headroom (${r.top.rows.length})`),
        h('p', { class: 'meta' }, ...r.top.notes),
        tableBox(r.top.columns, r.top.rows, {
          name: 'headroom-top',
          link: (key, v) => (key === 'customer_id' ? `#/customer/${encodeURIComponent(String(v))}` : null),
          caption: 'Customers with the most up-sell headroom',
        }),
        h(
          'div',
          { class: 'toolbar' },
          h(
            'button',
            {
              type: 'button',
              'data-csv': 'headroom-top',
              onclick: () => void downloadCsv(`/api/expansion/headroom?by=${by}&format=csv&table=top`, `headroom-top-${by}.csv`),
            },
            'Download CSV (top 100)',
          ),
        ),
        h('p', { class: 'meta' }, `computed at ${when(r.computedAt)}`),
      );
      // drawn once its slot is in the document
      chartSlot.replaceChildren(headroomChart(r));
      section.setAttribute('data-status', 'ok');
    } catch (e) {
      body.replaceChildren(h('div', { class: 'error', role: 'alert' }, (e as Error).message));
      section.setAttribute('data-status', 'error');
    }
  };
  const picker = toggle('headroom-by', GROUPINGS, by, (v) => {
    by = v as ApiHeadroomGrouping;
    void load();
  });
  picker.setAttribute('aria-label', 'Compare customers within their');
  section.append(picker, body);
  slot.replaceChildren(section);
  await load();
}
