/**
 * `@cvm/core/report`: the pure part of the report layer (table declarations, formatting, CSV),
 * safe to bundle in the dashboard. Everything here is also exported from `@cvm/core`.
 */
export {
  defineTable,
  columnHeading,
  tableRecords,
  normalizeCell,
  type DisplayKind,
  type Cell,
  type ReportColumn,
  type ReportTable,
  type ColumnSpec,
  type TableSpec,
  type TablePageJson,
} from './report-table.js';
export { csvCell, csvLine, csvNumber, csvQuoted, tableToCsv } from './csv.js';
export {
  formatValue,
  formatCell,
  formatNumber,
  formatMoney,
  formatPercent,
  formatPoints,
  formatPValue,
  type FormatOptions,
} from './format-value.js';
export { NO_PROGRESS, type ReportSection, type Progress } from './report-section.js';
export { matrixTable } from './matrix-table.js';
