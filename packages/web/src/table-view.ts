import { formatValue, type TablePageJson } from '@cvm/core/report';
import { api, downloadCsv } from './api.js';
import { h, clear } from './dom.js';

type Page = TablePageJson;

/** Filters typed in one box, separated by spaces; a value may itself hold spaces ("rfm_segment:eq:At Risk"). */
export function splitFilters(text: string): string[] {
  return text.trim().split(/\s+(?=[A-Za-z_]\w*:(?:eq|ne|gte?|lte?|in|contains):)/).map((f) => f.trim()).filter(Boolean);
}
const numeric = (kind: string): boolean => kind !== 'text' && kind !== 'id' && kind !== 'date';

/**
 * A server-side table: every sort, filter and page is a new API request; only one page is ever in
 * the browser. `link` turns a cell into a link (e.g. the customer id to the drill-down).
 */
export function tableView(endpoint: string, name: string, options: { link?: (col: string, value: unknown) => string | null; filters?: boolean; onPage?: (p: Page) => void; initial?: { filter?: readonly string[]; sort?: string; dir?: 'asc' | 'desc' } } = {}): HTMLElement {
  const init = options.initial ?? {};
  const state = { page: 1, pageSize: 25, sort: init.sort ?? '', dir: (init.dir ?? '') as '' | 'asc' | 'desc', q: '', filter: [...(init.filter ?? [])] };
  const body = h('div', { class: 'scroll' });
  const info = h('span', { class: 'meta', 'data-role': 'table-info' });
  const search = h('input', { type: 'search', placeholder: 'search id', 'aria-label': 'search', 'data-role': 'search' });
  const filterInput = h('input', { type: 'text', placeholder: 'filter e.g. frequency:gte:3', size: 28, 'aria-label': 'filter', 'data-role': 'filter', value: state.filter.join(' ') });
  const query = (format?: string): string => {
    const p = new URLSearchParams({ page: String(state.page), pageSize: String(state.pageSize) });
    if (state.sort) p.set('sort', state.sort);
    if (state.dir) p.set('dir', state.dir);
    if (state.q) p.set('q', state.q);
    for (const f of state.filter) p.append('filter', f);
    if (format) p.set('format', format);
    return `${endpoint}${endpoint.includes('?') ? '&' : '?'}${p}`;
  };
  const error = h('div');
  const load = async (): Promise<void> => {
    clear(error);
    let page: Page;
    try {
      page = await api<Page>(query());
    } catch (e) {
      error.append(h('div', { class: 'error', 'data-role': 'table-error' }, (e as Error).message));
      info.textContent = '';
      clear(body);
      prev.disabled = true;
      next.disabled = true;
      return;
    }
    options.onPage?.(page);
    const head = h('tr', {}, ...page.columns.map((c) => h('th', { title: c.description ?? '', 'data-col': c.key, 'aria-sort': page.sort === c.key ? (page.dir === 'desc' ? 'descending' : 'ascending') : 'none' },
      h('button', { onclick: () => { state.dir = state.sort === c.key && page.dir === 'desc' ? 'asc' : 'desc'; state.sort = c.key; state.page = 1; void load(); } },
        c.label, page.sort === c.key ? (page.dir === 'desc' ? ' ▼' : ' ▲') : ''),
      c.unit ? h('span', { class: 'unit' }, c.unit) : null)));
    const rows = page.rows.map((r) => h('tr', {}, ...r.map((v, j) => {
      const col = page.columns[j]!;
      const href = options.link?.(col.key, v) ?? null;
      const text = formatValue(v, col.kind);
      return h('td', { class: numeric(col.kind) ? 'num' : '', 'data-col': col.key, 'data-value': v === null ? '' : String(v) }, href ? h('a', { href }, text) : text);
    })));
    clear(body);
    body.append(h('table', { 'data-table': name }, h('thead', {}, head), h('tbody', {}, ...rows)));
    state.page = page.page;
    info.textContent = `${page.total.toLocaleString('en-US')} rows · page ${page.page} of ${page.pages.toLocaleString('en-US')}`;
    info.setAttribute('data-total', String(page.total));
    prev.disabled = page.page <= 1;
    next.disabled = page.page >= page.pages;
  };
  const go = (d: number) => () => { state.page = Math.max(1, state.page + d); void load(); };
  const prev = h('button', { onclick: go(-1), 'data-role': 'prev', disabled: true }, '‹ Prev') as HTMLButtonElement;
  const next = h('button', { onclick: go(1), 'data-role': 'next', disabled: true }, 'Next ›') as HTMLButtonElement;
  const toolbar = h('div', { class: 'toolbar' },
    search,
    options.filters === false ? null : filterInput,
    h('button', { onclick: () => { state.q = search.value.trim(); state.filter = splitFilters(filterInput.value); state.page = 1; void load(); }, 'data-role': 'apply' }, 'Apply'),
    prev,
    next,
    info,
    h('button', { onclick: () => void downloadCsv(query('csv'), `${name}.csv`), 'data-role': 'csv' }, 'Download CSV'),
  );
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter') (toolbar.querySelector('[data-role=apply]') as HTMLButtonElement).click(); });
  void load();
  return h('div', { 'data-role': 'table-view' }, toolbar, error, body);
}
