import { columnHeading, formatValue, type Cell, type ReportColumn, type ReportTable } from '@cvm/core/report';
import { h } from './dom.js';

const numeric = (kind: string): boolean => kind !== 'text' && kind !== 'id' && kind !== 'date';

/** How a core report table is drawn: its name for tests, the currency of money columns, links, a server-side sort. */
export interface ReportTableViewOptions {
  /** `data-table` attribute. */
  name: string;
  /** Shown with every money column's unit; null or absent: "the log's currency". */
  currency?: string | null;
  /** A cell as a link (e.g. a customer id to the drill-down), or null. */
  link?: (key: string, value: Cell) => string | null;
  /** Headers of `keys` become sort buttons; `onSort` asks for the new order (the table is redrawn by the caller). */
  sort?: { key: string; dir: 'asc' | 'desc'; keys: readonly string[]; onSort(key: string): void };
  /** Column keys whose text wraps (long reasons). */
  wrap?: readonly string[];
  /** A caption for screen readers and people (what the table is). */
  caption?: string;
  /** A long table: at most about 460 px high, scrolling with its header kept in view. */
  tall?: boolean;
}

/** The unit under a column's label: money columns always name their currency. */
export function columnUnit(c: ReportColumn, currency?: string | null): string {
  if (c.kind !== 'money') return c.unit ?? '';
  const cur = currency ?? 'currency of the log';
  return c.unit ? `${cur}, ${c.unit}` : cur;
}

/**
 * A core report table (columns with labels, kinds, units and descriptions; rows of cells) as an
 * HTML table, every value formatted by its kind with the raw value in `data-value`. Sortable
 * headers are buttons with `aria-sort` on their cell.
 */
export function reportTableView(t: { columns: readonly ReportColumn[]; rows: readonly Cell[][] }, o: ReportTableViewOptions): HTMLElement {
  const wrap = new Set(o.wrap ?? []);
  const head = t.columns.map((c) => {
    const sortable = o.sort?.keys.includes(c.key) ?? false;
    const active = o.sort?.key === c.key;
    const unit = columnUnit(c, o.currency);
    const label = sortable
      ? h(
          'button',
          {
            type: 'button',
            'data-sort': c.key,
            'aria-label': `${c.label}${unit ? ` (${unit})` : ''}: sort ${active && o.sort!.dir === 'desc' ? 'lowest' : 'highest'} first`,
            onclick: () => o.sort!.onSort(c.key),
          },
          c.label,
          active ? (o.sort!.dir === 'desc' ? ' ▼' : ' ▲') : '',
        )
      : c.label;
    return h(
      'th',
      {
        scope: 'col',
        title: c.description ?? '',
        'data-col': c.key,
        'aria-sort': sortable ? (active ? (o.sort!.dir === 'desc' ? 'descending' : 'ascending') : 'none') : undefined,
      },
      label,
      unit ? h('span', { class: 'unit' }, unit) : null,
    );
  });
  const rows = t.rows.map((r) =>
    h(
      'tr',
      {},
      ...r.map((v, j) => {
        const c = t.columns[j]!;
        const text = formatValue(v, c.kind);
        const href = o.link?.(c.key, v) ?? null;
        const cls = numeric(c.kind) ? 'num' : wrap.has(c.key) ? 'wrap' : '';
        return h('td', { class: cls, 'data-col': c.key, 'data-value': v === null ? '' : String(v) }, href ? h('a', { href }, text) : text);
      }),
    ),
  );
  // focusable: a box that scrolls sideways on a phone must be reachable by keyboard (axe)
  return h(
    'div',
    {
      class: o.tall ? 'scroll tall' : 'scroll',
      tabindex: 0,
      role: 'region',
      'aria-label': o.caption ?? `${o.name.replaceAll('-', ' ')} table`,
    },
    h(
      'table',
      { 'data-table': o.name },
      o.caption ? h('caption', { class: 'sr-only' }, o.caption) : null,
      h('thead', {}, h('tr', {}, ...head)),
      h('tbody', {}, ...rows),
    ),
  );
}

/**
 * A whole core report table (`defineTable` output served by the API) with its notes, rendered from its column metadata:
 * headings with units, cells formatted by kind with the raw value in data-value, notes under it.
 * `link` turns a row into a link target (applied to its first cell).
 */
export function reportTableBlock(
  t: ReportTable,
  options: { link?: (row: ReportTable['rows'][number]) => string | null } = {},
): HTMLElement {
  return h(
    'div',
    { 'data-report-table': t.id },
    h(
      'div',
      { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': t.title },
      h(
        'table',
        { 'data-table': t.id },
        h('thead', {}, h('tr', {}, ...t.columns.map((c) => h('th', { title: c.description ?? '', 'data-col': c.key }, columnHeading(c))))),
        h(
          'tbody',
          {},
          ...t.rows.map((r) => {
            const href = options.link?.(r) ?? null;
            return h(
              'tr',
              {},
              ...r.map((v, j) => {
                const c = t.columns[j]!;
                const text = formatValue(v, c.kind);
                return h(
                  'td',
                  {
                    class: numeric(c.kind) ? 'num' : c.kind === 'text' && String(v).length > 60 ? 'wrap' : '',
                    'data-col': c.key,
                    'data-value': v === null ? '' : String(v),
                  },
                  j === 0 && href ? h('a', { href }, text) : text,
                );
              }),
            );
          }),
        ),
      ),
    ),
    ...t.notes.map((n) => h('p', { class: 'rule' }, n)),
  );
}
