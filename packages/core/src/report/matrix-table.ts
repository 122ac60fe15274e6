import type { Cell, DisplayKind, ReportTable } from './report-table.js';

/**
 * A cross table (row states × column states, plus a total column) as a report table; its columns
 * depend on the data, so it is built rather than declared.
 * @example
 * matrixTable('t', 'Moves', 'from \\ to', ['A', 'B'], ['A', 'B'], [[1, 2], [0, 3]], 'count').columns.map((c) => c.key);
 * // → ['from', 'A', 'B', 'total']
 */
export function matrixTable(
  id: string,
  title: string,
  corner: string,
  rowStates: readonly string[],
  columnStates: readonly string[],
  values: readonly (readonly number[])[],
  kind: DisplayKind,
  notes: readonly string[] = [],
): ReportTable {
  return {
    id,
    title,
    columns: [
      { key: 'from', label: corner, kind: 'text' },
      ...columnStates.map((s) => ({ key: s, label: s, kind })),
      { key: 'total', label: 'total', kind },
    ],
    rows: rowStates.map((r, i): Cell[] => [r, ...values[i]!, values[i]!.reduce((a, b) => a + b, 0)]),
    notes: [...notes],
  };
}
