import type { ApiCustomerOffersOk, ApiExpansionNotComputed } from '@cvm/core/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { money, pct } from '../format.js';
import { tableBox } from '../table.js';
import { offerValueWords } from './expansion-offers.js';

const SEGMENT_WORDS = { value_tier: 'value tier', lifecycle_stage: 'lifecycle stage', rfm_segment: 'RFM segment' } as const;

/** The customer's up-sell headroom in words, every amount with its currency and window. */
function headroomWords(x: NonNullable<ApiCustomerOffersOk['headroom']>): string {
  const cur = 'currency of the log';
  const seg = `${x.segment} customers (${SEGMENT_WORDS[x.groupBy]})`;
  const parts = [`Spent ${money(x.spend)} (${cur}) from ${x.from} to ${x.asOf}.`];
  if (x.spendTarget === null || x.gap === null) parts.push(`${seg} are too few for a benchmark.`);
  else if (x.gap === 0) parts.push(`That is at or above the upper quartile of ${seg}, ${money(x.spendTarget)}: no up-sell headroom.`);
  else
    parts.push(
      `The upper quartile of ${seg} spent ${money(x.spendTarget)}: headroom ${money(x.gap)}${x.pAlive === null || x.expectedGap === null ? '' : `, or ${money(x.expectedGap)} weighted by the ${pct(x.pAlive)} chance the customer is still active`}.`,
    );
  if (x.breadth !== null && x.breadthBasis !== null)
    parts.push(
      `Bought ${x.breadth} distinct ${x.breadthBasis}${x.breadthTarget === null ? '' : `; the upper quartile of the segment buys ${x.breadthTarget.toLocaleString('en-US', { maximumFractionDigits: 2 })}`}.`,
    );
  return parts.join(' ');
}

/** The drill-down's "next best offers" section: the offers with their reasons, and the customer's headroom. */
export async function customerOffersSection(slot: HTMLElement, id: string): Promise<void> {
  slot.replaceChildren(h('h2', {}, 'Next best offers'), h('p', { class: 'meta' }, 'computing offers…'));
  slot.setAttribute('data-status', 'loading');
  try {
    const r = await api<ApiCustomerOffersOk | ApiExpansionNotComputed>(`/api/customers/${encodeURIComponent(id)}/offers`);
    if (r.status === 'not_computed') {
      slot.replaceChildren(
        h('h2', {}, 'Next best offers'),
        h('p', { class: 'meta', 'data-status': 'not_computed' }, `Not computed: ${r.reason}`),
      );
      slot.setAttribute('data-status', 'not_computed');
      return;
    }
    const t = r.offers;
    // the customer's own id is the page's subject: not repeated in every row
    const table =
      t && t.rows.length > 0
        ? tableBox(
            t.columns.slice(1),
            t.rows.map((row) => row.slice(1)),
            { name: 'customer-offers', currency: r.currency, wrap: ['reason'], caption: `Next best offers for customer ${r.customerId}` },
          )
        : null;
    slot.replaceChildren(
      h('h2', {}, 'Next best offers'),
      h(
        'p',
        { class: 'sub' },
        `As of ${r.asOf}, the products this customer has not bought, ranked by expected value = probability × ${offerValueWords(r.valueKind, r.currency)}.`,
      ),
      table ?? h('p', { class: 'notice', 'data-role': 'no-offers' }, r.message ?? 'No offers.'),
      h('div', { class: 'rule' }, ...(t?.notes ?? []).map((n) => h('p', {}, n))),
      h('h3', {}, 'Up-sell headroom'),
      r.headroom
        ? h('p', { 'data-role': 'customer-headroom', 'data-gap': String(r.headroom.gap ?? '') }, headroomWords(r.headroom))
        : h('p', { class: 'meta', 'data-role': 'customer-headroom' }, r.headroomMessage ?? ''),
    );
    slot.setAttribute('data-status', 'ok');
  } catch (e) {
    slot.replaceChildren(h('h2', {}, 'Next best offers'), h('div', { class: 'error' }, (e as Error).message));
    slot.setAttribute('data-status', 'error');
  }
}
