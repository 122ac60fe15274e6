import { api, fetchSettings } from '../api.js';
import { chart } from '../charts.js';
import { h } from '../dom.js';
import { int, num, cur, loadCurrency, tierWords, when } from '../format.js';
import { pageHeader } from '../widgets.js';
import { reportTable } from '../table.js';
import { customersLink } from '../links.js';
import { wideChart } from '../wide-chart.js';
import type { ApiMicroSegments, ApiSegments } from '@cvm/core/api';

const meta = (s: { asOf: string; computedAt: string }) => h('div', { class: 'meta' }, `as of ${s.asOf}; computed at ${when(s.computedAt)}`);

export async function segmentsPage(root: HTMLElement): Promise<void> {
  await loadCurrency(fetchSettings);
  const s = await api<ApiSegments>('/api/segments');
  // one of two names (issue 20): CLV tiers rank predicted CLV, revenue tiers historic net revenue
  const tier = tierWords(s.valueKind);
  const Tier = tier.name[0]!.toUpperCase() + tier.name.slice(1);
  const other = s.valueKind === 'clv' ? ', not the revenue tiers of Migration and Profitability' : '';
  root.append(
    pageHeader(
      'Segments',
      `${int(s.customers)} customers as of ${s.asOf}; computed at ${when(s.computedAt)}. Tiers here are ${tier.name}s: customers ranked by ${tier.basis} (${cur()}${s.valueKind === 'clv' ? ', see Model fit for the horizon and discount' : ''})${other}.`,
    ),
  );
  if ((s.valueWarnings ?? []).length)
    root.append(
      h(
        'div',
        { class: 'notice', 'data-role': 'fit-doubts' },
        h('strong', {}, 'Tiers rank predicted CLV from a doubtful fit: '),
        h('ul', {}, ...(s.valueWarnings as string[]).map((w) => h('li', {}, w))),
      ),
    );
  // a stage's words ("at risk") as the core declares them on the lifecycle table's stage column; links keep the code
  const stageCodes = s.tables.lifecycle.columns.find((c) => c.key === 'stage')?.codes ?? {};
  const stageWords = (code: string): string => (Object.hasOwn(stageCodes, code) ? stageCodes[code]! : code);
  const bins = s.rfm.bins;
  const cells: [number, number, number][] = [];
  s.rfm.recencyByFrequency.forEach((row: number[], r: number) => row.forEach((n, f) => cells.push([f, r, n])));
  const band = (d: ApiSegments['rfm']['cutPoints']['recency'], unit: string) =>
    d.map((b) => `${b.score}: ${b.min === null ? 'empty' : `${num(b.min)}–${num(b.max)}`}`).join(' · ') + ` (${unit})`;
  root.append(
    h(
      'div',
      { class: 'grid2' },
      h(
        'div',
        {},
        h('h2', {}, 'RFM grid: customers by recency × frequency score'),
        chart(
          'rfm-grid',
          {
            tooltip: {},
            grid: { left: 60, bottom: 50 },
            xAxis: {
              type: 'category',
              name: 'F score',
              nameLocation: 'middle',
              nameGap: 28,
              data: Array.from({ length: bins }, (_, i) => String(i + 1)),
            },
            yAxis: { type: 'category', name: 'R score', data: Array.from({ length: bins }, (_, i) => String(i + 1)) },
            visualMap: {
              min: 0,
              max: Math.max(...cells.map((c) => c[2])),
              calculable: false,
              orient: 'horizontal',
              left: 'center',
              bottom: -5,
              show: false,
            },
            series: [{ type: 'heatmap', data: cells, label: { show: true } }],
          },
          340,
          (d) => {
            const [f, r] = d as [number, number];
            location.hash = customersLink([`r_score:eq:${r + 1}`, `f_score:eq:${f + 1}`]);
          },
        ),
        h(
          'p',
          { class: 'rule' },
          'Click a cell for its customers. ',
          `Rule: scores 1–${bins} by ${s.rfm.methods.recency} rank (ties share a score). R bands ${band(s.rfm.cutPoints.recency, 'days since last purchase')}. F bands ${band(s.rfm.cutPoints.frequency, 'purchase days')}. M bands ${band(s.rfm.cutPoints.monetary, 'net revenue')}.`,
        ),
        meta(s),
      ),
      h(
        'div',
        {},
        h('h2', {}, `${Tier} × lifecycle stage (customers)`),
        // the six stage names need about 72 px a column: on a phone the map scrolls, not the page
        wideChart(
          chart(
            'tier-lifecycle',
            {
              tooltip: {},
              grid: { left: 80, bottom: 50 },
              xAxis: { type: 'category', data: s.lifecycle.stages.map((x) => stageWords(x.name)), axisLabel: { interval: 0 } },
              yAxis: { type: 'category', inverse: true, data: s.tiers.map((t) => t.name) }, // Platinum on top
              visualMap: { min: 0, max: Math.max(...s.tierByLifecycle.map((c) => c.count)), show: false },
              series: [
                {
                  type: 'heatmap',
                  label: { show: true },
                  data: s.tierByLifecycle.map((c) => [
                    s.lifecycle.stages.findIndex((x) => x.name === c.column),
                    s.tiers.findIndex((t) => t.name === c.row),
                    c.count,
                  ]),
                },
              ],
            },
            340,
            (d) => {
              const [stage, t] = d as [number, number];
              location.hash = customersLink([`value_tier:eq:${s.tiers[t].name}`, `lifecycle_stage:eq:${s.lifecycle.stages[stage].name}`]);
            },
          ),
          100 + 72 * s.lifecycle.stages.length,
          'customers by tier and lifecycle stage heat map',
        ),
        h('p', { class: 'rule' }, 'Click a cell for its customers.'),
        meta(s),
      ),
    ),
  );
  // the core's declarations (`cvm segment` prints them); the first cell of each row links to the customers in it
  const table = (name: string, t: ApiSegments['tables']['rfm'], column: string, notes = true) =>
    reportTable(notes ? t : { ...t, notes: [] }, {
      name,
      caption: name === 'tiers' ? `${Tier}s by ${tier.basis}` : t.title,
      currency: cur(),
      link: (key, v) => (key !== t.columns[0]!.key || v === null ? null : customersLink([`${column}:eq:${v}`])),
    });
  root.append(h('h2', {}, 'RFM segments'), table('rfm-segments', s.tables.rfm, 'rfm_segment'), meta(s));
  // the values behind each score (`cvm segment` prints the same table)
  root.append(reportTable(s.tables.rfmCutPoints, { name: 'rfm-cut-points', heading: 'h3', currency: cur() }));
  root.append(h('h2', {}, `${Tier}s (by ${tier.basis}${other})`), table('tiers', s.tables.tiers, 'value_tier'), meta(s));
  root.append(
    h('h2', {}, 'Lifecycle stages'),
    table('lifecycle', s.tables.lifecycle, 'lifecycle_stage', false),
    h('ul', { class: 'rule' }, ...s.lifecycle.rules.map((r: string) => h('li', {}, r))),
    meta(s),
  );
  // the grid under the heat map as numbers: customers, and share of value (`cvm segment` prints both)
  root.append(
    h('h2', {}, `${Tier} × lifecycle stage`),
    reportTable(s.tables.tierLifecycle, { name: 'tier-lifecycle', visibleCaption: true }),
    reportTable(s.tables.tierLifecycleValue, { name: 'tier-lifecycle-value', visibleCaption: true }),
    meta(s),
  );
  const micro = h('div', { 'data-role': 'micro', 'data-status': 'loading' }, h('p', { class: 'meta' }, 'clustering…'));
  root.append(h('h2', {}, 'Micro-segment profiles (within each lifecycle stage)'), micro);
  try {
    const m = await api<ApiMicroSegments>('/api/segments/micro');
    // the core names amounts "currency": say which (issue 20)
    const named = (text: string): string => text.replace(/\bcurrency\b/g, cur());
    // the core's declaration (`cvm segment` prints it), amounts named in the server's currency
    const t = m.table;
    micro.replaceChildren(
      reportTable(
        { ...t, notes: [], rows: t.rows.map((r) => r.map((v) => (typeof v === 'string' ? named(v) : v))) },
        { name: 'micro', rowAttrs: (i) => ({ 'data-segment': String(t.rows[i]![0]) }) },
      ),
      h('p', { class: 'rule' }, `Rule: ${m.rule} k per stage: ${m.choices.map((c) => `${stageWords(c.stage)} ${c.k}`).join(', ')}.`),
      h('div', { class: 'meta' }, `as of ${m.asOf}; computed at ${when(m.computedAt)}`),
    );
    micro.setAttribute('data-status', 'ok');
  } catch (e) {
    micro.replaceChildren(h('div', { class: 'error' }, (e as Error).message));
    micro.setAttribute('data-status', 'error');
  }
}
