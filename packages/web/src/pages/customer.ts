import { api, fetchSettings } from '../api.js';
import { chart } from '../charts.js';
import { h } from '../dom.js';
import { money, num, pct, when, cur, loadCurrency } from '../format.js';
import { figure, pageHeader, pendingFigure } from '../widgets.js';
import { recordTable, reportTable } from '../table.js';
import { customerOffersSection } from './customer-offers.js'; // expansion (issue 13)
// campaigns (issue 14, campaigns-ui)
import { customerCampaignsView } from './customer-campaigns.js';
import type { ApiCustomer, ApiCustomerModel, ApiCustomerSegments } from '@cvm/core/api';

export async function customerPage(root: HTMLElement, params: string[]): Promise<void> {
  await loadCurrency(fetchSettings);
  const id = params[0] ?? '';
  const c = await api<ApiCustomer>(`/api/customers/${encodeURIComponent(id)}`);
  root.append(
    pageHeader(
      `Customer ${c.customer.customer_id}`,
      `Summary as of ${c.calibrationEnd}; recency and T in ${c.period}s; amounts in ${cur()}.`,
    ),
  );
  if (c.segment) root.append(h('p', { class: 'notice why', 'data-role': 'why' }, c.segment.why));
  const cards = h(
    'div',
    { class: 'cards', 'data-role': 'model', 'data-status': 'loading' },
    h('div', { class: 'card' }, h('div', { class: 'label' }, 'Predicted CLV'), h('div', { class: 'value' }, 'fitting models…')),
  );
  const pAliveSlot = h('div', {}, h('h2', {}, 'P(alive) over time'), h('p', { class: 'meta' }, 'fitting models…'));
  root.append(cards);
  root.append(
    h(
      'div',
      { class: 'grid2' },
      h(
        'div',
        {},
        h('h2', {}, 'Purchase timeline (per purchase day)'),
        chart(
          'timeline',
          {
            tooltip: { trigger: 'axis' },
            grid: { left: 70, right: 20, top: 30, bottom: 40 },
            xAxis: { type: 'time', name: 'date', nameLocation: 'middle', nameGap: 26 },
            yAxis: { type: 'value', name: `amount (${cur()})` },
            series: [
              { type: 'bar', name: 'purchases', barMaxWidth: 8, data: c.purchases.map((p) => [p.date, p.amount]) },
              {
                type: 'bar',
                name: 'returns',
                barMaxWidth: 8,
                data: c.purchases.filter((p) => p.returned).map((p) => [p.date, -p.returned]),
              },
            ],
          },
          280,
        ),
        h('p', { class: 'meta' }, `${c.purchases.length} purchase days; total ${money(c.purchases.reduce((a, p) => a + p.amount, 0))}`),
      ),
      pAliveSlot,
    ),
  );
  const model = (async () => {
    try {
      const m = await api<ApiCustomerModel>(`/api/customers/${encodeURIComponent(id)}/model`);
      const k = m.clv;
      cards.replaceChildren(
        figure(
          'clv',
          'Predicted CLV',
          k.value,
          money(k.value),
          `${cur()}, ${k.units.horizon}, ${k.units.discount}, ${k.units.margin}; model ${k.model}`,
        ),
        figure(
          'pAlive',
          'Chance still active',
          k.pAlive,
          pct(k.pAlive),
          `P(alive): probability the customer is still active, as of ${m.calibrationEnd} (${k.model})`,
        ),
        figure(
          'expectedPurchases',
          'Expected purchases',
          k.expectedPurchases,
          num(k.expectedPurchases),
          `repeat purchase days, ${k.units.horizon}`,
        ),
        figure(
          'expectedSpend',
          'Expected spend',
          k.expectedSpend,
          money(k.expectedSpend),
          `${cur()} per purchase (${k.units.spend ?? 'Gamma-Gamma'})`,
        ),
      );
      pAliveSlot.replaceChildren(
        h('h2', {}, `P(alive) over time (${m.pAlive.model})`),
        chart(
          'p-alive',
          {
            tooltip: { trigger: 'axis', valueFormatter: (v: number) => pct(v) },
            grid: { left: 60, right: 20, top: 30, bottom: 40 },
            xAxis: { type: 'time', name: 'date', nameLocation: 'middle', nameGap: 26 },
            yAxis: { type: 'value', name: 'chance still active', min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v) } },
            series: [{ type: 'line', name: 'P(alive)', showSymbol: false, data: m.pAlive.series.map((p) => [p.date, p.pAlive]) }],
          },
          280,
        ),
        h('p', { class: 'rule', 'data-role': 'p-alive-rule' }, `Rule: ${m.pAlive.rule}. Now ${pct(m.pAlive.now)}.`),
        ...((m.warnings ?? []) as string[]).map((w) =>
          h('p', { class: 'notice', 'data-role': 'fit-doubts' }, h('strong', {}, 'Read with care: '), w),
        ),
      );
      cards.setAttribute('data-status', 'ok');
    } catch (e) {
      const why = `No predicted CLV: ${(e as Error).message}`;
      cards.replaceChildren(pendingFigure('clv', 'Predicted CLV', why));
      pAliveSlot.replaceChildren(h('h2', {}, 'P(alive) over time'), h('p', { class: 'notice' }, why));
      cards.setAttribute('data-status', 'error');
    }
  })();
  // the drill-down's tables as the core declares them (issue 19): every score of the customer as a
  // record (a region that scrolls sideways on a phone is reachable by keyboard; long texts wrap), then
  // the numbers behind the timeline
  const profile = c.tables.profile;
  root.append(
    recordTable(profile.columns, profile.rows[0] ?? [], { name: 'customer', caption: profile.title }),
    reportTable(c.tables.purchases, { name: 'purchases', heading: 'h2', tall: true }),
  );
  // expansion (issue 13): the customer's next best offers with reasons, and up-sell headroom
  const offersSlot = h('section', { 'data-role': 'customer-offers' });
  root.append(offersSlot);
  const offers = customerOffersSection(offersSlot, id);
  if (c.segment) {
    root.append(
      h('h2', {}, 'Segment'),
      h(
        'ul',
        {},
        h('li', { 'data-role': 'clv-tier' }, `CLV tier (by predicted CLV, now): ${c.segment.valueTier} — ${c.segment.tierRule}`),
        h(
          'li',
          {},
          `Lifecycle stage: ${String(c.segment.lifecycleStage).replaceAll('_', ' ')} — ${c.segment.recencyDays} days since the last purchase; rhythm ${num(c.segment.rhythmDays)} days`,
        ),
        h('li', {}, `RFM segment: ${c.segment.rfmSegment} (R${c.segment.r} F${c.segment.f} M${c.segment.m})`),
        // issue 20: an RFM label that contradicts the lifecycle stage is flagged, with which one to act on
        c.segment.rfmConflict
          ? h(
              'li',
              { class: 'warn', 'data-role': 'rfm-conflict' },
              h('strong', {}, `${c.segment.rfmConflict.flag}. `),
              c.segment.rfmConflict.note,
            )
          : null,
      ),
      h('p', { class: 'meta' }, `as of ${c.segment.asOf}; computed at ${when(c.segment.computedAt)}`),
    );
  }
  const history = h(
    'section',
    { 'data-role': 'segment-history', 'data-status': 'loading' },
    h('h2', {}, 'Segment history'),
    h('p', { class: 'meta' }, 'segmenting the quarter ends…'),
  );
  root.append(history);
  try {
    const s = await api<ApiCustomerSegments>(`/api/customers/${encodeURIComponent(id)}/segments`);
    // the core's rule names amounts "currency": say which
    const t = { ...s.tables.history, notes: s.tables.history.notes.map((n) => n.replace(/\bcurrency\b/g, cur())) };
    history.replaceChildren(
      s.history.length === 0
        ? h('div', {}, h('h2', {}, t.title), h('p', { class: 'meta' }, 'No snapshot includes this customer yet.'))
        : // issue 20: a row is flagged when that day's RFM label contradicts that day's stage
          reportTable(t, {
            name: 'segment-history',
            heading: 'h2',
            rowAttrs: (i): Record<string, string> => {
              const x = s.history[i]!;
              return x.rfmCheck ? { 'data-as-of': x.asOf, 'data-rfm-conflict': 'true', class: 'warn' } : { 'data-as-of': x.asOf };
            },
          }),
    );
    history.setAttribute('data-status', 'ok');
  } catch (e) {
    history.replaceChildren(h('h2', {}, 'Segment history'), h('div', { class: 'error' }, (e as Error).message));
    history.setAttribute('data-status', 'error');
  }
  // campaigns (issue 14, campaigns-ui)
  root.append(customerCampaignsView(id));
  await model;
  await offers;
}
