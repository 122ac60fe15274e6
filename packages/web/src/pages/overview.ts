import { api, fetchSettings } from '../api.js';
import { h } from '../dom.js';
import { int, money, pct, cur, loadCurrency } from '../format.js';
import { reportTable } from '../table.js';
import { figure, pageHeader, pendingFigure } from '../widgets.js';
import { chart } from '../charts.js';
import type { ApiRetentionTrends } from '@cvm/core/api';
import type { ApiModels, ApiOverview } from '@cvm/core/api';

export async function overviewPage(root: HTMLElement): Promise<void> {
  await loadCurrency(fetchSettings);
  const { overview: o, activeShare, profit, tables: answerTables } = await api<ApiOverview>('/api/overview');
  const asOf = `up to ${o.calibrationEnd}`;
  root.append(
    pageHeader(
      'Overview',
      `Transactions ${o.dateRange.first} to ${o.dateRange.last}; summary as of ${o.calibrationEnd}; time unit ${o.period}s; computed at ${o.computedAt}. Amounts in ${cur()}.`,
    ),
  );
  const cards = h(
    'div',
    { class: 'cards' },
    figure('customers', 'Customers', o.customers, int(o.customers), `with a purchase ${asOf}`),
    figure('transactions', 'Transactions', o.transactions, int(o.transactions), `purchase rows ${asOf}`),
    figure(
      'netRevenue',
      'Net revenue',
      o.netRevenue,
      money(o.netRevenue),
      `${cur()}, ${o.dateRange.first} to ${o.calibrationEnd}, after returns`,
    ),
    figure('grossRevenue', 'Gross revenue', o.grossRevenue, money(o.grossRevenue), `${cur()}, ${o.dateRange.first} to ${o.calibrationEnd}`),
    figure(
      'repeatBuyerShare',
      'Repeat buyers',
      o.repeatBuyerShare,
      pct(o.repeatBuyerShare),
      `${int(o.repeatBuyers)} customers bought on 2+ days ${asOf}`,
    ),
    figure(
      'activeShare',
      'Active share',
      activeShare.value,
      pct(activeShare.value),
      `${int(activeShare.customers)} customers, as of ${activeShare.asOf}: ${activeShare.rule}`,
    ),
    profit.status === 'ok'
      ? figure(
          'profit',
          'Profit',
          profit.value,
          money(profit.value),
          `${profit.currency}, ${profit.period.start} to ${profit.period.end}, after product cost and cost-to-serve; cost model "${profit.costModel}"${profit.illustrative ? ' (illustrative)' : ''}`,
        )
      : pendingFigure('profit', 'Profit', profit.reason),
  );
  root.append(cards);
  const clvSlot = h(
    'div',
    { class: 'card', 'data-metric': 'totalClv', 'data-status': 'loading' },
    h('div', { class: 'label' }, 'Total predicted CLV'),
    h('div', { class: 'value' }, 'fitting models…'),
  );
  cards.append(clvSlot);
  if (o.quarantine.length) {
    root.append(
      h('h2', {}, 'Quarantined rows by reason'),
      // the core's declaration of the table (`cvm report` prints it under the overview)
      reportTable(answerTables.quarantine, { name: 'quarantine-reasons' }),
    );
  }
  const trends = h('div', { 'data-role': 'trends', 'data-status': 'loading' }, h('p', { class: 'meta' }, 'computing trends…'));
  root.append(h('h2', {}, 'Trends'), trends);
  const trendsDone = showTrends(trends);
  try {
    const answer = await api<ApiModels>('/api/models');
    if (answer.status !== 'ok') throw new Error(answer.reason);
    const m = answer.models;
    if (m.totalClv === null || m.units === null) throw new Error(m.fallback?.reason ?? 'no model can be trusted on this data');
    clvSlot.replaceWith(
      figure(
        'totalClv',
        'Total predicted CLV',
        m.totalClv,
        money(m.totalClv),
        `${cur()}, ${m.units.horizon}, ${m.units.discount}, ${m.units.margin}; model ${m.model}`,
      ),
    );
  } catch (e) {
    clvSlot.replaceWith(pendingFigure('totalClv', 'Total predicted CLV', (e as Error).message));
  }
  await trendsDone;
}

/** Customers by lifecycle flow and revenue per month, and value at risk now against 90 days ago, with links to the lists. */
async function showTrends(slot: HTMLElement): Promise<void> {
  try {
    type Var =
      | { status: 'ok'; now: number; before: number; asOf: string; beforeDay: string; unit: string }
      | { status: 'not_computed'; reason: string };
    const t = await api<{ trends: ApiRetentionTrends['trends']; valueAtRisk: Var }>('/api/retention/trends');
    const months = t.trends.months.map((m) => m.month);
    const v = t.valueAtRisk;
    const risk =
      v.status === 'ok'
        ? [
            figure('valueAtRiskNow', 'Value at risk now', v.now, money(v.now), `${v.unit}, as of ${v.asOf}`),
            figure(
              'valueAtRiskBefore',
              `Value at risk on ${v.beforeDay}`,
              v.before,
              money(v.before),
              `${v.before > 0 ? `${v.now >= v.before ? '+' : ''}${pct(v.now / v.before - 1)} since` : ''}; today's model on the history known then`,
            ),
          ]
        : [pendingFigure('valueAtRiskNow', 'Value at risk', v.reason)];
    slot.replaceChildren(
      h('div', { class: 'cards' }, ...risk),
      h(
        'p',
        {},
        h('a', { href: '#/retention', 'data-link': 'at-risk' }, 'At-risk list'),
        ' · ',
        h('a', { href: '#/retention', 'data-link': 'win-back' }, 'Win-back list'),
        ' · ',
        h('a', { href: '#/retention', 'data-link': 'backtest' }, 'Backtest'),
      ),
      h(
        'div',
        { class: 'grid2' },
        h(
          'div',
          {},
          h('h3', {}, 'Customers by lifecycle flow per month'),
          chart('lifecycle-trends', {
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 60, right: 20, top: 40, bottom: 60 },
            xAxis: { type: 'category', data: months, axisLabel: { rotate: months.length > 12 ? 45 : 0 } },
            yAxis: { type: 'value', name: 'customers' },
            series: [
              ...(['new', 'returning', 'reactivated'] as const).map((k) => ({
                name: k,
                type: 'bar',
                stack: 'buying',
                data: t.trends.months.map((m) => m[k]),
              })),
              { name: 'lapsed', type: 'bar', data: t.trends.months.map((m) => m.lapsed) },
            ],
          }),
        ),
        h(
          'div',
          {},
          h('h3', {}, 'Revenue per month'),
          chart('revenue-trend', {
            tooltip: { trigger: 'axis' },
            grid: { left: 70, right: 20, top: 30, bottom: 60 },
            xAxis: { type: 'category', data: months, axisLabel: { rotate: months.length > 12 ? 45 : 0 } },
            yAxis: { type: 'value', name: `net revenue (${cur()})` },
            series: [{ name: 'net revenue', type: 'bar', data: t.trends.months.map((m) => m.net) }],
          }),
        ),
      ),
      h('p', { class: 'rule' }, `Rule: ${t.trends.rule}. Through ${t.trends.asOf}.`),
    );
    slot.setAttribute('data-status', 'ok');
  } catch (e) {
    slot.replaceChildren(h('div', { class: 'notice' }, `Trends are not available: ${(e as Error).message}`));
    slot.setAttribute('data-status', 'error');
  }
}
