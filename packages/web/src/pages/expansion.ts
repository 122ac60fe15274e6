import type { ApiExpansionNotComputed, ApiRulesPage } from '@cvm/core/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { int } from '../format.js';
import { notComputed, pageHeader } from '../widgets.js';
import { backtestSection } from './expansion-backtest.js';
import { headroomSection } from './expansion-headroom.js';
import { offersSection } from './expansion-offers.js';
import { rulesExplorer } from './expansion-rules.js';
import '../expansion.css';

/**
 * Expansion: selling more to the customers the business already has. Cross-sell rules (explorer
 * and network), the next best offer of every customer, the offers' backtest against the best
 * sellers, and up-sell headroom by segment. Without product ids in the log only headroom (on spend)
 * is shown, and the rest says why.
 */
export async function expansionPage(root: HTMLElement): Promise<void> {
  const header = h('div', {}, pageHeader('Expansion', 'Cross-sell and up-sell to the customers you already have.'));
  const slots = { rules: h('div', {}), offers: h('div', {}), backtest: h('div', {}), headroom: h('div', {}) };
  root.append(header, slots.rules, slots.offers, slots.backtest, slots.headroom);
  const first = await api<ApiRulesPage | ApiExpansionNotComputed>('/api/expansion/rules?pageSize=25');
  if (first.status === 'not_computed') {
    header.replaceChildren(
      pageHeader('Expansion', 'Cross-sell needs product ids in the log; up-sell headroom below is measured on spend alone.'),
    );
    slots.rules.replaceChildren(
      h(
        'section',
        { 'data-role': 'rules', 'data-status': 'not_computed' },
        h('h2', {}, 'Cross-sell rules, next best offers and their backtest'),
        notComputed(first.reason),
      ),
    );
    await headroomSection(slots.headroom);
    return;
  }
  header.replaceChildren(
    pageHeader(
      'Expansion',
      `Cross-sell: what is bought together and the next product to offer each customer, from ${int(first.baskets)} baskets (${first.basketsBy === 'customer-day' ? "a customer's purchases on one day: the log has no order id" : 'orders'}) of ${int(first.items)} products up to ${first.asOf}. Up-sell: how far each customer's spend is below the stronger customers of their segment.`,
    ),
  );
  await Promise.all([
    rulesExplorer(slots.rules, first),
    offersSection(slots.offers),
    backtestSection(slots.backtest),
    headroomSection(slots.headroom),
  ]);
}
