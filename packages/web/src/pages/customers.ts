import { h } from '../dom.js';
import { pageHeader } from '../widgets.js';
import { tableView } from '../table-view.js';

export async function customersPage(root: HTMLElement): Promise<void> {
  root.append(pageHeader('Customers', 'The per-customer summary, sorted, filtered and paged by the server (one page at a time). Click a column to sort; filters look like ', h('code', {}, 'frequency:gte:3'), ' (ops eq ne gt gte lt lte, several separated by spaces).'));
  root.append(tableView('/api/customers', 'customers', { link: (c, v) => (c === 'customer_id' ? `#/customer/${encodeURIComponent(String(v))}` : null) }));
}
