import { columnHeading, formatValue, type ReportTable } from '@cvm/core/report';
import { h } from './dom.js';

const numeric = (kind: string): boolean => kind !== 'text' && kind !== 'id' && kind !== 'date';

/**
 * A core report table (`defineTable` output served by the API) rendered from its column metadata:
 * headings with units, cells formatted by kind with the raw value in data-value, notes under it.
 * `link` turns a row into a link target (applied to its first cell).
 */
export function reportTableView(t: ReportTable, options: { link?: (row: ReportTable['rows'][number]) => string | null } = {}): HTMLElement {
  return h('div', { 'data-report-table': t.id },
    h('div', { class: 'scroll' }, h('table', { 'data-table': t.id },
      h('thead', {}, h('tr', {}, ...t.columns.map((c) => h('th', { title: c.description ?? '', 'data-col': c.key }, columnHeading(c))))),
      h('tbody', {}, ...t.rows.map((r) => {
        const href = options.link?.(r) ?? null;
        return h('tr', {}, ...r.map((v, j) => {
          const c = t.columns[j]!;
          const text = formatValue(v, c.kind);
          return h('td', { class: numeric(c.kind) ? 'num' : c.kind === 'text' && String(v).length > 60 ? 'wrap' : '', 'data-col': c.key, 'data-value': v === null ? '' : String(v) }, j === 0 && href ? h('a', { href }, text) : text);
        }));
      })))),
    ...t.notes.map((n) => h('p', { class: 'rule' }, n)));
}
