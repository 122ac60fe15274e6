import { api } from '../api.js';
import { h } from '../dom.js';
import { int, money, pct } from '../format.js';
import { figure, pageHeader, pendingFigure } from '../widgets.js';

export async function overviewPage(root: HTMLElement): Promise<void> {
  const { overview: o, activeShare, profit } = await api('/api/overview');
  const asOf = `up to ${o.calibrationEnd}`;
  root.append(pageHeader('Overview', `Transactions ${o.dateRange.first} to ${o.dateRange.last}; summary as of ${o.calibrationEnd}; time unit ${o.period}s; computed at ${o.computedAt}. Amounts in the log's currency.`));
  const cards = h('div', { class: 'cards' },
    figure('customers', 'Customers', o.customers, int(o.customers), `with a purchase ${asOf}`),
    figure('transactions', 'Transactions', o.transactions, int(o.transactions), `purchase rows ${asOf}`),
    figure('netRevenue', 'Net revenue', o.netRevenue, money(o.netRevenue), `currency, ${o.dateRange.first} to ${o.calibrationEnd}, after returns`),
    figure('grossRevenue', 'Gross revenue', o.grossRevenue, money(o.grossRevenue), `currency, ${o.dateRange.first} to ${o.calibrationEnd}`),
    figure('repeatBuyerShare', 'Repeat buyers', o.repeatBuyerShare, pct(o.repeatBuyerShare), `${int(o.repeatBuyers)} customers bought on 2+ days ${asOf}`),
    figure('activeShare', 'Active share', activeShare.value, pct(activeShare.value), `${int(activeShare.customers)} customers, as of ${activeShare.asOf}: ${activeShare.rule}`),
    profit.status === 'ok'
      ? figure('profit', 'Profit', profit.value, money(profit.value), `${profit.currency}, ${profit.period.start} to ${profit.period.end}, after product cost and cost-to-serve; cost model "${profit.costModel}"${profit.illustrative ? ' (illustrative)' : ''}`)
      : pendingFigure('profit', 'Profit', profit.reason),
  );
  root.append(cards);
  const clvSlot = h('div', { class: 'card', 'data-metric': 'totalClv', 'data-status': 'loading' }, h('div', { class: 'label' }, 'Total predicted CLV'), h('div', { class: 'value' }, 'fitting models…'));
  cards.append(clvSlot);
  if (o.quarantine.length) {
    root.append(h('h2', {}, 'Quarantined rows by reason'), h('div', { class: 'scroll' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'reason'), h('th', {}, 'rows'), h('th', {}, 'meaning'))),
      h('tbody', {}, ...o.quarantine.map((q: any) => h('tr', {}, h('td', {}, q.reason), h('td', { class: 'num' }, int(q.rows)), h('td', {}, q.meaning)))))));
  }
  try {
    const { models: m } = await api('/api/models');
    clvSlot.replaceWith(figure('totalClv', 'Total predicted CLV', m.totalClv, money(m.totalClv), `currency, ${m.units.horizon}, ${m.units.discount}, ${m.units.margin}; model ${m.model}`));
  } catch (e) {
    clvSlot.replaceWith(pendingFigure('totalClv', 'Total predicted CLV', (e as Error).message));
  }
}
