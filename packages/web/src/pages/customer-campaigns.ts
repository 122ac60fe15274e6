import { api } from '../api.js';
import { h } from '../dom.js';
import { reportTable } from '../table.js';
import type { ApiCustomerCampaigns } from '@cvm/core/api';

/** The campaigns a customer was in and the group, for the customer drill-down (loads on its own). */
export function customerCampaignsView(id: string): HTMLElement {
  const el = h(
    'section',
    { 'data-role': 'customer-campaigns', 'data-status': 'loading' },
    h('h2', {}, 'Campaigns'),
    h('p', { class: 'meta' }, 'loading…'),
  );
  void api<ApiCustomerCampaigns>(`/api/customers/${encodeURIComponent(id)}/campaigns`).then(
    (r) => {
      el.replaceChildren(
        h('h2', {}, 'Campaigns'),
        r.campaigns.length === 0
          ? h('p', { class: 'meta' }, 'This customer was in no campaign.')
          : reportTable(r.table, {
              heading: 'h3',
              link: (key, v) => (key === 'campaign_id' ? `#/campaigns/${encodeURIComponent(String(v))}` : null),
            }),
      );
      el.setAttribute('data-status', 'ok');
    },
    (e: Error) => {
      el.replaceChildren(h('h2', {}, 'Campaigns'), h('div', { class: 'error' }, e.message));
      el.setAttribute('data-status', 'error');
    },
  );
  return el;
}
