import { columnHeading, formatCell, normalizeCell, tableRecords, type ReportSection, type ReportTable } from '@cvm/core';
import type { Format, Output, Table } from './output.js';

/**
 * A core report table (declared once with `defineTable`) as a CLI table: for people, headings with
 * units and cells formatted by column kind; for machines, the column keys and raw values.
 */
export function cliTable(t: ReportTable, format: Format, currency?: string): Table {
  if (format === 'table') {
    return {
      title: t.title,
      columns: t.columns.map(columnHeading),
      rows: t.rows.map((r) => r.map((v, j) => formatCell(v, t.columns[j]!, { currency }))),
      notes: t.notes,
    };
  }
  return { title: t.title, columns: t.columns.map((c) => c.key), rows: t.rows.map((r) => r.map(normalizeCell)), notes: t.notes };
}

/** A report table as JSON: its id, title, columns (key, label, kind, unit, description), records and notes. */
export function tableJson(t: ReportTable): unknown {
  return { id: t.id, title: t.title, columns: t.columns, rows: tableRecords(t), notes: t.notes };
}

/**
 * A core report section as CLI output in a format: its title, lines and warnings as text, its
 * tables through {@link cliTable} (money in `currency`), the section itself as the JSON payload.
 */
export function sectionCliOutput(s: ReportSection, format: Format, currency?: string): Output {
  return {
    text: [s.title, ...s.lines, ...s.warnings.map((w) => `Warning: ${w}`)],
    tables: s.tables.map((t) => cliTable(t, format, currency)),
    json: { ...s, tables: s.tables.map(tableJson) },
  };
}
