import { api, downloadCsv } from '../api.js';
import { chart } from '../charts.js';
import { h } from '../dom.js';
import { int, money, num, pct, when } from '../format.js';
import { computedMeta, figure, notComputed, pageHeader } from '../widgets.js';
import { columnUnit, reportTable } from '../table.js';
import type { ApiProfitability, ApiProfitabilityOk } from '@cvm/core/api';

const csvButton = (table: string) =>
  h(
    'button',
    {
      type: 'button',
      'data-csv': table,
      onclick: () => void downloadCsv(`/api/profitability?format=csv&table=${table}`, `profitability-${table}.csv`),
    },
    'Download CSV',
  );

export async function profitabilityPage(root: HTMLElement): Promise<void> {
  const p = await api<ApiProfitability>('/api/profitability');
  if (p.status === 'not_computed') {
    root.append(pageHeader('Profitability', 'Whale curve and margin × cost-to-serve matrix.'), notComputed(p.reason));
    return;
  }
  const cur = p.currency;
  const span = `${cur}, ${p.period.start} to ${p.period.end}`;
  const w = p.whale;
  root.append(
    pageHeader(
      'Profitability',
      `Cost model "${p.model.name}"${p.model.illustrative ? ' (illustrative: its costs are made up, the method is not)' : ''}; transactions ${p.period.start} to ${p.period.end}; amounts in ${cur}; computed at ${when(p.computedAt)}. Profit = ${p.rules.profit}.`,
    ),
  );
  root.append(
    h(
      'div',
      { class: 'cards' },
      figure('profit', 'Total profit', p.totals.profit, money(p.totals.profit), span),
      figure('netRevenue', 'Net revenue', p.totals.netRevenue, money(p.totals.netRevenue), span),
      figure(
        'costToServe',
        'Cost-to-serve',
        p.totals.costToServe,
        money(p.totals.costToServe),
        `${span}; ${money(p.totals.unassignedCost)} not assignable to a customer`,
      ),
      figure(
        'peakPct',
        'Whale peak',
        w.peakPctOfTotal,
        `${num(w.peakPctOfTotal)}%`,
        `of total profit, reached by the ${int(w.peakCustomers)} most profitable customers (${pct(w.peakCustomerShare)})`,
      ),
      figure(
        'unprofitableShare',
        'Unprofitable customers',
        w.unprofitableShare,
        pct(w.unprofitableShare),
        `${int(w.unprofitableCustomers)} of ${int(w.customers)} customers have profit < 0`,
      ),
      figure('profitDestroyed', 'Profit destroyed', w.profitDestroyed, money(w.profitDestroyed), `${span}, by the unprofitable customers`),
    ),
  );
  for (const warning of p.warnings as string[]) root.append(h('p', { class: 'notice' }, warning));

  // the whale curve's axes named by the core's declaration of the table (`profit.whale`)
  const whaleCol = (key: string) => p.tables.whale.columns.find((c) => c.key === key)!;
  const share = whaleCol('customer_share'),
    cumulative = whaleCol('cumulative_profit');
  const peakAt = w.curve.reduce((best, c) => (c.cumulativeProfit > best.cumulativeProfit ? c : best), w.curve[0]);
  const m = p.matrix;
  const quad = (q: ApiProfitabilityOk['matrix']['quadrants'][number]) =>
    h(
      'div',
      {
        class: `quadrant ${q.quadrant}`,
        'data-quadrant': q.quadrant,
        'data-customers': String(q.customers),
        'data-profit': String(q.profit),
      },
      h('h3', {}, q.label),
      h('div', { class: 'rule' }, q.rule),
      h(
        'div',
        { class: 'figures' },
        `${int(q.customers)} customers · net revenue ${money(q.netRevenue)} · profit ${money(q.profit)} ${cur}`,
      ),
      h('div', {}, h('strong', {}, 'Action: '), q.action),
    );
  const byQ = Object.fromEntries(m.quadrants.map((q) => [q.quadrant, q]));
  root.append(
    h(
      'div',
      { class: 'grid2' },
      h(
        'div',
        {},
        h('h2', {}, 'Whale curve: cumulative profit, most profitable customers first'),
        chart('whale', {
          tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${money(v)} ${cur}` },
          grid: { left: 80, right: 30, top: 30, bottom: 50 },
          xAxis: {
            type: 'value',
            name: `${share.label} (most profitable first)`,
            nameLocation: 'middle',
            nameGap: 30,
            min: 0,
            max: 1,
            axisLabel: { formatter: (x: number) => pct(x) },
          },
          yAxis: { type: 'value', name: `${cumulative.label} (${columnUnit(cumulative, cur)})` },
          series: [
            {
              type: 'line',
              name: cumulative.label,
              showSymbol: false,
              data: w.curve.map((c) => [c.customerShare, c.cumulativeProfit]),
              areaStyle: { opacity: 0.08 },
              markLine: {
                symbol: 'none',
                // the total's label at the left end: the peak's label sits near the right end (it overlapped there)
                data: [{ yAxis: w.totalProfit, label: { formatter: `total ${money(w.totalProfit)}`, position: 'insideStartTop' } }],
              },
              markPoint: {
                symbol: 'circle',
                symbolSize: 8,
                data: [
                  {
                    coord: [peakAt.customerShare, w.peakProfit],
                    value: `${num(w.peakPctOfTotal)}%`,
                    label: { formatter: `peak ${num(w.peakPctOfTotal)}% of total`, position: 'top' },
                  },
                ],
              },
            },
          ],
        }),
        h(
          'p',
          { class: 'rule' },
          `Rule: ${p.rules.whale}. Peak ${money(w.peakProfit)} ${cur} = ${num(w.peakPctOfTotal)}% of the total ${money(w.totalProfit)}; the ${int(w.unprofitableCustomers)} unprofitable customers destroy ${money(w.profitDestroyed)}.`,
        ),
        csvButton('whale'),
      ),
      h(
        'div',
        {},
        h('h2', {}, 'Margin × cost-to-serve matrix'),
        h(
          'div',
          { class: 'quadrants', 'data-role': 'matrix' },
          h('div', {}),
          h('div', { class: 'axis' }, 'low cost-to-serve'),
          h('div', { class: 'axis' }, 'high cost-to-serve'),
          h('div', { class: 'axis' }, 'high margin'),
          quad(byQ.passive),
          quad(byQ.carriage_trade),
          h('div', { class: 'axis' }, 'low margin'),
          quad(byQ.bargain_basement),
          quad(byQ.aggressive),
        ),
        h('p', { class: 'rule' }, `Rule: ${p.rules.matrix}. Customers with net revenue ≤ 0 count as low margin, high cost-to-serve.`),
        ...m.notes.map((n: string) => h('p', { class: 'notice' }, n)),
        csvButton('quadrants'),
      ),
    ),
  );
  root.append(
    h('h2', {}, 'Profit by revenue tier (tiers by net revenue in the period, not the CLV tiers of the Segments page)'),
    // the core's declarations (`cvm profit --view tier|channel|pools` print the same columns)
    reportTable(p.tables.byTier, { name: 'by-tier', currency: cur }),
    h('p', { class: 'rule' }, `Rule: ${p.rules.tiers}.`),
    csvButton('by_tier'),
  );
  root.append(
    h('h2', {}, 'Profit by main channel'),
    p.tables.byChannel
      ? h('div', {}, reportTable(p.tables.byChannel, { name: 'by-channel', currency: cur }), csvButton('by_channel'))
      : h('p', { class: 'meta', 'data-role': 'no-channel' }, 'The log has no channel column, so there is no split by channel.'),
  );
  const u = p.unprofitable;
  root.append(
    h('h2', {}, `Unprofitable customers (${int(u.count)}; the ${int(u.customers.length)} most loss-making listed)`),
    h(
      'p',
      { class: 'rule' },
      `Suggested remedies: ${Object.entries(u.byRemedy)
        .map(
          ([k, n]) =>
            `${p.remedyLabels[k as keyof typeof p.remedyLabels]}: ${int(n as number)} customers (${p.remedies[k as keyof typeof p.remedies]})`,
        )
        .join('; ')}. Median order value ${money(u.medianOrderValue)} ${cur}.`,
    ),
    // the core's declaration of the table (the columns `cvm profit --view unprofitable` prints), so headers, units, tooltips and notes are its own
    reportTable(p.tables.unprofitable, {
      name: 'unprofitable',
      currency: cur,
      link: (key, v) => (key === 'customer_id' && v !== null ? `#/customer/${encodeURIComponent(String(v))}` : null),
      // one line per customer: the 'In numbers' sentences stay on one line and the box scrolls
      wrapLong: false,
      tall: true,
    }),
    csvButton('unprofitable'),
    ' ',
    h('span', { class: 'meta' }, "Every customer's P&L: "),
    csvButton('pnl'),
  );
  root.append(
    h('h2', {}, 'Cost pools'),
    reportTable(p.tables.pools, { name: 'pools', currency: cur }),
    csvButton('pools'),
    computedMeta(
      `reconciliation: pools ${money(p.reconciliation.poolCost)} = assigned ${money(p.reconciliation.assigned)} + unassigned ${money(p.reconciliation.unassigned)} (${p.reconciliation.balanced ? 'balanced' : 'NOT balanced'})`,
      `computed at ${when(p.computedAt)}`,
    ),
  );
}
