import { api, downloadCsv } from './api.js';
import { h, clear } from './dom.js';
import { cell } from './format.js';

interface Column { name: string; kind: 'string' | 'number'; unit?: string; description: string }
interface Page { columns: Column[]; rows: (string | number | null)[][]; total: number; page: number; pageSize: number; pages: number; sort: string; dir: 'asc' | 'desc' }

/**
 * A server-side table: every sort, filter and page is a new API request; only one page is ever in
 * the browser. `link` turns a cell into a link (e.g. the customer id to the drill-down).
 */
export function tableView(endpoint: string, name: string, options: { link?: (col: string, value: unknown) => string | null; filters?: boolean; onPage?: (p: Page) => void } = {}): HTMLElement {
  const state = { page: 1, pageSize: 25, sort: '', dir: '' as '' | 'asc' | 'desc', q: '', filter: [] as string[] };
  const body = h('div', { class: 'scroll' });
  const info = h('span', { class: 'meta', 'data-role': 'table-info' });
  const search = h('input', { type: 'search', placeholder: 'search id', 'aria-label': 'search', 'data-role': 'search' });
  const filterInput = h('input', { type: 'text', placeholder: 'filter e.g. frequency:gte:3', size: 28, 'aria-label': 'filter', 'data-role': 'filter' });
  const query = (format?: string): string => {
    const p = new URLSearchParams({ page: String(state.page), pageSize: String(state.pageSize) });
    if (state.sort) p.set('sort', state.sort);
    if (state.dir) p.set('dir', state.dir);
    if (state.q) p.set('q', state.q);
    for (const f of state.filter) p.append('filter', f);
    if (format) p.set('format', format);
    return `${endpoint}?${p}`;
  };
  const error = h('div');
  const load = async (): Promise<void> => {
    clear(error);
    let page: Page;
    try {
      page = await api<Page>(query());
    } catch (e) {
      error.append(h('div', { class: 'error', 'data-role': 'table-error' }, (e as Error).message));
      return;
    }
    options.onPage?.(page);
    const head = h('tr', {}, ...page.columns.map((c) => h('th', { title: c.description, 'data-col': c.name },
      h('button', { onclick: () => { state.dir = state.sort === c.name && page.dir === 'desc' ? 'asc' : 'desc'; state.sort = c.name; state.page = 1; void load(); } },
        c.name, page.sort === c.name ? (page.dir === 'desc' ? ' ▼' : ' ▲') : ''),
      c.unit ? h('span', { class: 'unit' }, c.unit) : null)));
    const rows = page.rows.map((r) => h('tr', {}, ...r.map((v, j) => {
      const col = page.columns[j]!;
      const href = options.link?.(col.name, v) ?? null;
      const text = cell(v);
      return h('td', { class: col.kind === 'number' ? 'num' : '', 'data-col': col.name, 'data-value': v === null ? '' : String(v) }, href ? h('a', { href }, text) : text);
    })));
    clear(body);
    body.append(h('table', { 'data-table': name }, h('thead', {}, head), h('tbody', {}, ...rows)));
    info.textContent = `${page.total.toLocaleString('en-US')} rows · page ${page.page} of ${page.pages.toLocaleString('en-US')}`;
    info.setAttribute('data-total', String(page.total));
  };
  const go = (d: number) => () => { state.page = Math.max(1, state.page + d); void load(); };
  const toolbar = h('div', { class: 'toolbar' },
    search,
    options.filters === false ? null : filterInput,
    h('button', { onclick: () => { state.q = search.value.trim(); state.filter = filterInput.value.split(/\s+/).filter(Boolean); state.page = 1; void load(); }, 'data-role': 'apply' }, 'Apply'),
    h('button', { onclick: go(-1), 'data-role': 'prev' }, '‹ Prev'),
    h('button', { onclick: go(1), 'data-role': 'next' }, 'Next ›'),
    info,
    h('button', { onclick: () => void downloadCsv(query('csv'), `${name}.csv`), 'data-role': 'csv' }, 'Download CSV'),
  );
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter') (toolbar.querySelector('[data-role=apply]') as HTMLButtonElement).click(); });
  void load();
  return h('div', { 'data-role': 'table-view' }, toolbar, error, body);
}
