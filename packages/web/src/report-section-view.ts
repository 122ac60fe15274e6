import type { Cell, ReportSection } from '@cvm/core/report';
import { h } from './dom.js';
import { reportTable } from './table.js';

/** A core report section: title, lines, warnings (first, as notices), then its tables (each titled, with its notes). */
export function reportSectionView(
  s: ReportSection,
  options: { tables?: boolean; link?: (key: string, value: Cell) => string | null } = {},
): HTMLElement {
  return h(
    'section',
    { 'data-section': s.id },
    h('h2', {}, s.title),
    ...s.warnings.map((w) => h('p', { class: 'notice', 'data-role': 'warning' }, w)),
    ...s.lines.map((l) => h('p', {}, l)),
    ...(options.tables === false
      ? []
      : s.tables.map((t) => reportTable(t, { heading: 'h3', ...(options.link ? { link: options.link } : {}) }))),
  );
}
