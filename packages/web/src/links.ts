/** Links between pages that carry a customer-table filter in the URL (`#/customers?filter=…`). */

/** The customers page filtered by `filters` (column:op:value, AND-ed), optionally sorted. */
export function customersLink(filters: readonly string[], sort?: { sort: string; dir: 'asc' | 'desc' }): string {
  const p = new URLSearchParams();
  for (const f of filters) p.append('filter', f);
  if (sort) {
    p.set('sort', sort.sort);
    p.set('dir', sort.dir);
  }
  return `#/customers?${p}`;
}

/** The query of the current hash route (`#/page?…`). */
export function hashQuery(): URLSearchParams {
  const i = location.hash.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : location.hash.slice(i + 1));
}

/** One migration cell (issue 12): the customers in `fromState` on `from` and in `toState` on `to`, by tier, lifecycle or rfm. */
export interface MigrationCellLink {
  from: string;
  to: string;
  by: string;
  fromState: string;
  toState: string;
}

/** The customers page listing the customers of one migration cell. */
export function migrationCustomersLink(c: MigrationCellLink): string {
  return `#/customers?${new URLSearchParams({ from: c.from, to: c.to, by: c.by, fromState: c.fromState, toState: c.toState })}`;
}
