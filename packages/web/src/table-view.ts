import type { Cell, TablePageJson } from '@cvm/core/report';
import { api, downloadCsv } from './api.js';
import { h, clear } from './dom.js';
import { filterBuilder } from './filter-builder.js';
import { hashParams, PAGE_SIZES, pushTableState, readTableState } from './table-state.js';
import { scrollBox, tableElement } from './table.js';

type Page = TablePageJson;

/** Filters typed in one box, separated by spaces; a value may itself hold spaces ("rfm_segment:eq:At Risk"). */
export function splitFilters(text: string): string[] {
  return text
    .trim()
    .split(/\s+(?=[A-Za-z_]\w*:(?:eq|ne|gte?|lte?|in|contains):)/)
    .map((f) => f.trim())
    .filter(Boolean);
}

export interface TableViewOptions {
  /** A cell as a link (e.g. the customer id to the drill-down), or null. */
  link?: (col: string, value: Cell) => string | null;
  /** false: no filter box and no filter builder (search, sort and pages only). */
  filters?: boolean;
  /** Called with every page shown (e.g. to keep the filters in force). */
  onPage?: (p: Page) => void;
  /** Where the table keeps its state in the URL: keys after this prefix (default `${name}.`; '' for a page's main table). */
  urlPrefix?: string;
}

/**
 * A server-side table: every sort, filter and page is a new API request; only one page is ever in
 * the browser. Its state (sort, direction, filters, search, page, rows per page) lives in the URL
 * hash query, so a view can be shared and Back returns to the previous one. After a sort the focus
 * stays on the sorted header; the sort is in `aria-sort`, the page in a polite status line and the
 * table's caption.
 */
export function tableView(endpoint: string, name: string, options: TableViewOptions = {}): HTMLElement {
  const prefix = options.urlPrefix ?? `${name}.`;
  const state = readTableState(hashParams(), prefix);
  const body = scrollBox(null, `${name.replaceAll('-', ' ')} table`);
  const info = h('span', { class: 'meta', 'data-role': 'table-info', role: 'status' });
  const search = h('input', {
    type: 'search',
    placeholder: 'search id',
    'aria-label': 'search',
    'data-role': 'search',
    value: state.q,
  }) as HTMLInputElement;
  const filterInput = h('input', {
    type: 'text',
    placeholder: 'filter e.g. frequency:gte:3',
    size: 28,
    'aria-label': 'filter',
    'data-role': 'filter',
    value: state.filter.join(' '),
  }) as HTMLInputElement;
  const sizes = h(
    'select',
    { 'data-role': 'page-size', 'aria-label': 'rows per page' },
    ...PAGE_SIZES.map((n) => h('option', { value: n, selected: n === state.pageSize }, `${n} rows`)),
  ) as HTMLSelectElement;
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
  let focusSort: string | null = null;
  const load = async (push = false): Promise<void> => {
    if (push) pushTableState(prefix, state);
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
    // an address with a page past the end (a shared link to a list that has since shrunk) shows the last page
    if (page.page > page.pages) {
      state.page = page.pages;
      pushTableState(prefix, state, true);
      return load();
    }
    options.onPage?.(page);
    builder?.setColumns(page.columns);
    const sortedBy = page.columns.find((c) => c.key === page.sort);
    const where = `page ${page.page.toLocaleString('en-US')} of ${page.pages.toLocaleString('en-US')}`;
    const caption = `${page.title || name}: ${page.total.toLocaleString('en-US')} rows${sortedBy ? `, sorted by ${sortedBy.label} ${page.dir === 'desc' ? 'highest' : 'lowest'} first` : ''}, ${where}`;
    const table = tableElement(page.columns, page.rows, {
      name,
      caption,
      ...(options.link ? { link: options.link } : {}),
      sort: {
        key: page.sort,
        dir: page.dir,
        keys: page.columns.filter((c) => !c.perRow).map((c) => c.key), // a column written per row is not stored: no sort on it
        onSort: (key) => {
          state.dir = page.sort === key && page.dir === 'desc' ? 'asc' : 'desc';
          state.sort = key;
          state.page = 1;
          focusSort = key;
          void load(true);
        },
      },
    });
    body.replaceChildren(table);
    info.textContent = `${page.total.toLocaleString('en-US')} rows · ${where}`;
    info.setAttribute('data-total', String(page.total));
    info.setAttribute('data-page', String(page.page));
    prev.disabled = page.page <= 1;
    next.disabled = page.page >= page.pages;
    if (focusSort !== null) {
      (body.querySelector(`th[data-col="${CSS.escape(focusSort)}"] button`) as HTMLButtonElement | null)?.focus();
      focusSort = null;
    }
    // a page button that just became disabled would drop the focus to the page: hand it to the other one
    if (document.activeElement === document.body || (document.activeElement as HTMLButtonElement | null)?.disabled) {
      if (prev.disabled && !next.disabled && lastPaged === prev) next.focus();
      if (next.disabled && !prev.disabled && lastPaged === next) prev.focus();
    }
  };
  let lastPaged: HTMLButtonElement | null = null;
  const go = (d: number) => (e: Event) => {
    lastPaged = e.currentTarget as HTMLButtonElement;
    state.page = Math.max(1, state.page + d);
    void load(true);
  };
  const prev = h(
    'button',
    { onclick: go(-1), 'data-role': 'prev', disabled: true, 'aria-label': 'previous page' },
    '‹ Prev',
  ) as HTMLButtonElement;
  const next = h(
    'button',
    { onclick: go(1), 'data-role': 'next', disabled: true, 'aria-label': 'next page' },
    'Next ›',
  ) as HTMLButtonElement;
  const apply = (): void => {
    state.q = search.value.trim();
    state.filter = splitFilters(filterInput.value);
    state.page = 1;
    void load(true);
  };
  sizes.addEventListener('change', () => {
    state.pageSize = Number(sizes.value);
    state.page = 1;
    void load(true);
  });
  const builder =
    options.filters === false
      ? null
      : filterBuilder((expression) => {
          filterInput.value = `${filterInput.value.trim()} ${expression}`.trim();
          apply();
        });
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    search,
    options.filters === false ? null : filterInput,
    h('button', { onclick: apply, 'data-role': 'apply' }, 'Apply'),
    prev,
    next,
    sizes,
    info,
    h('button', { onclick: () => void downloadCsv(query('csv'), `${name}.csv`), 'data-role': 'csv' }, 'Download CSV'),
  );
  for (const input of [search, filterInput])
    input.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') apply();
    });
  void load();
  return h('div', { 'data-role': 'table-view' }, toolbar, builder?.element ?? null, error, body);
}
