/** Rows-per-page choices of the server-side tables. */
export const PAGE_SIZES = [25, 50, 100] as const;

/** What a server-side table shows: the page, its size, the sort, the search text and the filters. */
export interface TableState {
  page: number;
  pageSize: number;
  sort: string;
  dir: '' | 'asc' | 'desc';
  q: string;
  filter: string[];
}

const KEYS = ['page', 'size', 'sort', 'dir', 'q', 'filter'] as const;

/**
 * A table's state from the hash route's query (`#/customers?sort=clv&dir=desc&page=2&size=50&filter=…`),
 * each key after `prefix` (empty for a page's main table, `at-risk.` where a page has several).
 * Unknown or out-of-range values fall back to the first page, 25 rows, the server's sort.
 */
export function readTableState(params: URLSearchParams, prefix: string): TableState {
  const page = Number(params.get(`${prefix}page`));
  const size = Number(params.get(`${prefix}size`));
  const dir = params.get(`${prefix}dir`);
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : PAGE_SIZES[0],
    sort: params.get(`${prefix}sort`) ?? '',
    dir: dir === 'asc' || dir === 'desc' ? dir : '',
    q: params.get(`${prefix}q`) ?? '',
    filter: params.getAll(`${prefix}filter`).filter(Boolean),
  };
}

/** `params` with this table's keys replaced by `state` (defaults left out, other keys kept). */
export function writeTableState(params: URLSearchParams, prefix: string, state: TableState): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const k of KEYS) out.delete(`${prefix}${k}`);
  for (const f of state.filter) out.append(`${prefix}filter`, f);
  if (state.q) out.set(`${prefix}q`, state.q);
  if (state.sort) out.set(`${prefix}sort`, state.sort);
  if (state.dir) out.set(`${prefix}dir`, state.dir);
  if (state.page > 1) out.set(`${prefix}page`, String(state.page));
  if (state.pageSize !== PAGE_SIZES[0]) out.set(`${prefix}size`, String(state.pageSize));
  return out;
}

/** The current hash route's query. */
export function hashParams(): URLSearchParams {
  const i = location.hash.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : location.hash.slice(i + 1));
}

/**
 * Records a table's new state as a new history entry (no re-render: the table already shows it), so
 * the address can be shared and Back returns to the previous view (the hash change re-renders it).
 * `replace` corrects the current entry instead (a page number past the end, clamped by the server).
 */
export function pushTableState(prefix: string, state: TableState, replace = false): void {
  pushHashParams(writeTableState(hashParams(), prefix, state), replace);
}

/** Records `params` as the hash route's query: a new history entry, or (`replace`) the current one corrected. */
export function pushHashParams(params: URLSearchParams, replace = false): void {
  const base = location.hash.replace(/\?.*$/, '') || '#/';
  const q = params.toString();
  const next = q ? `${base}?${q}` : base;
  if (next === location.hash) return;
  const href = `${location.pathname}${location.search}${next}`;
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
}
