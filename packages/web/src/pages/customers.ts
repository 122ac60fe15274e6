import { api } from '../api.js';
import { h } from '../dom.js';
import { customersLink, hashQuery } from '../links.js';
import { migrationCell } from './migration-customers.js';
import { pageHeader } from '../widgets.js';
import { tableView } from '../table-view.js';
import type { ApiAudienceSaved, ApiAudiences } from '@cvm/core/api';

/**
 * The scored customer table, paged, sorted and filtered by the server. Filters and sort can come from
 * the URL (#/customers?filter=value_tier:eq:Gold&filter=…&sort=…&dir=…), which is how heat-map cells,
 * segment rows and the retention page open it; the filters in force can be saved as an audience.
 */
export async function customersPage(root: HTMLElement): Promise<void> {
  const q = hashQuery();
  const filter = q.getAll('filter');
  let current = [...filter];
  root.append(
    pageHeader(
      'Customers',
      'Every customer with every score (summary, P(alive), CLV, tier, lifecycle stage, RFM segment and whether it contradicts the stage, churn risk, P(return), next purchase, value at risk, profit when costed), sorted, filtered and paged by the server. Click a column to sort; filters look like ',
      h('code', {}, 'frequency:gte:3'),
      ' (ops eq ne gt gte lt lte in contains; several separated by spaces, AND-ed), or build one with "Build a filter". The address keeps the sort, filters and page: share it, or go Back.',
    ),
  );
  // the filters in force, kept in step with the table (which writes them to the URL)
  const active = h('div', { class: 'notice', 'data-role': 'active-filters', hidden: filter.length === 0 });
  const showActive = (f: readonly string[]): void => {
    active.hidden = f.length === 0;
    active.replaceChildren(`Filtered by ${f.join(' and ')}. `, h('a', { href: '#/customers' }, 'Show all customers'));
  };
  showActive(filter);
  root.append(active);
  // issue 12: opened from a migration heat-map cell: only the customers who made that move
  const cell = migrationCell(q);
  if (cell) root.append(cell.notice);
  const status = h('span', { class: 'meta', 'data-role': 'audience-status' });
  const name = h('input', {
    type: 'text',
    placeholder: 'audience name',
    'aria-label': 'audience name',
    'data-role': 'audience-name',
    maxlength: 100,
  }) as HTMLInputElement;
  const description = h('input', {
    type: 'text',
    placeholder: 'description (optional)',
    'aria-label': 'audience description',
    'data-role': 'audience-description',
    maxlength: 500,
  }) as HTMLInputElement;
  const save = async (): Promise<void> => {
    status.textContent = '';
    if (!current.length) {
      status.textContent = 'Apply at least one filter first: an audience is a filter with a name.';
      return;
    }
    try {
      const r = await api<ApiAudienceSaved>('/api/audiences', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: name.value.trim(), filters: current, description: description.value.trim() || undefined }),
      });
      status.textContent = `${r.audience.replaced ? 'Replaced' : 'Saved'} audience "${r.audience.name}": ${r.members.toLocaleString('en-US')} customers today.`;
      status.setAttribute('data-status', 'ok');
      void listAudiences();
    } catch (e) {
      status.textContent = (e as Error).message;
      status.setAttribute('data-status', 'error');
    }
  };
  root.append(
    tableView(cell ? cell.endpoint : '/api/customers', 'customers', {
      link: (c, v) => (c === 'customer_id' ? `#/customer/${encodeURIComponent(String(v))}` : null),
      urlPrefix: '',
      onPage: (p) => {
        current = [...p.filter];
        showActive(current);
      },
    }),
  );
  if (cell) {
    // a migration list is a past move between two snapshots, not a rule on today's data: no audience
    root.append(
      h(
        'p',
        { class: 'meta', 'data-role': 'cell-no-audience' },
        'A migration list cannot be saved as an audience (an audience is a filter re-evaluated on the current data); download it as CSV instead.',
      ),
    );
    return;
  }
  root.append(
    h('h2', {}, 'Save the filters as an audience'),
    h(
      'p',
      { class: 'sub' },
      'An audience is a named filter stored in the workspace and re-evaluated on the current data whenever it is used or exported.',
    ),
    h(
      'div',
      { class: 'toolbar' },
      name,
      description,
      h('button', { 'data-role': 'audience-save', onclick: () => void save() }, 'Save audience'),
      status,
    ),
  );
  const saved = h('div', { 'data-role': 'audiences' });
  root.append(h('h2', {}, 'Saved audiences'), saved);
  const listAudiences = async (): Promise<void> => {
    const { audiences } = await api<ApiAudiences>('/api/audiences');
    saved.replaceChildren(
      audiences.length
        ? h(
            'ul',
            {},
            ...audiences.map((a: { name: string; filters: string[]; description: string }) =>
              h(
                'li',
                { 'data-audience': a.name },
                h('a', { href: customersLink(a.filters) }, a.name),
                ` — ${a.filters.join(' and ')}${a.description ? ` (${a.description})` : ''}`,
              ),
            ),
          )
        : h('p', { class: 'meta' }, 'None saved yet.'),
    );
  };
  await listAudiences();
}
