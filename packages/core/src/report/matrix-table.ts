import type { Cell, DisplayKind, ReportTable } from './report-table.js';

/** How a cross table is laid out: its first column's key, and whether a row-total column ends it. */
export interface MatrixOptions {
  /** Key of the first (row state) column (default `from`). */
  cornerKey?: string;
  /** A last column with each row's sum (default true; false for shares of the row, which sum to 1). */
  total?: boolean;
  /** Words for the column states' labels (e.g. `at_risk` → "at risk"); keys stay the states. */
  labels?: Readonly<Record<string, string>>;
}

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
  options: MatrixOptions = {},
): ReportTable {
  const total = options.total ?? true;
  return {
    id,
    title,
    columns: [
      { key: options.cornerKey ?? 'from', label: corner, kind: 'text' },
      ...columnStates.map((s) => ({ key: s, label: options.labels?.[s] ?? s, kind })),
      ...(total ? [{ key: 'total', label: 'total', kind }] : []),
    ],
    rows: rowStates.map((r, i): Cell[] => [r, ...values[i]!, ...(total ? [values[i]!.reduce((a, b) => a + b, 0)] : [])]),
    notes: [...notes],
  };
}
