import { columnHeading, formatCell, normalizeCell, type ReportTable } from '@cvm/core';
import type { Format, Table } from './output.js';

/**
 * A core report table (declared once with `defineTable`) as a CLI table: for people, headings with
 * units and cells formatted by kind (money, %, ×); for machines, the column keys and raw values.
 */
export function cliTable(t: ReportTable, format: Format): Table {
  if (format === 'table') {
    return { title: t.title, columns: t.columns.map(columnHeading), rows: t.rows.map((r) => r.map((v, j) => formatCell(v, t.columns[j]!))), notes: t.notes };
  }
  return { title: t.title, columns: t.columns.map((c) => c.key), rows: t.rows.map((r) => r.map((v) => normalizeCell(v))), notes: t.notes };
}
