import { columnHeading, formatValue, type ReportSection, type ReportTable } from '@cvm/core/report';
import { h } from './dom.js';

const numeric = (kind: string): boolean => kind !== 'text' && kind !== 'id' && kind !== 'date';

/**
 * A core report table as an HTML table: headings with units, cells formatted by column kind (the
 * same text as the CLI), the raw value in data-value, notes under it. `link` turns a cell into a link.
 */
export function reportTableView(t: ReportTable, options: { link?: (key: string, value: unknown) => string | null } = {}): HTMLElement {
  const head = t.columns.map((c) => h('th', { scope: 'col', title: c.description ?? '' }, columnHeading(c)));
  const rows = t.rows.map((r) =>
    h(
      'tr',
      {},
      ...t.columns.map((c, j) => {
        const v = r[j] ?? null;
        const text = formatValue(v, c.kind);
        const href = options.link?.(c.key, v) ?? null;
        return h(
          'td',
          { class: numeric(c.kind) ? 'num' : text.length > 60 ? 'wrap' : '', 'data-col': c.key, 'data-value': v === null ? '' : String(v) },
          href ? h('a', { href }, text) : text,
        );
      }),
    ),
  );
  return h(
    'section',
    { 'data-report-table': t.id },
    h('h3', {}, t.title),
    h(
      'div',
      { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': t.title },
      h('table', { 'data-table': t.id }, h('thead', {}, h('tr', {}, ...head)), h('tbody', {}, ...rows)),
    ),
    ...t.notes.map((n) => h('p', { class: 'rule' }, n)),
  );
}

/** A core report section: title, lines, warnings (first, as notices), then its tables. */
export function reportSectionView(
  s: ReportSection,
  options: { tables?: boolean; link?: (key: string, value: unknown) => string | null } = {},
): HTMLElement {
  return h(
    'section',
    { 'data-section': s.id },
    h('h2', {}, s.title),
    ...s.warnings.map((w) => h('p', { class: 'notice', 'data-role': 'warning' }, w)),
    ...s.lines.map((l) => h('p', {}, l)),
    ...(options.tables === false ? [] : s.tables.map((t) => reportTableView(t, options))),
  );
}
