import { api } from '../api.js';
import { chart } from '../charts.js';
import { h } from '../dom.js';
import { cell, money } from '../format.js';
import { notComputed, pageHeader } from '../widgets.js';

export async function customerPage(root: HTMLElement, params: string[]): Promise<void> {
  const id = params[0] ?? '';
  const c = await api(`/api/customers/${encodeURIComponent(id)}`);
  root.append(pageHeader(`Customer ${c.customer.customer_id}`, `Summary as of ${c.calibrationEnd}; recency and T in ${c.period}s; amounts in the log's currency.`));
  if (c.segment) root.append(h('p', { class: 'notice', 'data-role': 'why' }, c.segment.why));
  root.append(h('div', { class: 'scroll' }, h('table', { 'data-table': 'customer' }, h('tbody', {}, ...c.columns.map((col: any) =>
    h('tr', {}, h('th', {}, col.name, col.unit ? h('span', { class: 'unit' }, col.unit) : null), h('td', { 'data-col': col.name, 'data-value': String(c.customer[col.name]) }, cell(c.customer[col.name])), h('td', { class: 'rule' }, col.description)))))));
  root.append(h('h2', {}, 'Purchase timeline (per purchase day)'), chart('timeline', {
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time', name: 'date' },
    yAxis: { type: 'value', name: 'amount (currency)' },
    series: [{ type: 'bar', name: 'purchases', data: c.purchases.map((p: any) => [p.date, p.amount]) }, { type: 'bar', name: 'returns', data: c.purchases.filter((p: any) => p.returned).map((p: any) => [p.date, -p.returned]) }],
  }, 260));
  root.append(h('p', { class: 'meta' }, `${c.purchases.length} purchase days; total ${money(c.purchases.reduce((a: number, p: any) => a + p.amount, 0))}`));
  if (c.segment) {
    root.append(h('h2', {}, 'Segment'), h('ul', {},
      h('li', {}, `RFM segment: ${c.segment.rfmSegment} (R${c.segment.r} F${c.segment.f} M${c.segment.m})`),
      h('li', {}, `Lifecycle stage: ${c.segment.lifecycleStage}`),
      h('li', {}, `Value tier: ${c.segment.valueTier} — ${c.segment.tierRule}`)), h('p', { class: 'meta' }, `as of ${c.segment.asOf}; computed at ${c.segment.computedAt}`));
  }
  root.append(h('h2', {}, 'Segment history'), notComputed('Segment snapshots over time are not served yet.'));
  root.append(h('h2', {}, 'P(alive) over time'), notComputed(c.pAlive.reason));
  root.append(h('h2', {}, 'Predicted CLV'), notComputed(c.clv.reason));
}
