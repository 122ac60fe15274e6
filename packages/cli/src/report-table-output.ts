import { columnHeading, formatCell, normalizeCell, tableRecords, type ReportTable } from '@cvm/core';
import type { Format, Table } from './output.js';

/**
 * A core report table (declared once with `defineTable`) as a CLI table: for people, headings with
 * units and cells formatted by column kind; for machines, the column keys and raw values.
 */
export function cliTable(t: ReportTable, format: Format, currency?: string): Table {
  if (format === 'table') {
    return { title: t.title, columns: t.columns.map(columnHeading), rows: t.rows.map((r) => r.map((v, j) => formatCell(v, t.columns[j]!, { currency }))), notes: t.notes };
  }
  return { title: t.title, columns: t.columns.map((c) => c.key), rows: t.rows.map((r) => r.map(normalizeCell)), notes: t.notes };
}

/** A report table as JSON: its id, title, columns (key, label, kind, unit, description), records and notes. */
export function tableJson(t: ReportTable): unknown {
  return { id: t.id, title: t.title, columns: t.columns, rows: tableRecords(t), notes: t.notes };
}
