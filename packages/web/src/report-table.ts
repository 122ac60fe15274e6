import { columnHeading, formatCell, normalizeCell, type ReportTable } from '@cvm/core/report';
import { h } from './dom.js';

const numeric = (kind: string): boolean => kind !== 'text' && kind !== 'id' && kind !== 'date';

/**
 * A core report table (declared once in core with `defineTable`, sent by the API in a section) as an
 * HTML table: headings with units, each column's description as its tooltip, cells formatted by
 * kind with the raw value in data-value, the notes under it. A caption names the table for screen readers.
 */
export function reportTable(t: ReportTable, options: { tall?: boolean; rows?: number } = {}): HTMLElement {
  const rows = options.rows === undefined ? t.rows : t.rows.slice(0, options.rows);
  return h(
    'div',
    { class: 'report-table', 'data-report-table': t.id },
    h(
      'div',
      { class: options.tall ? 'scroll tall' : 'scroll', tabindex: 0, role: 'region', 'aria-label': t.title },
      h(
        'table',
        { 'data-table': t.id },
        h('caption', { class: 'sr-only' }, t.title),
        h(
          'thead',
          {},
          h('tr', {}, ...t.columns.map((c) => h('th', { scope: 'col', title: c.description, 'data-key': c.key }, columnHeading(c)))),
        ),
        h(
          'tbody',
          {},
          ...rows.map((r) =>
            h(
              'tr',
              {},
              ...t.columns.map((c, j) => {
                const v = normalizeCell(r[j]);
                return h(
                  'td',
                  { class: numeric(c.kind) ? 'num' : '', 'data-col': c.key, 'data-value': v === null ? '' : String(v) },
                  formatCell(v, c),
                );
              }),
            ),
          ),
        ),
      ),
    ),
    ...t.notes.map((n) => h('p', { class: 'rule' }, n)),
  );
}

/** Reads and writes a page's filter state in the URL hash query (#/page?key=value), so a view can be linked and reloaded. */
export const hashState = {
  get(): URLSearchParams {
    const q = location.hash.indexOf('?');
    return new URLSearchParams(q < 0 ? '' : location.hash.slice(q + 1));
  },
  set(values: Record<string, string>): void {
    const base = location.hash.replace(/\?.*$/, '');
    history.replaceState(null, '', `${location.pathname}${base}?${new URLSearchParams(values)}`);
  },
};
