import { api, fetchSettings } from '../api.js';
import { chart } from '../charts.js';
import { h } from '../dom.js';
import { int, money, pct, when, cur, loadCurrency } from '../format.js';
import { figure, pageHeader } from '../widgets.js';
import { tableView } from '../table-view.js';
import type { ApiClv, ApiValue } from '@cvm/core/api';

export async function valuePage(root: HTMLElement): Promise<void> {
  await loadCurrency(fetchSettings);
  const v = await api<ApiValue>('/api/value');
  root.append(pageHeader('Customer value', `Value = ${v.valueLabel}. ${int(v.customers)} customers; computed at ${v.computedAt}.`));
  root.append(
    h(
      'div',
      { class: 'cards' },
      ...v.concentration.map((p) =>
        figure(
          `top${Math.round(p.topShare * 100)}`,
          `Top ${Math.round(p.topShare * 100)}% of customers`,
          p.valueShare,
          pct(p.valueShare),
          `share of net revenue to ${v.calibrationEnd} held by ${int(p.customers)} customers`,
        ),
      ),
    ),
  );
  const clvSlot = h('div', { 'data-role': 'clv', 'data-status': 'loading' }, h('p', { class: 'meta' }, 'fitting models…'));
  root.append(h('h2', {}, 'Predicted CLV distribution'), clvSlot);
  root.append(
    h(
      'div',
      { class: 'grid2' },
      h(
        'div',
        {},
        h('h2', {}, 'Concentration (Lorenz curve of net revenue)'),
        chart('lorenz', {
          tooltip: { trigger: 'axis' },
          xAxis: {
            type: 'value',
            name: 'share of customers (most valuable first)',
            nameLocation: 'middle',
            nameGap: 28,
            max: 1,
            axisLabel: { formatter: (x: number) => pct(x) },
          },
          yAxis: { type: 'value', name: 'share of net revenue', max: 1, axisLabel: { formatter: (x: number) => pct(x) } },
          series: [
            { type: 'line', showSymbol: false, data: v.lorenz.map((p) => [p.customerShare, p.valueShare]) },
            {
              type: 'line',
              showSymbol: false,
              lineStyle: { type: 'dashed' },
              data: [
                [0, 0],
                [1, 1],
              ],
            },
          ],
        }),
      ),
      h(
        'div',
        {},
        h('h2', {}, 'Distribution of net revenue per customer'),
        chart('histogram', {
          tooltip: { trigger: 'axis' },
          xAxis: {
            type: 'category',
            name: `net revenue to date (${cur()})`,
            nameLocation: 'middle',
            nameGap: 28,
            data: v.histogram.map((b) => `${money(b.lo)}–${money(b.hi)}`),
          },
          yAxis: { type: 'value', name: 'customers' },
          series: [{ type: 'bar', data: v.histogram.map((b) => b.customers) }],
        }),
      ),
    ),
  );
  root.append(
    h('h2', {}, `Top customers by net revenue to ${v.calibrationEnd}`),
    tableView('/api/customers', 'top-customers', {
      filters: false,
      link: (c, x) => (c === 'customer_id' ? `#/customer/${encodeURIComponent(String(x))}` : null),
    }),
  );
  try {
    const k = await api<ApiClv>('/api/value/clv');
    const doubts = (k.warnings as string[]).length
      ? h(
          'div',
          { class: 'notice', 'data-role': 'fit-doubts' },
          h('strong', {}, 'Read with care: '),
          h('ul', {}, ...(k.warnings as string[]).map((w) => h('li', {}, w))),
        )
      : '';
    clvSlot.replaceChildren(
      doubts,
      h(
        'div',
        { class: 'cards' },
        figure(
          'totalClv',
          'Total predicted CLV',
          k.total,
          money(k.total),
          `${cur()}, ${k.units.horizon}, ${k.units.discount}, ${k.units.margin}; model ${k.model}`,
        ),
        figure('meanClv', 'Mean predicted CLV', k.mean, money(k.mean), `${cur()} per customer, ${k.units.horizon}`),
        ...k.concentration.map((p) =>
          figure(
            `clvTop${Math.round(p.topShare * 100)}`,
            `Top ${Math.round(p.topShare * 100)}% by CLV`,
            p.valueShare,
            pct(p.valueShare),
            `share of predicted CLV held by ${int(p.customers)} customers`,
          ),
        ),
      ),
      chart('clv-histogram', {
        tooltip: { trigger: 'axis' },
        grid: { left: 60, right: 20, top: 30, bottom: 70 },
        xAxis: {
          type: 'category',
          name: `predicted CLV (${cur()}, ${k.units.horizon})`,
          nameLocation: 'middle',
          nameGap: 55,
          data: k.histogram.map((b) => `${money(b.lo)}–${money(b.hi)}`),
          axisLabel: { rotate: 30 },
        },
        yAxis: { type: 'value', name: 'customers' },
        series: [{ type: 'bar', data: k.histogram.map((b) => b.customers) }],
      }),
      h('p', { class: 'rule' }, `${k.valueLabel}. Bins: ${k.histogramRule}. Computed at ${when(k.computedAt)}.`),
    );
    clvSlot.setAttribute('data-status', 'ok');
  } catch (e) {
    clvSlot.replaceChildren(h('div', { class: 'notice' }, `Predicted CLV is not available: ${(e as Error).message}`));
    clvSlot.setAttribute('data-status', 'error');
  }
}
